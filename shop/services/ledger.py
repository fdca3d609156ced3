"""Writing the ledger: what each cooperative earned, when it becomes payable,
and what refunds and shared costs take back.

Per sale line, in centimes:
  charged    = gross - discount (what the buyer paid for the line)
  vat        = the line's VAT (from the order)
  cooperative base (excl. VAT) = charged - vat, or, when the foundation bears
             the discount, the undiscounted gross excl. VAT
  net        = base - base x commission rate of the agreement in force that day
  commission = charged - vat - net (what the foundation keeps of the line)
  fee        = the cooperative's share of the payment provider's fee, when its
             agreement says it bears fees (else 0: the foundation bears it)
so gross = discount + vat + commission + fee + net exactly. A refund of k of
n units reverses each part pro rata, as consecutive slices of the line, so a
full refund reverses exactly what was recorded.

Every entry enters the ledger through `ledger_entries_write`, which adds the
sales ones to their sales summaries (`SalesSummary`) in the same transaction.
"""

import datetime
from types import SimpleNamespace

from django.db import connection, transaction

from cooperatives.choices import FeesBorneBy, SalesChannel
from shop.models import (
    EntryKind,
    LedgerEntry,
    Order,
    OrderLine,
    PooledCost,
    SalesSummary,
)
from shop.money import allocate, divide_half_up, percent_of, vat_included

PART_FIELDS = ("gross", "discount", "vat", "commission", "fee", "net")


# The entries a sales summary adds up, and what it adds up of them.
SUMMARY_KINDS = frozenset({EntryKind.SALE, EntryKind.REFUND, EntryKind.REFUND_VOID})
SUMMARY_FIELDS = ("quantity", "gross", "discount", "vat", "commission", "fee", "net")
SUMMARY_KEY = ("cooperative", "day", "sku", "channel")
_UPSERT_ROWS = 100  # rows per INSERT: 11 parameters each, well under SQLite's limit


def ledger_entries_write(entries: list[LedgerEntry]) -> list[LedgerEntry]:
    """The one way entries enter the ledger: written together with the
    sales summaries they add to, in one transaction (the caller's, when it
    has one), so a summary always equals the sum of its entries."""
    with transaction.atomic(savepoint=False):
        written = LedgerEntry.objects.bulk_create(entries)
        _summaries_add(written)
    return written


def _skus(entries) -> dict[int, str]:
    """The SKU of each entry's order line: from the line the entry holds, or
    in one query for those it holds only by id."""
    field = LedgerEntry._meta.get_field("order_line")
    skus, missing = {}, set()
    for entry in entries:
        if field.is_cached(entry) and entry.order_line is not None:
            skus[entry.order_line_id] = entry.order_line.sku
        else:
            missing.add(entry.order_line_id)
    if missing:
        skus.update(OrderLine.objects.filter(pk__in=missing).values_list("pk", "sku"))
    return skus


def _summaries_add(entries) -> None:
    """Add sale, refund and restored-refund entries just written to the sales
    summary of their cooperative, day, SKU and channel (deductions are not
    sales). Call it in the transaction that writes them.

    One upsert adds to each row (`INSERT ... ON CONFLICT DO UPDATE SET
    x = x + excluded.x`, on SQLite and PostgreSQL alike): two transactions
    selling the same product the same day both add, the second waiting for
    the first's row lock. Django's `bulk_create(update_conflicts=True)` can
    only overwrite, not add. Rows go in key order, so two transactions
    touching the same rows lock them in the same order and cannot deadlock."""
    sales = [entry for entry in entries if entry.kind in SUMMARY_KINDS]
    if not sales:
        return
    skus = _skus(sales)
    totals: dict[tuple, list[int]] = {}
    for entry in sales:
        key = (
            entry.cooperative_id,
            entry.occurred_on,
            skus[entry.order_line_id],
            entry.channel,
        )
        sums = totals.setdefault(key, [0] * len(SUMMARY_FIELDS))
        for index, name in enumerate(SUMMARY_FIELDS):
            sums[index] += getattr(entry, name)
    _summaries_upsert(sorted(totals.items()))


def _summaries_upsert(rows: list[tuple[tuple, list[int]]]) -> None:
    meta, quote = SalesSummary._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    key = ", ".join(quote(meta.get_field(name).column) for name in SUMMARY_KEY)
    sums = [quote(name) for name in SUMMARY_FIELDS]
    adds = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in sums)
    one_row = "(" + ", ".join(["%s"] * (len(SUMMARY_KEY) + len(sums))) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _UPSERT_ROWS):
            chunk = rows[start : start + _UPSERT_ROWS]
            params = []
            for (cooperative_id, day, sku, channel), values in chunk:
                day = connection.ops.adapt_datefield_value(day)
                params.extend([cooperative_id, day, sku, channel, *values])
            sql = (
                f"INSERT INTO {table} ({key}, {', '.join(sums)}) "  # noqa: S608
                f"VALUES {', '.join([one_row] * len(chunk))} "
                f"ON CONFLICT ({key}) DO UPDATE SET {adds}"
            )
            cursor.execute(sql, params)


def agreement_terms(agreement, channel: str) -> tuple[int, int, bool]:
    """(commission in basis points, settlement delay in days, whether the
    cooperative bears payment fees) of a sale made under `agreement`.

    Every sale has one: a product whose cooperative has no agreement in
    force cannot be sold (see `order_create`)."""
    return (
        agreement.commission_bp(channel),
        agreement.settlement_delay_days(channel),
        agreement.fees_borne_by == FeesBorneBy.COOPERATIVE,
    )


def sale_parts(
    line, *, commission_bp: int, foundation_bears_discount: bool, fee: int = 0
) -> dict:
    """The one formula for a cooperative's share of a sale line: the base
    (price excl. VAT, after the discount when the cooperative bears it),
    less the commission on it, less the payment fee it bears (at most what
    is left)."""
    charged = line.gross - line.discount
    excl_vat = charged - line.vat
    if foundation_bears_discount:
        base = line.gross - vat_included(line.gross, line.vat_rate_bp)
    else:
        base = excl_vat
    before_fee = base - percent_of(base, commission_bp)
    # A cooperative bears a payment fee up to what the line earns it, never
    # more (a small line of a card payment with a fixed fee): the rest stays
    # with the foundation.
    fee = min(fee, max(before_fee, 0))
    net = before_fee - fee
    return {
        "gross": line.gross,
        "discount": line.discount,
        "vat": line.vat,
        "commission": excl_vat - fee - net,
        "fee": fee,
        "net": net,
    }


def unit_share(*, price: int, vat_rate_bp: int, commission_bp: int) -> int:
    """What a cooperative receives of one unit sold at `price` (VAT
    included), before payment fees: the product pages show it."""
    unit = SimpleNamespace(
        gross=price,
        discount=0,
        vat=vat_included(price, vat_rate_bp),
        vat_rate_bp=vat_rate_bp,
    )
    return sale_parts(
        unit, commission_bp=commission_bp, foundation_bears_discount=False
    )["net"]


def payable_date(order: Order, day: datetime.date, delay_days: int) -> datetime.date:
    """Card sales online after the agreement's delay (the acquirer pays the
    foundation later); wholesale and export sales after their channel's delay
    (the agreement's time for a business client's claims on the goods); cash
    on delivery, store and fair sales as soon as the cash is in (collected,
    or the session's day)."""
    from shop.payments.base import online_provider_codes

    online = order.payment_method in online_provider_codes()
    if (order.channel == SalesChannel.ONLINE and online) or order.channel in {
        SalesChannel.WHOLESALE,
        SalesChannel.EXPORT,
    }:
        return day + datetime.timedelta(days=delay_days)
    return day


def _fee_shares(order: Order, lines, fee: int) -> list[int]:
    """The payment's fee shared over the lines (by what each was charged) and
    the delivery; the delivery's share stays with the foundation."""
    weights = [line.gross - line.discount for line in lines] + [order.delivery]
    if not fee or sum(weights) <= 0:
        return [0] * len(lines)
    return allocate(fee, weights)[: len(lines)]


def ledger_record_order(
    order: Order, *, day: datetime.date, fee: int = 0
) -> list[LedgerEntry]:
    """The sale entries of a paid order, once (a line already recorded is
    skipped), under the agreement each line was sold under. Runs in the
    transaction that marks the order paid (`order_mark_paid`)."""
    recorded = set(
        LedgerEntry.objects.filter(
            order_line__order=order, kind=EntryKind.SALE
        ).values_list("order_line_id", flat=True)
    )
    foundation_bears = order.discount_borne_by != "cooperative"
    lines = list(order.lines.select_related("agreement").order_by("pk"))
    entries = []
    for line, fee_share in zip(lines, _fee_shares(order, lines, fee), strict=True):
        if line.pk in recorded:
            continue
        bp, delay, bears_fees = agreement_terms(line.agreement, order.channel)
        parts = sale_parts(
            line,
            commission_bp=bp,
            foundation_bears_discount=foundation_bears,
            fee=fee_share if bears_fees else 0,
        )
        entries.append(
            LedgerEntry(
                cooperative_id=line.cooperative_id,
                kind=EntryKind.SALE,
                channel=order.channel,
                occurred_on=day,
                payable_on=payable_date(order, day, delay),
                order_line=line,
                quantity=line.quantity,
                commission_bp=bp,
                label=f"{order.number} {line.product_name} ({line.sku})",
                **parts,
            )
        )
    return ledger_entries_write(entries)


def _slice(value: int, before: int, after: int, total: int) -> int:
    return divide_half_up(value * after, total) - divide_half_up(value * before, total)


def refund_line_parts(refund_line, sale: LedgerEntry) -> dict:
    """The parts of `sale` that a refund of units [before, before + quantity)
    of its line takes back (positive numbers). A line's refunds are
    consecutive slices, so together they take back exactly the sale."""
    before = refund_line.units_before
    after = before + refund_line.quantity
    n = sale.quantity
    # The charged part is sliced as one amount, as the refund's money was,
    # so money refunded = parts reversed, to the centime.
    charged = _slice(sale.gross - sale.discount, before, after, n)
    gross = _slice(sale.gross, before, after, n)
    vat = _slice(sale.vat, before, after, n)
    fee = _slice(sale.fee, before, after, n)
    net = _slice(sale.net, before, after, n)
    return {
        "gross": gross,
        "discount": gross - charged,
        "vat": vat,
        "commission": charged - vat - fee - net,
        "fee": fee,
        "net": net,
    }


def _refund_entries(refund, *, day: datetime.date, sign: int) -> list[LedgerEntry]:
    kind = EntryKind.REFUND if sign < 0 else EntryKind.REFUND_VOID
    entries = []
    for refund_line in refund.lines.select_related("order_line").order_by("pk"):
        sale = LedgerEntry.objects.filter(
            order_line_id=refund_line.order_line_id, kind=EntryKind.SALE
        ).first()
        if sale is None:
            continue  # never earned (not paid): nothing to reverse
        parts = refund_line_parts(refund_line, sale)
        label = f"refund {refund.pk}: {sale.label}"
        entries.append(
            LedgerEntry(
                cooperative_id=sale.cooperative_id,
                kind=kind,
                channel=sale.channel,
                occurred_on=day,
                payable_on=day,
                order_line=refund_line.order_line,
                refund_line=refund_line,
                quantity=sign * refund_line.quantity,
                commission_bp=sale.commission_bp,
                label=label if sign < 0 else f"failed {label}",
                **{name: sign * parts[name] for name in PART_FIELDS},
            )
        )
    return ledger_entries_write(entries)


def ledger_record_refund(refund, *, day: datetime.date) -> list[LedgerEntry]:
    """Reversing entries for each refunded line: its slice of the sale."""
    return _refund_entries(refund, day=day, sign=-1)


def ledger_restore_refund(refund, *, day: datetime.date) -> list[LedgerEntry]:
    """A booked refund the provider reported failed: the exact opposite of
    its reversing entries, so the cooperative's share is whole again."""
    return _refund_entries(refund, day=day, sign=1)


def deduction_record(
    *,
    cooperative_id: int,
    amount: int,
    day: datetime.date,
    label: str,
    cost=None,
    consignment=None,
    purchase=None,
    contribution=None,
) -> LedgerEntry:
    """A deduction from a cooperative's earnings, with what it is for: a
    pooled cost (`cost`), a consignment's transport and insurance
    (`consignment`), what a pooled purchasing round delivered (`purchase`,
    a PurchaseReceipt) or a member's health-coverage contribution the
    cooperative bears (`contribution`). `label` is kept for the audit
    trail; readers see a label made from the reference in their own
    language."""
    entry = LedgerEntry(
        cooperative_id=cooperative_id,
        kind=EntryKind.DEDUCTION,
        occurred_on=day,
        payable_on=day,
        deduction=cost,
        consignment=consignment,
        purchase=purchase,
        contribution=contribution,
        net=-amount,
        label=label,
    )
    return ledger_entries_write([entry])[0]


class AlreadyAllocated(ValueError):
    """The pooled cost was shared out already (a repeated submission)."""


@transaction.atomic
def pooled_cost_allocate(*, cost_id: int, weights: dict[int, int]) -> list[LedgerEntry]:
    """Share a pooled cost between cooperatives in proportion to `weights`
    ({cooperative id: weight}); the shares add up to the cost exactly."""
    cost = PooledCost.objects.select_for_update().get(pk=cost_id)
    if cost.allocated:
        raise AlreadyAllocated(cost)
    ids = sorted(weights)
    shares = allocate(cost.amount, [weights[i] for i in ids])
    entries = [
        deduction_record(
            cooperative_id=cooperative_id,
            amount=share,
            day=cost.incurred_on,
            label=cost.label,
            cost=cost,
        )
        for cooperative_id, share in zip(ids, shares, strict=True)
        if share
    ]
    cost.allocated = True
    cost.save(update_fields=["allocated"])
    return entries
