from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from shop.money import format_mad

register = template.Library()


@register.filter
def mad(cents):
    """Centimes as the current language writes an amount in dirhams."""
    if cents in (None, ""):
        return ""
    return format_mad(int(cents), get_language() or "fr")


@register.filter
def mad_taken(cents):
    """An amount taken away (VAT, commission), written as a negative amount
    by the locale's own rule: a "-" typed before a formatted amount lands on
    the wrong side of it in right-to-left text."""
    if cents in (None, ""):
        return ""
    return format_mad(-int(cents), get_language() or "fr")


@register.filter
def sales_channel(value):
    """A sales channel's code as its name in the reader's language."""
    from cooperatives.choices import SalesChannel

    try:
        return SalesChannel(value).label
    except ValueError:
        return value


@register.filter
def rate_percent(basis_points):
    whole, rest = divmod(int(basis_points), 100)
    return f"{whole} %" if not rest else f"{whole},{rest:02d} %"


@register.filter
def isolated(value):
    """A code or an amount inside running text, isolated (``<bdi>``) so a
    right-to-left sentence keeps it whole: for values handed to
    ``blocktranslate`` (``with number=order.number|isolated``), the
    sentence's msgid unchanged. Escaped like any value."""
    return format_html("<bdi>{}</bdi>", value)
