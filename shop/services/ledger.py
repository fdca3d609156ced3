"""Writing the ledger: what each cooperative earned, when it becomes payable,
and what refunds and shared costs take back.

Per sale line, in centimes:
  charged    = gross - discount (what the buyer paid for the line)
  vat        = the line's VAT (from the order)
  cooperative base (excl. VAT) = charged - vat, or, when the foundation bears
             the discount, the undiscounted gross excl. VAT
  net        = base - base x commission rate of the agreement in force that day
  commission = charged - vat - net (what the foundation keeps of the line)
so gross = discount + vat + commission + net exactly. A refund of k of n
units reverses each part pro rata, cumulatively, so a full refund reverses
exactly what was recorded and a cooperative's share never goes below zero.
"""

import datetime

from django.db.models import Sum

from cooperatives.choices import SalesChannel
from shop.models import EntryKind, LedgerEntry, Order, PooledCost
from shop.money import allocate, divide_half_up, percent_of, vat_included


def agreement_terms(cooperative, channel: str, day: datetime.date) -> tuple[int, int]:
    """(commission in basis points, settlement delay in days) for a sale."""
    agreement = cooperative.agreement_on(day)
    if agreement is None:
        return 0, 0
    return agreement.commission_bp(channel), agreement.settlement_delay_days(channel)


def sale_parts(line, *, commission_bp: int, foundation_bears_discount: bool) -> dict:
    charged = line.gross - line.discount
    excl_vat = charged - line.vat
    if foundation_bears_discount:
        base = line.gross - vat_included(line.gross, line.vat_rate_bp)
    else:
        base = excl_vat
    net = base - percent_of(base, commission_bp)
    return {
        "gross": line.gross,
        "discount": line.discount,
        "vat": line.vat,
        "commission": excl_vat - net,
        "net": net,
    }


def payable_date(order: Order, day: datetime.date, delay_days: int) -> datetime.date:
    """Card sales after the agreement's delay; cash on delivery, store and fair
    sales as soon as the cash is in (collected, or the session closed)."""
    if order.channel == SalesChannel.ONLINE and order.payment_method == "stripe":
        return day + datetime.timedelta(days=delay_days)
    return day


def ledger_record_order(order: Order, *, day: datetime.date) -> list[LedgerEntry]:
    """The sale entries of a paid order, once (a line already recorded is
    skipped). Runs in the transaction that marks the order paid."""
    recorded = set(
        LedgerEntry.objects.filter(
            order_line__order=order, kind=EntryKind.SALE
        ).values_list("order_line_id", flat=True)
    )
    foundation_bears = order.discount_borne_by != "cooperative"
    entries = []
    for line in order.lines.select_related("cooperative").order_by("pk"):
        if line.pk in recorded:
            continue
        bp, delay = agreement_terms(line.cooperative, order.channel, day)
        parts = sale_parts(
            line, commission_bp=bp, foundation_bears_discount=foundation_bears
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
    return LedgerEntry.objects.bulk_create(entries)


def _share(value: int, done: int, now: int, total: int) -> int:
    return divide_half_up(value * now, total) - divide_half_up(value * done, total)


def ledger_record_refund(refund, *, day: datetime.date) -> list[LedgerEntry]:
    """Reversing entries for each refunded line, pro rata to the quantity."""
    entries = []
    for refund_line in refund.lines.select_related("order_line"):
        line = refund_line.order_line
        sale = LedgerEntry.objects.filter(order_line=line, kind=EntryKind.SALE).first()
        if sale is None:
            continue  # never earned (not paid): nothing to reverse
        done = (
            LedgerEntry.objects.filter(
                kind=EntryKind.REFUND, order_line=line
            ).aggregate(total=Sum("quantity"))["total"]
            or 0
        )
        done = -done  # refund entries carry negative quantities
        now = done + refund_line.quantity
        # The charged part is shared as one amount, exactly as the refund
        # itself was computed, so money refunded = parts reversed, to the centime.
        charged = _share(sale.gross - sale.discount, done, now, sale.quantity)
        gross = _share(sale.gross, done, now, sale.quantity)
        vat = _share(sale.vat, done, now, sale.quantity)
        net = _share(sale.net, done, now, sale.quantity)
        parts = {
            "gross": -gross,
            "discount": -(gross - charged),
            "vat": -vat,
            "net": -net,
            "commission": -(charged - vat - net),
        }
        entries.append(
            LedgerEntry(
                cooperative_id=sale.cooperative_id,
                kind=EntryKind.REFUND,
                channel=sale.channel,
                occurred_on=day,
                payable_on=day,
                order_line=line,
                refund_line=refund_line,
                quantity=-refund_line.quantity,
                commission_bp=sale.commission_bp,
                label=f"refund {refund.pk}: {sale.label}",
                **parts,
            )
        )
    return LedgerEntry.objects.bulk_create(entries)


def deduction_record(
    *, cooperative_id: int, amount: int, day: datetime.date, label: str, cost=None
) -> LedgerEntry:
    return LedgerEntry.objects.create(
        cooperative_id=cooperative_id,
        kind=EntryKind.DEDUCTION,
        occurred_on=day,
        payable_on=day,
        deduction=cost,
        net=-amount,
        label=label,
    )


def pooled_cost_allocate(*, cost_id: int, weights: dict[int, int]) -> list[LedgerEntry]:
    """Share a pooled cost between cooperatives in proportion to `weights`
    ({cooperative id: weight}); the shares add up to the cost exactly."""
    cost = PooledCost.objects.select_for_update().get(pk=cost_id)
    if cost.allocated:
        raise ValueError("this cost was already allocated")
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
