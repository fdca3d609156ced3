"""Staff are told of each withdrawal request, in their own language, once."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from core.database import survives_database_restarts
from shop.emails import one_line, send_once


def _staff_to_notify():
    """Active staff who handle orders, with an email address."""
    User = get_user_model()
    return (
        User.objects.with_perm(
            "shop.change_order",
            include_superusers=True,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .order_by("pk")
    )


def _language(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    language = profile.get_preferred_language() if profile else ""
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


@task()
@survives_database_restarts
def send_withdrawal_notice(withdrawal_id: int) -> None:
    from shop.models import WithdrawalRequest
    from shop.services.consumer import withdrawal_lines

    request = WithdrawalRequest.objects.select_related("order").get(pk=withdrawal_id)
    lines = withdrawal_lines(request)
    url = settings.PUBLIC_URL.rstrip("/") + reverse(
        "shop_order_detail", args=(request.order_id,)
    )
    for user in _staff_to_notify():
        language = _language(user)
        with translation.override(language):
            context = {"withdrawal": request, "lines": lines, "staff_url": url}
            subject = render_to_string(
                "shop/emails/withdrawal_notice_subject.txt", context
            )
            text = render_to_string("shop/emails/withdrawal_notice.txt", context)
        message = EmailMultiAlternatives(
            subject=one_line(subject),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
            headers={"Content-Language": language},
        )
        send_once(f"withdrawal_notice:{withdrawal_id}:{user.pk}", message)
