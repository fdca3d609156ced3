"""Health coverage where it touches money: a month's contribution, and the
fund the foundation keeps for it out of its commission.

A contribution the cooperative bears is a deduction from its earnings
(`deduction_record(contribution=...)`), shown in its statement in its own
language (portal/entries.py). The reconciliation of sales
(shop/reports.py) leaves deductions out on purpose: a deduction moves no
money collected from a buyer, so sales still balance.

The fund: of the commission the foundation earns on a cooperative's sales,
the share its agreement sets (`coverage_share_bp`) is put aside each month;
the contributions the foundation pays come out of it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from cooperatives.coverage import Contribution, Enrolment, Payer
from core import page_cache
from shop.models import EntryKind, LedgerEntry
from shop.money import percent_of
from shop.services.ledger import deduction_record


@transaction.atomic
def contribution_record(
    *,
    enrolment_id: int,
    month: datetime.date,
    paid_on: datetime.date,
    payer: str | None = None,
    user=None,
) -> Contribution:
    """Record that a month of an enrolment was paid, by whom (the
    enrolment's payer unless told), at the scheme's monthly amount. Once
    per enrolment and month: a second submission returns the first. When
    the cooperative bears it, the same amount is deducted from what it is
    owed, in the same transaction."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("scheme", "member")
        .get(pk=enrolment_id)
    )
    month = month.replace(day=1)
    existing = Contribution.objects.filter(enrolment=enrolment, month=month).first()
    if existing is not None:
        return existing
    if not enrolment.covers_month(month):
        raise ValidationError({"month": _("The enrolment does not cover this month.")})
    contribution = Contribution.objects.create(
        enrolment=enrolment,
        month=month,
        amount=enrolment.scheme.monthly_contribution,
        payer=payer or enrolment.payer,
        paid_on=paid_on,
        recorded_by=user,
    )
    if contribution.payer == Payer.COOPERATIVE and contribution.amount:
        deduction_record(
            cooperative_id=enrolment.member.cooperative_id,
            amount=contribution.amount,
            day=paid_on,
            # The audit trail names the scheme and month, not the member.
            label=f"coverage {enrolment.scheme.name_fr or enrolment.scheme.name} "
            f"{month:%Y-%m} #{contribution.pk}",
            contribution=contribution,
        )
    page_cache.invalidate_on_commit()
    return contribution


# The fund -------------------------------------------------------------------
SALES_KINDS = (EntryKind.SALE, EntryKind.REFUND, EntryKind.REFUND_VOID)


def fund_months(*, until: datetime.date | None = None) -> list[dict]:
    """Month by month: the commission share put aside (by each sale's
    agreement, refunds taking theirs back), the contributions the
    foundation paid out of it, and the balance after the month."""
    entries = LedgerEntry.objects.filter(kind__in=SALES_KINDS)
    uses = Contribution.objects.filter(payer=Payer.FOUNDATION)
    if until is not None:
        entries = entries.filter(occurred_on__lte=until)
        uses = uses.filter(paid_on__lte=until)
    credited: dict[datetime.date, int] = {}
    rows = (
        entries.filter(order_line__agreement__coverage_share_bp__gt=0)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month", "order_line__agreement__coverage_share_bp")
        .annotate(commission=Sum("commission"))
        .order_by()
    )
    for row in rows:
        share = percent_of(
            row["commission"], row["order_line__agreement__coverage_share_bp"]
        )
        credited[row["month"]] = credited.get(row["month"], 0) + share
    paid = {
        row["paid_month"]: row["total"]
        for row in uses.annotate(paid_month=TruncMonth("paid_on"))
        .values("paid_month")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    balance, months = 0, []
    for month in sorted(set(credited) | set(paid)):
        put_aside, used = credited.get(month, 0), paid.get(month, 0)
        balance += put_aside - used
        months.append(
            {"month": month, "put_aside": put_aside, "used": used, "balance": balance}
        )
    return months


def fund_balance(*, until: datetime.date | None = None) -> int:
    months = fund_months(until=until)
    return months[-1]["balance"] if months else 0
