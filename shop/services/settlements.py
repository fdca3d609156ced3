"""Settlement statements: what each cooperative is owed for a period.

Rules: a statement takes every entry of the cooperative payable by the end of
its period and not yet settled; it is numbered and never changes once issued
(issuing the same period again returns it); its opening balance is what the
previous statement left: nothing once a positive balance was paid, a negative
balance carried forward until sales cover it; "mark paid" records the bank
transfer reference and is safe to repeat with the same reference.
"""

import datetime

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperatives.models import Cooperative
from shop.models import EntryKind, LedgerEntry, Statement, StatementStatus


class SettlementError(Exception):
    """A settlement step refused, with a message for staff."""


def _sum(queryset, field: str) -> int:
    return queryset.aggregate(total=Sum(field))["total"] or 0


def _opening(previous: Statement | None) -> int:
    if previous is None:
        return 0
    if previous.status == StatementStatus.PAID:
        return previous.closing_balance - previous.amount_to_pay
    return previous.closing_balance


@transaction.atomic
def statement_issue(*, cooperative_id: int, period_end: datetime.date) -> Statement:
    cooperative = Cooperative.objects.select_for_update().get(pk=cooperative_id)
    existing = Statement.objects.filter(
        cooperative=cooperative, period_end=period_end
    ).first()
    if existing is not None:
        return existing
    previous = (
        Statement.objects.filter(cooperative=cooperative, period_end__lt=period_end)
        .order_by("-period_end")
        .first()
    )
    if Statement.objects.filter(
        cooperative=cooperative, period_end__gt=period_end
    ).exists():
        raise SettlementError(_("A later period was already settled."))
    entries = LedgerEntry.objects.filter(
        cooperative=cooperative, statement__isnull=True, payable_on__lte=period_end
    )
    sales = entries.filter(kind=EntryKind.SALE)
    first_day = (
        previous.period_end + datetime.timedelta(days=1)
        if previous
        else (_first(entries) or period_end)
    )
    by_channel = {
        row["channel"]: row["gross"]
        for row in sales.values("channel").annotate(gross=Sum("gross"))
    }
    net = _sum(entries, "net")
    opening = _opening(previous)
    statement = Statement.objects.create(
        number=f"ST-{period_end:%Y%m%d}-{cooperative.pk:04d}",
        cooperative=cooperative,
        period_start=min(first_day, period_end),
        period_end=period_end,
        opening_balance=opening,
        sales=_sum(sales, "gross"),
        refunds=_sum(entries.filter(kind=EntryKind.REFUND), "gross"),
        commission=_sum(entries.filter(~Q(kind=EntryKind.DEDUCTION)), "commission"),
        vat=_sum(entries.filter(~Q(kind=EntryKind.DEDUCTION)), "vat"),
        deductions=_sum(entries.filter(kind=EntryKind.DEDUCTION), "net"),
        net_payable=net,
        closing_balance=opening + net,
        by_channel=by_channel,
    )
    entries.update(statement=statement)
    return statement


def _first(entries):
    first = entries.order_by("occurred_on").first()
    return first.occurred_on if first else None


@transaction.atomic
def statement_mark_paid(*, statement_id: int, reference: str) -> Statement:
    statement = Statement.objects.select_for_update().get(pk=statement_id)
    reference = reference.strip()
    if not reference:
        raise SettlementError(_("Please give the bank transfer reference."))
    if statement.status == StatementStatus.PAID:
        if statement.transfer_reference == reference:
            return statement  # the same click again: nothing changes
        raise SettlementError(
            _("This statement was already paid with transfer %(ref)s.")
            % {"ref": statement.transfer_reference}
        )
    if statement.amount_to_pay <= 0:
        raise SettlementError(
            _("Nothing to pay: the balance is carried to the next statement.")
        )
    statement.status = StatementStatus.PAID
    statement.paid_at = timezone.now()
    statement.transfer_reference = reference
    statement.save(update_fields=["status", "paid_at", "transfer_reference"])
    return statement


def period_end_for(cooperative, day: datetime.date) -> datetime.date | None:
    """The last closed period before `day`, as the cooperative's agreement
    says: the previous Sunday (weekly) or the previous month's last day."""
    agreement = cooperative.agreement_on(day)
    if agreement is None:
        return None
    if agreement.settlement_period == "weekly":
        return day - datetime.timedelta(days=day.isoweekday() % 7 or 7)
    return day.replace(day=1) - datetime.timedelta(days=1)


def total_paid_out() -> int:
    """What the foundation has paid cooperatives so far (paid statements)."""
    return _sum(
        Statement.objects.filter(status=StatementStatus.PAID, closing_balance__gt=0),
        "closing_balance",
    )
