"""Reads for the cooperative portal. Every function takes the cooperative and
filters by it: nothing here can return another cooperative's data."""

import base64
import datetime
import re
from dataclasses import dataclass

from django.db.models import F, Max, Min, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth

from cooperatives.models import today
from core import fallback
from portal.entries import described
from shop.models import (
    EntryKind,
    LedgerEntry,
    OrderLine,
    SalesSummary,
    Statement,
    StatementStatus,
    Variant,
)


def _summaries(cooperative):
    return SalesSummary.objects.filter(cooperative=cooperative)


def sales_by_month(cooperative) -> list[dict]:
    """Sales (incl. VAT, refunds taken off) and the cooperative's net, by
    month, from the sales summaries: a few hundred rows for a year."""
    return list(
        _summaries(cooperative)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(gross=Sum("gross"), net=Sum("net"))
        .order_by("month")
    )


def _catalogue_names(skus) -> dict[str, tuple[str, str, str, str]]:
    """{SKU: (product name, variant label, name's language, label's
    language)} from the catalogue, in the reader's language with
    modeltranslation's fallbacks (the languages say which one each text
    came from, for the page to mark it): one query."""
    return {
        variant.sku: (
            variant.product.name,
            variant.label,
            fallback.shown_language(variant.product, "name"),
            fallback.shown_language(variant, "label"),
        )
        for variant in Variant.objects.filter(sku__in=set(skus)).select_related(
            "product"
        )
    }


def sales_by_product(cooperative, *, limit: int | None = None) -> list[dict]:
    """Sales by SKU, best first: one row per product variant, whatever the
    language it was ordered in, named from the catalogue in the reader's
    language (one query for the names). A SKU no longer in the catalogue
    keeps a name it was sold under."""
    rows = list(
        _summaries(cooperative)
        .values("sku")
        .annotate(quantity=Sum("quantity"), gross=Sum("gross"), net=Sum("net"))
        .order_by("-gross", "sku")[:limit]
    )
    names = _catalogue_names(row["sku"] for row in rows)
    missing = [row["sku"] for row in rows if row["sku"] not in names]
    if missing:
        names.update(
            (row["sku"], _snapshot_names(row["name"], row["label"], None))
            for row in OrderLine.objects.filter(
                cooperative=cooperative, sku__in=missing
            )
            .values("sku")
            .annotate(name=Max("product_name"), label=Max("variant_label"))
        )
    for row in rows:
        (
            row["name"],
            row["variant_label"],
            row["name_language"],
            row["label_language"],
        ) = names.get(row["sku"], ("", "", None, None))
    return rows


def _snapshot_names(name: str, label: str, language: str | None) -> tuple:
    """An order line's snapshot names with their languages: the order's
    (`language`), corrected by the script; the reader's when the names were
    gathered from several orders."""
    language = language or fallback.page_language()
    return (
        name,
        label,
        fallback.snapshot_language(name, language),
        fallback.snapshot_language(label, language),
    )


def sales_by_channel(cooperative) -> list[dict]:
    return list(
        _summaries(cooperative)
        .values("channel")
        .annotate(quantity=Sum("quantity"), gross=Sum("gross"), net=Sum("net"))
        .order_by("-gross", "channel")
    )


SALES_PAGE_SIZE = 50
NEWEST_FIRST = ("-occurred_on", "-order_line_id")
OLDEST_FIRST = ("occurred_on", "order_line_id")


@dataclass(frozen=True)
class Cursor:
    """A place in the sales list: the day and the order line of a sale.
    Written in links as an opaque token; any token that is not exactly one
    this class wrote reads as no cursor (the first page)."""

    day: datetime.date
    line_id: int

    def __str__(self) -> str:
        raw = f"{self.day:%Y%m%d}.{self.line_id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def parse(cls, token: str | None) -> "Cursor | None":
        if not token or len(token) > 40:
            return None
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            found = re.fullmatch(r"(\d{8})\.([1-9]\d{0,17})", raw.decode("ascii"))
            if found is None:
                return None
            day = datetime.datetime.strptime(found[1], "%Y%m%d").date()  # noqa: DTZ007
        except ValueError:  # not base64, not ASCII, not a date
            return None
        cursor = cls(day=day, line_id=int(found[2]))
        return cursor if str(cursor) == token else None


@dataclass(frozen=True)
class SalesPage:
    lines: list[dict]
    newer: Cursor | None  # the previous page: the lines newer than this one
    older: Cursor | None  # the next page: the lines older than this one

    @property
    def has_other_pages(self) -> bool:
        return self.newer is not None or self.older is not None


def _older_than(cursor: Cursor) -> Q:
    # The first condition bounds the index scan; the second sorts out the
    # cursor's own day.
    return Q(occurred_on__lte=cursor.day) & (
        Q(occurred_on__lt=cursor.day)
        | Q(occurred_on=cursor.day, order_line_id__lt=cursor.line_id)
    )


def _newer_than(cursor: Cursor) -> Q:
    return Q(occurred_on__gte=cursor.day) & (
        Q(occurred_on__gt=cursor.day)
        | Q(occurred_on=cursor.day, order_line_id__gt=cursor.line_id)
    )


def _any(entries, order) -> bool:
    # Not exists(): without the order, PostgreSQL may scan the whole table
    # to find none; in the index's order it stops at the first key.
    return bool(entries.order_by(*order).values_list("pk", flat=True)[:1])


def _cursor(row: dict) -> Cursor:
    return Cursor(day=row["occurred_on"], line_id=row["order_line_id"])


def _sale_rows(entries, order: tuple[str, str], size: int) -> list[dict]:
    return list(
        entries.order_by(*order).values(
            "order_line_id",
            "occurred_on",
            "channel",
            "quantity",
            "gross",
            paid_at=F("order_line__order__paid_at"),
            city=F("order_line__order__city"),
            sku=F("order_line__sku"),
            snapshot_name=F("order_line__product_name"),
            snapshot_label=F("order_line__variant_label"),
            order_language=F("order_line__order__language"),
        )[:size]
    )


def _lines(rows: list[dict]) -> list[dict]:
    """The rows as the sales page shows them: named from the catalogue in
    the reader's language (the order's snapshot if the product is gone),
    with what the cooperative earned on each line (one sum over the page's
    lines only)."""
    names = _catalogue_names(row["sku"] for row in rows)
    # The lines are the cooperative's (read from its own sale entries), and
    # so are their entries: filtering by line alone lets SQLite use the
    # order-line index instead of reading the cooperative's every entry.
    earned = dict(
        LedgerEntry.objects.filter(
            order_line_id__in=[row["order_line_id"] for row in rows]
        )
        .values("order_line_id")
        .annotate(net=Sum("net"))
        .values_list("order_line_id", "net")
    )
    lines = []
    for row in rows:
        name, label, name_language, label_language = names.get(
            row["sku"]
        ) or _snapshot_names(
            row["snapshot_name"], row["snapshot_label"], row["order_language"]
        )
        lines.append(
            {
                "pk": row["order_line_id"],
                "order__paid_at": row["paid_at"],
                "occurred_on": row["occurred_on"],
                "order__channel": row["channel"],
                "order__city": row["city"],
                "product_name": name,
                "variant_label": label,
                "name_language": name_language,
                "label_language": label_language,
                "sku": row["sku"],
                "quantity": row["quantity"],
                "gross": row["gross"],
                "net": earned.get(row["order_line_id"], 0),
            }
        )
    return lines


def sales_page(
    cooperative,
    *,
    after: Cursor | None = None,
    before: Cursor | None = None,
    size: int | None = None,
) -> SalesPage:
    """A page of the cooperative's paid order lines, newest first: those
    after the cursor `after` (older), or before `before` (newer), else the
    first page. Each line carries what the cooperative earned on it (its
    sale less its refunds); the buyer appears only as a city.

    The list is read from the sale entries (one per paid line) by key, day
    then line, through an index: any page costs what the first costs, and
    the queries are the same few whatever the page and the data."""
    size = size or SALES_PAGE_SIZE
    sales = LedgerEntry.objects.filter(cooperative=cooperative, kind=EntryKind.SALE)
    if before is not None:
        rows = _sale_rows(sales.filter(_newer_than(before)), OLDEST_FIRST, size + 1)
        if len(rows) <= size:  # the newest lines: the first page
            return sales_page(cooperative, size=size)
        rows = rows[:size][::-1]
        newer = _cursor(rows[0])
        older = _cursor(rows[-1])
        if not _any(sales.filter(_older_than(older)), NEWEST_FIRST):
            older = None
    else:
        found = sales.filter(_older_than(after)) if after is not None else sales
        rows = _sale_rows(found, NEWEST_FIRST, size + 1)
        if after is not None and not rows:  # past the end (or a forged cursor)
            return sales_page(cooperative, size=size)
        older = _cursor(rows[size - 1]) if len(rows) > size else None
        rows = rows[:size]
        newer = None
        if after is not None and _any(
            sales.filter(_newer_than(_cursor(rows[0]))), OLDEST_FIRST
        ):
            newer = _cursor(rows[0])
    return SalesPage(lines=_lines(rows), newer=newer, older=older)


def stock(cooperative):
    """The cooperative's variants with their stock online and the units
    standing at fairs and stores (sent there, not sold yet)."""
    return (
        Variant.objects.filter(product__cooperative=cooperative)
        .select_related("product")
        .annotate(at_pos=Coalesce(Sum("lots__at_pos"), 0))
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


def statement_entries(statement_obj, *, languages: bool = True):
    """The statement's entries, oldest first, with what describes them in the
    reader's language (portal.entries; `languages`: for HTML)."""
    return described(
        statement_obj.entries.order_by("occurred_on", "pk"), languages=languages
    )


def statement_entry_count(statement_obj) -> int:
    return statement_obj.entries.count()


@dataclass(frozen=True)
class Deduction:
    row: dict  # the entry, described (portal.entries)
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
        Deduction(row=row, occurred_on=row["occurred_on"], amount=row["net"])
        for row in described(
            pending.filter(kind=EntryKind.DEDUCTION).order_by("occurred_on", "pk")
        )
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
