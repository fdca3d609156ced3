"""Consumer law in templates: the legal periods, the legal pages'
addresses for emails, and the order page's withdrawal section."""

from django import template
from django.conf import settings
from wagtail.models import Site

from shop.models.consumer import REFUND_DAYS, WITHDRAWAL_DAYS
from shop.services.consumer import legal_pages

register = template.Library()


@register.simple_tag
def legal_periods() -> dict:
    """{"withdrawal_days": 7, "refund_days": 15}"""
    return {"withdrawal_days": WITHDRAWAL_DAYS, "refund_days": REFUND_DAYS}


@register.simple_tag
def legal_page_url(name: str) -> str:
    """The absolute address of the default site's terms ("terms") or
    privacy ("privacy") page in the active language, for emails; empty when
    the site has none."""
    site = Site.objects.filter(is_default_site=True).first()
    page = legal_pages(site)[name]
    if page is None:
        return ""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    return settings.PUBLIC_URL.rstrip("/") + parts[2]


@register.inclusion_tag("shop/consumer/withdrawal_section.html", takes_context=True)
def withdrawal_section(context, order):
    """The order page's withdrawal part: the requests made and, within the
    period, the form (with its errors when it was sent back)."""
    from shop.consumer_views import withdrawal_context

    request = context.get("request")
    values = withdrawal_context(order, context.get("withdrawal_form"))
    values.update(
        order=order,
        request=request,
        csrf_token=context.get("csrf_token"),
        token=request.GET.get("token", "") if request else "",
    )
    return values


@register.simple_tag(takes_context=True)
def staff_withdrawals(context, order) -> dict:
    """The staff order screen's withdrawal requests (shop.consumer_admin)."""
    from shop.consumer_admin import staff_withdrawals as read

    return read(order, context["request"])


@register.filter
def quantity_for(prefill: dict, line_id) -> int:
    """The units a withdrawal request asks for on the order line."""
    return (prefill or {}).get(line_id, 0)
