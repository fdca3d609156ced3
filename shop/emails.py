"""Emails to buyers, always in the order's language, as HTML and plain text."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from shop.models import Order, OrderEvent


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
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_templated(order: Order, template: str, context: dict | None = None) -> None:
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
    message.send()
    OrderEvent.objects.create(
        order=order, kind=OrderEvent.Kind.EMAIL, message=f"{template} to {order.email}"
    )


@task()
def send_order_confirmation(order_id: int) -> None:
    order = Order.objects.get(pk=order_id)
    send_templated(order, "order_confirmation")


@task()
def send_payment_received(order_id: int) -> None:
    order = Order.objects.get(pk=order_id)
    send_templated(order, "payment_received")


@task()
def send_refund_notice(refund_id: int) -> None:
    from shop.models import Refund

    refund = Refund.objects.select_related("order").get(pk=refund_id)
    send_templated(refund.order, "refund_notice", {"refund": refund})


@task()
def send_recall_notice(order_id: int, lot_id: int) -> None:
    from shop.models import Lot

    order = Order.objects.get(pk=order_id)
    lot = Lot.objects.select_related("variant__product").get(pk=lot_id)
    with translation.override(order.language):
        product = lot.variant.product.name
    send_templated(order, "recall_notice", {"lot": lot, "product": product})


def statement_url(statement, language: str) -> str:
    """The statement's page in the cooperative portal, in `language`."""
    with translation.override(language):
        path = reverse("portal:statement", kwargs={"pk": statement.pk})
    slug = statement.cooperative.slug
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}?c={slug}"


@task()
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
        message.send()


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def send_account_email(user_id: int, kind: str, language: str) -> None:
    """After a sign-up: the activation link ("activate"), or, when the
    address already has an account, how to log in or reset the password
    ("exists"), in the language the visitor signed up in."""
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
        context = {"user": user, **links}
        name = f"shop/emails/account_{kind}"
        subject = render_to_string(f"{name}_subject.txt", context)
        text = render_to_string(f"{name}.txt", context)
    EmailMultiAlternatives(
        subject=one_line(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"Content-Language": language},
    ).send()
