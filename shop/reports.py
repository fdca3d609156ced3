"""Staff reports that audit the money: the reconciliation of a period."""

import datetime

from django.db.models import Sum

from shop.models import EntryKind, LedgerEntry, Order, RefundBooking


def _total(queryset, field: str) -> int:
    return queryset.aggregate(total=Sum(field))["total"] or 0


def reconciliation(*, start: datetime.date, end: datetime.date) -> dict:
    """Sales by cooperative and channel, and the check of a period:
    collected - refunded = cooperative nets + commission + VAT + fees +
    delivery, each side dated as the ledger dates it (an order on the day
    its money counts, a session on its own day, a refund on the day the
    provider confirmed it and back out on the day it reported it failed)."""
    entries = LedgerEntry.objects.filter(occurred_on__range=(start, end)).exclude(
        kind=EntryKind.DEDUCTION
    )
    rows = (
        entries.values("cooperative__name_fr", "channel")
        .annotate(gross=Sum("gross"), net=Sum("net"), commission=Sum("commission"))
        .order_by("cooperative__name_fr", "channel")
    )
    paid = Order.objects.filter(paid_on__range=(start, end))
    refunds = RefundBooking.objects.filter(day__range=(start, end))
    totals = {
        name: _total(entries, name) for name in ("net", "commission", "vat", "fee")
    }
    collected = _total(paid, "total")
    refunded = _total(refunds, "amount")
    delivery = _total(paid, "delivery") - _total(refunds, "delivery")
    parts = sum(totals.values()) + delivery
    return {
        "rows": rows,
        "collected": collected,
        "refunded": refunded,
        "totals": totals,
        "delivery": delivery,
        "parts": parts,
        "balanced": collected - refunded == parts,
    }
