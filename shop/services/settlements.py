"""Settlement statements: what each cooperative is owed for a period.

Rules: a statement takes every entry of the cooperative payable by the end of
its period and not yet settled; it is numbered and never changes once issued
(issuing the same period again returns it). Statements form a chain: each
one's opening balance is what the previous one left — nothing once it was
paid; its whole closing balance when it was not, and then the previous one is
closed as "carried into" the new one and can never be paid itself. So only
the latest statement is ever paid, at most once ("mark paid" records the bank
transfer reference and is safe to repeat with the same reference), and what a
cooperative was paid plus the balance of its latest unpaid statement always
equals the sum of its settled entries.
"""

import datetime

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperatives.models import Cooperative
from shop.emails import send_statement_issued
from shop.models import EntryKind, LedgerEntry, Statement, StatementStatus


class SettlementError(Exception):
    """A settlement step refused, with a message for staff."""


def _sum(queryset, field: str) -> int:
    return queryset.aggregate(total=Sum(field))["total"] or 0


def _carry(previous: Statement | None) -> int:
    """The opening balance the previous statement leaves (the caller holds
    its lock); an unpaid one is closed as carried into the next."""
    if previous is None or previous.status == StatementStatus.PAID:
        return 0
    if previous.status == StatementStatus.ISSUED:
        previous.status = StatementStatus.CARRIED
        previous.save(update_fields=["status"])
    return previous.closing_balance


@transaction.atomic
def statement_issue(*, cooperative_id: int, period_end: datetime.date) -> Statement:
    if period_end > timezone.localdate():
        raise SettlementError(_("A statement cannot cover days still to come."))
    cooperative = Cooperative.objects.select_for_update().get(pk=cooperative_id)
    existing = Statement.objects.filter(
        cooperative=cooperative, period_end=period_end
    ).first()
    if existing is not None:
        return existing
    if Statement.objects.filter(
        cooperative=cooperative, period_end__gt=period_end
    ).exists():
        raise SettlementError(_("A later period was already settled."))
    previous = (
        Statement.objects.select_for_update()
        .filter(cooperative=cooperative, period_end__lt=period_end)
        .order_by("-period_end")
        .first()
    )
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
    opening = _carry(previous)
    money = entries.filter(~Q(kind=EntryKind.DEDUCTION))
    statement = Statement.objects.create(
        number=f"ST-{period_end:%Y%m%d}-{cooperative.pk:04d}",
        cooperative=cooperative,
        period_start=min(first_day, period_end),
        period_end=period_end,
        opening_balance=opening,
        sales=_sum(sales, "gross"),
        refunds=_sum(
            entries.filter(kind__in=[EntryKind.REFUND, EntryKind.REFUND_VOID]),
            "gross",
        ),
        commission=_sum(money, "commission"),
        vat=_sum(money, "vat"),
        fees=_sum(money, "fee"),
        deductions=_sum(entries.filter(kind=EntryKind.DEDUCTION), "net"),
        net_payable=net,
        closing_balance=opening + net,
        by_channel=by_channel,
        previous=previous,
    )
    entries.update(statement=statement)
    # Sent once the statement is saved (the task runs after the commit).
    transaction.on_commit(lambda: send_statement_issued.enqueue(statement.pk))
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
    if statement.status == StatementStatus.CARRIED:
        following = Statement.objects.get(previous=statement)
        raise SettlementError(
            _(
                "This statement was carried into %(number)s: its balance is "
                "paid with that one."
            )
            % {"number": following.number}
        )
    if statement.amount_to_pay <= 0:
        raise SettlementError(
            _("Nothing to pay: the balance is carried to the next statement.")
        )
    _check_not_overpaid(statement)
    statement.status = StatementStatus.PAID
    statement.paid_at = timezone.now()
    statement.transfer_reference = reference
    statement.save(update_fields=["status", "paid_at", "transfer_reference"])
    return statement


def _check_not_overpaid(statement: Statement) -> None:
    """The guard behind the chain: paying this statement must not take the
    cooperative's payouts past what its settled entries add up to."""
    paid = _sum(
        Statement.objects.filter(
            cooperative_id=statement.cooperative_id, status=StatementStatus.PAID
        ),
        "closing_balance",
    )
    settled = _sum(
        LedgerEntry.objects.filter(
            cooperative_id=statement.cooperative_id,
            statement__period_end__lte=statement.period_end,
        ),
        "net",
    )
    if paid + statement.closing_balance > settled:
        raise SettlementError(
            _("Paying this statement would pay more than the cooperative earned.")
        )


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
        Statement.objects.filter(status=StatementStatus.PAID), "closing_balance"
    )
