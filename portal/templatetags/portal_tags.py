"""Labels for what the portal shows, in the reader's language: entry
descriptions (portal/entries.py), entry kinds, sales channels."""

from django import template

from cooperatives.choices import SalesChannel
from portal import entries
from shop.models import EntryKind

register = template.Library()


@register.filter
def entry_description(row):
    return entries.as_html(row)


@register.filter
def entry_kind(value):
    try:
        return EntryKind(value).label
    except ValueError:
        return value


@register.filter
def channel_label(value):
    try:
        return SalesChannel(value).label
    except ValueError:
        return value
