"""Emails to buyers, always in the order's language, as HTML and plain text.

Each email is sent once: it carries an idempotency key (what it is about,
"order_confirmation:42"), claimed in the database before sending and marked
sent after (shop.models.SentEmail). A task run again, after its worker died
or the database restarted under it, finds the key and sends nothing. The
tasks wait out a database restart (core.database) instead of failing."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from core.database import retry_on_connection_errors, survives_database_restarts
from shop.models import Order, OrderEvent, SentEmail

logger = logging.getLogger(__name__)


def _claim(key: str) -> bool:
    """True when this attempt may send the email of `key`."""
    try:
        with transaction.atomic():
            SentEmail.objects.create(key=key)
        return True
    except IntegrityError:
        pass
    if SentEmail.objects.filter(key=key, status=SentEmail.Status.SENDING).exists():
        # Claimed by an attempt that stopped before recording the result:
        # the email may have gone. Never twice, so a person checks.
        logger.error("Email %s may not have been sent; not sending it again", key)
    return False


def send_once(key: str, message: EmailMessage, after_sent=None) -> bool:
    """Send `message` unless the email of `key` was sent (or claimed)
    before; `after_sent` runs in the transaction that records it. Returns
    whether it was sent now. Everything the message needs from the database
    is read before the claim, so only the sending itself lies between claim
    and record; the record waits out a database restart."""
    if not retry_on_connection_errors(lambda: _claim(key)):
        return False
    try:
        message.send()
    except Exception:
        # Not sent: a later attempt may send it. (Interrupted while sending,
        # it may have gone: the claim stays, and the email is not repeated.)
        retry_on_connection_errors(
            SentEmail.objects.filter(key=key, status=SentEmail.Status.SENDING).delete
        )
        raise

    def record():
        with transaction.atomic():
            SentEmail.objects.filter(key=key).update(
                status=SentEmail.Status.SENT, sent_at=timezone.now()
            )
            if after_sent is not None:
                after_sent()

    retry_on_connection_errors(record, seconds=600)
    return True


def one_line(text: str) -> str:
    """A subject rendered from a template, on one line. Only line breaks are
    joined: the no-break spaces inside amounts (95,00\u00a0MAD) stay."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def order_url(order: Order) -> str:
    with translation.override(order.language):
        path = (
            reverse("shop:order_detail", kwargs={"number": order.number})
            + f"?token={order.access_token}"
        )
    return settings.PUBLIC_URL.rstrip("/") + path


def send_templated(
    order: Order, template: str, context: dict | None = None, *, key: str = ""
) -> bool:
    """The email `template` about `order`, sent once under `key` (by
    default one per order: "order_confirmation:42"). A buyer who paid cash
    without giving an email gets none (nor an "email sent" event): the
    foundation reaches them by phone (the recall list gives it)."""
    if not order.email:
        return False
    with translation.override(order.language):
        context = {
            "order": order,
            "lines": list(order.lines.all()),
            "vat_breakdown": order.vat_breakdown(),
            "order_url": order_url(order),
            **(context or {}),
        }
        subject = render_to_string(f"shop/emails/{template}_subject.txt", context)
        text = render_to_string(f"shop/emails/{template}.txt", context)
        html = render_to_string(f"shop/emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[order.email],
        headers={"Content-Language": order.language},
    )
    message.attach_alternative(html, "text/html")
    return send_once(
        key or f"{template}:{order.pk}",
        message,
        after_sent=lambda: OrderEvent.objects.create(
            order=order,
            kind=OrderEvent.Kind.EMAIL,
            message=f"{template} to {order.email}",
        ),
    )


@task()
@survives_database_restarts
def send_order_confirmation(order_id: int) -> None:
    order = Order.objects.get(pk=order_id)
    send_templated(order, "order_confirmation")


@task()
@survives_database_restarts
def send_payment_received(order_id: int) -> None:
    order = Order.objects.get(pk=order_id)
    send_templated(order, "payment_received")


@task()
@survives_database_restarts
def send_refund_notice(refund_id: int) -> None:
    from shop.models import Refund

    refund = Refund.objects.select_related("order").get(pk=refund_id)
    send_templated(
        refund.order,
        "refund_notice",
        {"refund": refund},
        key=f"refund_notice:{refund_id}",
    )


@task()
@survives_database_restarts
def send_recall_notice(order_id: int, lot_id: int) -> None:
    from shop.models import Lot

    order = Order.objects.get(pk=order_id)
    lot = Lot.objects.select_related("variant__product").get(pk=lot_id)
    with translation.override(order.language):
        product = lot.variant.product.name
    send_templated(
        order,
        "recall_notice",
        {"lot": lot, "product": product},
        key=f"recall_notice:{lot_id}:{order_id}",
    )


def statement_url(statement, language: str) -> str:
    """The statement's page in the cooperative portal, in `language`."""
    with translation.override(language):
        path = reverse("portal:statement", kwargs={"pk": statement.pk})
    slug = statement.cooperative.slug
    return f"{settings.PUBLIC_URL.rstrip('/')}{path}?c={slug}"


@task()
@survives_database_restarts
def send_statement_issued(statement_id: int) -> None:
    """Each member of the cooperative with an email address gets the new
    statement's figures and a link to it, in the language they last used
    the portal in."""
    from cooperatives.models import CooperativeMembership
    from shop.models import Statement

    statement = Statement.objects.select_related("cooperative", "previous").get(
        pk=statement_id
    )
    memberships = (
        CooperativeMembership.objects.filter(
            cooperative_id=statement.cooperative_id, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        language = membership.language
        with translation.override(language):
            context = {
                "statement": statement,
                "member": membership.user,
                "statement_url": statement_url(statement, language),
            }
            subject = render_to_string("shop/emails/statement_subject.txt", context)
            text = render_to_string("shop/emails/statement.txt", context)
            html = render_to_string("shop/emails/statement.html", context)
        message = EmailMultiAlternatives(
            subject=one_line(subject),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[membership.user.email],
            headers={"Content-Language": language},
        )
        message.attach_alternative(html, "text/html")
        send_once(f"statement_issued:{statement_id}:{membership.user_id}", message)


def _absolute(path: str) -> str:
    return settings.PUBLIC_URL.rstrip("/") + path


@task(takes_context=True)
@survives_database_restarts
def send_account_email(context, user_id: int, kind: str, language: str) -> None:
    """After a sign-up: the activation link ("activate"), or, when the
    address already has an account, how to log in or reset the password
    ("exists"), in the language the visitor signed up in. Each sign-up
    sends its own email: the key is the task's own id."""
    from django.contrib.auth import get_user_model

    from shop.services.accounts import activation_link_parts

    user = get_user_model().objects.get(pk=user_id)
    with translation.override(language):
        if kind == "activate":
            uidb64, token = activation_link_parts(user)
            links = {
                "activate_url": _absolute(
                    reverse("shop:activate", kwargs={"uidb64": uidb64, "token": token})
                )
            }
        else:
            links = {
                "login_url": _absolute(reverse("shop:login")),
                "reset_url": _absolute(reverse("shop:password_reset")),
            }
        values = {"user": user, **links}
        name = f"shop/emails/account_{kind}"
        subject = render_to_string(f"{name}_subject.txt", values)
        text = render_to_string(f"{name}.txt", values)
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"Content-Language": language},
    )
    send_once(f"account_{kind}:{context.task_result.id}", message)
