"""What the buyer's pages and emails say about an order
(see shop.orders.labels)."""

from django import template
from django.conf import settings
from django.urls import reverse

from shop.orders import labels

register = template.Library()


@register.filter
def buyer_status(order) -> str:
    return labels.buyer_status_label(
        status=order.status, payment_method=order.payment_method
    )


@register.filter
def cash_due(order) -> bool:
    return labels.cash_due(order)


@register.filter
def collected_in_store(order) -> bool:
    return labels.collected_in_store(order)


@register.simple_tag
def site_url(name: str) -> str:
    """An absolute address on the site, for emails (the links of
    shop.emails are made the same way), in the active language."""
    return settings.PUBLIC_URL.rstrip("/") + reverse(name)


@register.filter
def card_pay_page(order) -> str | None:
    return labels.card_pay_page(order)
