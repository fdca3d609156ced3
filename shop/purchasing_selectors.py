"""Reads for pooled purchasing rounds: what a cooperative sees of a round
(its own orders and receipts, the round's totals and price reached, its
saving) and what staff see (every cooperative's lines). Functions that take
a cooperative return that cooperative's lines and nothing else."""

from dataclasses import dataclass, field

from django.db.models import Q, Sum

from shop.models import (
    PurchaseItem,
    PurchaseOrder,
    PurchaseReceipt,
    PurchasingRound,
    RoundStatus,
)
from shop.services.purchasing import is_taking_orders, saving, tier_price


@dataclass
class ItemLine:
    """One item of a round, as one cooperative (or the whole round) sees it."""

    item: PurchaseItem
    tiers: list[tuple[int, int]]
    total: int  # the round's total: fixed at closing, else ordered so far
    price: int  # the unit price reached (fixed at closing, else so far)
    next_tier: tuple[int, int] | None  # the next (quantity, price) to reach
    ordered: int = 0
    received: int | None = None  # None: no delivery recorded yet
    amount: int = 0  # what is (or would be) deducted
    saving: int = 0  # against buying alone


@dataclass
class RoundView:
    purchasing_round: PurchasingRound
    lines: list[ItemLine]
    taking_orders: bool
    amount: int = 0
    saving: int = 0
    bulk_order: object = None
    rows: list = field(default_factory=list)  # staff: per cooperative


def current_rounds():
    """Rounds still open (taking orders, or waiting for staff to close them)."""
    return PurchasingRound.objects.filter(status=RoundStatus.OPEN).order_by(
        "closes_at", "pk"
    )


def _took_part(cooperative) -> Q:
    return Q(items__orders__cooperative=cooperative, items__orders__quantity__gt=0) | Q(
        items__receipts__cooperative=cooperative
    )


def past_rounds(cooperative):
    """Closed and delivered rounds the cooperative ordered in or received from."""
    return (
        PurchasingRound.objects.exclude(status=RoundStatus.OPEN)
        .filter(_took_part(cooperative))
        .distinct()
        .order_by("-closes_at", "-pk")
    )


def round_for(cooperative, pk: int) -> PurchasingRound | None:
    """A round the cooperative may open: any open round; a closed one only
    if it took part (what others ordered is not its business)."""
    purchasing_round = PurchasingRound.objects.filter(pk=pk).first()
    if purchasing_round is None or purchasing_round.status == RoundStatus.OPEN:
        return purchasing_round
    return past_rounds(cooperative).filter(pk=pk).first()


def _items(purchasing_round) -> list[tuple[PurchaseItem, list, int, int, tuple]]:
    items = list(purchasing_round.items.prefetch_related("tiers"))
    so_far = dict(
        PurchaseOrder.objects.filter(item__purchasing_round=purchasing_round)
        .values("item_id")
        .annotate(total=Sum("quantity"))
        .values_list("item_id", "total")
    )
    result = []
    for item in items:
        tiers = [(tier.min_quantity, tier.unit_price) for tier in item.tiers.all()]
        if item.unit_price is not None:
            total, price = item.quantity, item.unit_price
        else:
            total = so_far.get(item.pk, 0)
            price = tier_price(item, total, tiers)
        ahead = [tier for tier in tiers if tier[0] > total]
        result.append((item, tiers, total, price, min(ahead) if ahead else None))
    return result


def round_view(purchasing_round, cooperative) -> RoundView:
    """The round as `cooperative` sees it: its own lines only."""
    ordered = dict(
        PurchaseOrder.objects.filter(
            item__purchasing_round=purchasing_round, cooperative=cooperative
        ).values_list("item_id", "quantity")
    )
    received = dict(
        PurchaseReceipt.objects.filter(
            item__purchasing_round=purchasing_round, cooperative=cooperative
        ).values_list("item_id", "quantity")
    )
    delivered = purchasing_round.status == RoundStatus.DELIVERED
    view = RoundView(
        purchasing_round=purchasing_round,
        lines=[],
        taking_orders=is_taking_orders(purchasing_round),
    )
    for item, tiers, total, price, next_tier in _items(purchasing_round):
        mine = ordered.get(item.pk, 0)
        got = received.get(item.pk, 0) if delivered else None
        counted = got if delivered else mine
        line = ItemLine(
            item=item,
            tiers=tiers,
            total=total,
            price=price,
            next_tier=next_tier,
            ordered=mine,
            received=got,
            amount=counted * price,
            saving=saving(
                solo_price=item.solo_price, unit_price=price, quantity=counted
            ),
        )
        view.lines.append(line)
        view.amount += line.amount
        view.saving += line.saving
    return view


@dataclass
class CooperativeRow:
    cooperative: object
    cells: dict  # {item id: (ordered, received or None)}
    columns: list = field(default_factory=list)  # the cells in the items' order
    amount: int = 0
    saving: int = 0


def round_summary(purchasing_round) -> RoundView:
    """The round as staff see it: every cooperative's lines, the bulk order,
    what each cooperative is (or was) deducted and saved."""
    view = RoundView(
        purchasing_round=purchasing_round,
        lines=[],
        taking_orders=is_taking_orders(purchasing_round),
        bulk_order=getattr(purchasing_round, "bulk_order", None),
    )
    delivered = purchasing_round.status == RoundStatus.DELIVERED
    items = _items(purchasing_round)
    prices = {item.pk: (item.solo_price, price) for item, _t, _q, price, _n in items}
    rows: dict[int, CooperativeRow] = {}

    def row(cooperative):
        return rows.setdefault(
            cooperative.pk, CooperativeRow(cooperative=cooperative, cells={})
        )

    for order in PurchaseOrder.objects.filter(
        item__purchasing_round=purchasing_round
    ).select_related("cooperative"):
        row(order.cooperative).cells[order.item_id] = (order.quantity, None)
    for receipt in PurchaseReceipt.objects.filter(
        item__purchasing_round=purchasing_round
    ).select_related("cooperative"):
        cells = row(receipt.cooperative).cells
        cells[receipt.item_id] = (receipt.ordered, receipt.quantity)
    for cooperative_row in rows.values():
        for item_id, (ordered, got) in cooperative_row.cells.items():
            counted = got if delivered else ordered
            solo, price = prices[item_id]
            cooperative_row.amount += (counted or 0) * price
            cooperative_row.saving += saving(
                solo_price=solo, unit_price=price, quantity=counted or 0
            )
    for item, tiers, total, price, next_tier in items:
        view.lines.append(
            ItemLine(
                item=item,
                tiers=tiers,
                total=total,
                price=price,
                next_tier=next_tier,
                amount=total * price,
                saving=saving(
                    solo_price=item.solo_price, unit_price=price, quantity=total
                ),
            )
        )
    for cooperative_row in rows.values():
        cooperative_row.columns = [
            cooperative_row.cells.get(item.pk) for item, *_rest in items
        ]
    view.rows = sorted(rows.values(), key=lambda r: str(r.cooperative.name))
    view.amount = sum(r.amount for r in view.rows)
    view.saving = sum(r.saving for r in view.rows)
    return view
