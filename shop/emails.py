"""Emails to buyers, always in the order's language, as HTML and plain text."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from shop.models import Order, OrderEvent


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
        subject=" ".join(subject.split()),
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
