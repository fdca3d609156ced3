"""Each withdrawal request is acknowledged to the buyer, in the order's
language, and staff are told of it, in their own language: once each."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from core.database import survives_database_restarts
from shop.emails import one_line, send_once, send_templated
from shop.models.consumer import REFUND_DAYS


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


@task()
@survives_database_restarts
def send_withdrawal_received(withdrawal_id: int) -> None:
    """The buyer's acknowledgement of their withdrawal request (law 31-08),
    in the order's language: the day it was received, the order and the
    units going back, and the day the refund is due at the latest. Once
    per request, however often the task runs."""
    from shop.models import WithdrawalRequest
    from shop.services.consumer import withdrawal_lines

    request = WithdrawalRequest.objects.select_related("order").get(pk=withdrawal_id)
    send_templated(
        request.order,
        "return_request_received",
        {
            "withdrawal": request,
            "returned": withdrawal_lines(request),
            "refund_days": REFUND_DAYS,
        },
        key=f"return_request_received:{withdrawal_id}",
    )
