"""Reads for the cooperative portal. Every function takes the cooperative and
filters by it: nothing here can return another cooperative's data."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from cooperatives.models import today
from shop.models import (
    EntryKind,
    LedgerEntry,
    OrderLine,
    Statement,
    StatementStatus,
    Variant,
)


def _sales(cooperative):
    return LedgerEntry.objects.filter(
        cooperative=cooperative, kind__in=[EntryKind.SALE, EntryKind.REFUND]
    )


def sales_by_month(cooperative) -> list[dict]:
    return list(
        _sales(cooperative)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(gross=Sum("gross"), net=Sum("net"))
        .order_by("month")
    )


def sales_by_product(cooperative) -> list[dict]:
    return list(
        _sales(cooperative)
        .values("order_line__sku", "order_line__product_name")
        .annotate(quantity=Sum("quantity"), gross=Sum("gross"), net=Sum("net"))
        .order_by("-gross")
    )


def sales_by_channel(cooperative) -> list[dict]:
    return list(
        _sales(cooperative)
        .values("channel")
        .annotate(gross=Sum("gross"), net=Sum("net"), entries=Count("pk"))
        .order_by("-gross")
    )


def order_lines(cooperative):
    """The cooperative's order lines with what it earned on each; the buyer
    appears only as a city."""
    earned = (
        LedgerEntry.objects.filter(order_line=OuterRef("pk"))
        .values("order_line")
        .annotate(total=Sum("net"))
        .values("total")
    )
    return (
        OrderLine.objects.filter(cooperative=cooperative, order__paid_at__isnull=False)
        .annotate(net=Coalesce(Subquery(earned, output_field=IntegerField()), 0))
        .values(
            "pk",
            "order__paid_at",
            "order__channel",
            "order__city",
            "product_name",
            "variant_label",
            "sku",
            "quantity",
            "gross",
            "net",
        )
        .order_by("-order__paid_at", "-pk")
    )


def stock(cooperative):
    return (
        Variant.objects.filter(product__cooperative=cooperative)
        .select_related("product")
        .order_by("product__name", "sort_order", "pk")
    )


def statements(cooperative):
    """The cooperative's statements, latest first, each with its neighbours
    in the chain (the one it carries from, the one it was carried into)."""
    return (
        Statement.objects.filter(cooperative=cooperative)
        .select_related("previous", "next_statement")
        .order_by("-period_end")
    )


def statement(cooperative, pk) -> Statement | None:
    return statements(cooperative).filter(pk=pk).first()


def statement_entries(statement_obj):
    return statement_obj.entries.order_by("occurred_on", "pk")


@dataclass(frozen=True)
class Deduction:
    label: str
    occurred_on: datetime.date
    amount: int  # negative: what it takes from the cooperative


@dataclass(frozen=True)
class Owed:
    """What the foundation owes a cooperative, and why, in centimes. Signed
    parts of the entries not yet on a statement add up to `since`:
    sales + refunds + discounts + vat + commission + fees + deductions."""

    latest: Statement | None
    from_statement: int  # what the latest statement left unpaid
    payable_now: int
    coming: int
    coming_from: datetime.date | None  # when the first of `coming` is payable
    sales: int
    refunds: int
    discounts: int
    vat: int
    commission: int
    fees: int
    deductions: list[Deduction]

    @property
    def since(self) -> int:
        return self.payable_now + self.coming

    @property
    def total(self) -> int:
        return self.from_statement + self.since


def _sum_where(field: str, **condition) -> Coalesce:
    return Coalesce(Sum(field, filter=Q(**condition)), 0)


def owed(cooperative, *, day: datetime.date | None = None) -> Owed:
    """The one figure of "what we owe you", from the data of the statements:
    the latest statement's closing balance unless it was paid (a carried or
    negative balance still counts), plus the net of the entries no statement
    holds yet, split into payable by `day` and payable later. Right after a
    statement is issued, with nothing since, it is that statement's closing
    balance."""
    day = day or today()
    latest = (
        Statement.objects.filter(cooperative=cooperative)
        .order_by("-period_end", "-pk")
        .first()
    )
    pending = LedgerEntry.objects.filter(
        cooperative=cooperative, statement__isnull=True
    )
    money = ~Q(kind=EntryKind.DEDUCTION)
    refunds = [EntryKind.REFUND, EntryKind.REFUND_VOID]
    totals = pending.aggregate(
        payable_now=_sum_where("net", payable_on__lte=day),
        coming=_sum_where("net", payable_on__gt=day),
        coming_from=Min("payable_on", filter=Q(payable_on__gt=day)),
        sales=_sum_where("gross", kind=EntryKind.SALE),
        refunds=_sum_where("gross", kind__in=refunds),
        discounts=Coalesce(Sum("discount", filter=money), 0),
        vat=Coalesce(Sum("vat", filter=money), 0),
        commission=Coalesce(Sum("commission", filter=money), 0),
        fees=Coalesce(Sum("fee", filter=money), 0),
    )
    deductions = [
        Deduction(label=label, occurred_on=occurred_on, amount=net)
        for label, occurred_on, net in pending.filter(kind=EntryKind.DEDUCTION)
        .order_by("occurred_on", "pk")
        .values_list("label", "occurred_on", "net")
    ]
    return Owed(
        latest=latest,
        from_statement=(
            latest.closing_balance
            if latest is not None and latest.status != StatementStatus.PAID
            else 0
        ),
        payable_now=totals["payable_now"],
        coming=totals["coming"],
        coming_from=totals["coming_from"],
        sales=totals["sales"],
        refunds=totals["refunds"],
        # What the buyer did not pay and the foundation's and the State's
        # parts come out of the sales: shown as negative amounts.
        discounts=-totals["discounts"],
        vat=-totals["vat"],
        commission=-totals["commission"],
        fees=-totals["fees"],
        deductions=deductions,
    )
