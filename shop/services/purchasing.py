"""Pooled purchasing rounds: ordering, closing, delivery.

The rules, in one place:
- a cooperative has one order per item of a round, which it may change
  until the round's closing date, and not after (nor once staff closed it);
- the unit price of an item is the price of the highest tier the whole
  round's total reaches (below the first tier: the price of buying alone);
- closing fixes each item's total and price and records the one bulk order,
  whose cost is the sum of total × price;
- on delivery what each cooperative received is deducted once, at the price
  the round reached, through the ledger's one deduction service; the
  deductions add up to what was delivered at those prices (the bulk order's
  cost when every cooperative received what it ordered).

Every write locks the round's row first, so an order cannot slip in while
the round closes, and a repeated close or delivery finds the round moved on.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cooperatives.models import Cooperative
from shop.models import (
    BulkOrder,
    PurchaseItem,
    PurchaseOrder,
    PurchaseReceipt,
    PurchasingRound,
    RoundStatus,
)
from shop.services.ledger import deduction_record

# A quantity beyond this is a typing slip, not packaging for a cooperative.
MAX_QUANTITY = 1_000_000


class PurchasingError(ValueError):
    """A refused move, with the message shown to the person who tried it and,
    when it is about one field, the field's name."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class RoundClosed(PurchasingError):
    """Orders are taken only while the round is open."""


class AlreadyClosed(PurchasingError):
    """The round was closed already (a repeated submission)."""


class AlreadyDelivered(PurchasingError):
    """The delivery was recorded already (a repeated submission)."""


def tier_price(item: PurchaseItem, total: int, tiers=None) -> int:
    """The unit price of `item` for a round total of `total`: the highest
    tier reached, else the price of buying alone. `tiers`: (min quantity,
    unit price) pairs, when the caller has them already."""
    if tiers is None:
        tiers = item.tiers.values_list("min_quantity", "unit_price")
    reached = [(quantity, price) for quantity, price in tiers if total >= quantity]
    return max(reached)[1] if reached else item.solo_price


def saving(*, solo_price: int, unit_price: int, quantity: int) -> int:
    """What buying together saved against buying alone."""
    return quantity * (solo_price - unit_price)


def _locked_round(round_id: int) -> PurchasingRound:
    return PurchasingRound.objects.select_for_update().get(pk=round_id)


def is_taking_orders(purchasing_round: PurchasingRound, now=None) -> bool:
    now = now or timezone.now()
    return (
        purchasing_round.status == RoundStatus.OPEN and now < purchasing_round.closes_at
    )


def _closed_message(purchasing_round: PurchasingRound) -> str:
    return _("This round closed on %(date)s: its orders can no longer change.") % {
        "date": date_format(
            timezone.localtime(purchasing_round.closes_at), "DATETIME_FORMAT"
        )
    }


@transaction.atomic
def round_order(
    *,
    round_id: int,
    cooperative_id: int,
    quantities: dict[int, int],
    user=None,
) -> list[PurchaseOrder]:
    """Set a cooperative's quantities ({item id: quantity}) in an open
    round; 0 removes its order of the item. Setting the same quantities
    again changes nothing."""
    purchasing_round = _locked_round(round_id)
    if not is_taking_orders(purchasing_round):
        raise RoundClosed(_closed_message(purchasing_round))
    items = set(purchasing_round.items.values_list("pk", flat=True))
    for item_id, quantity in quantities.items():
        if item_id not in items:
            raise PurchasingError(_("This item is not offered in this round."))
        if not 0 <= quantity <= MAX_QUANTITY:
            raise PurchasingError(
                _("Enter a quantity between 0 and %(max)s.") % {"max": MAX_QUANTITY},
                field=f"item-{item_id}",
            )
    orders = []
    for item_id in sorted(quantities):
        if not quantities[item_id]:
            # None of this item: no order (a change of mind removes it).
            PurchaseOrder.objects.filter(
                item_id=item_id, cooperative_id=cooperative_id
            ).delete()
            continue
        order, _created = PurchaseOrder.objects.update_or_create(
            item_id=item_id,
            cooperative_id=cooperative_id,
            defaults={"quantity": quantities[item_id], "updated_by": user},
        )
        orders.append(order)
    return orders


def _totals(purchasing_round) -> dict[int, int]:
    totals = dict.fromkeys(purchasing_round.items.values_list("pk", flat=True), 0)
    for item_id, quantity in PurchaseOrder.objects.filter(
        item__purchasing_round=purchasing_round
    ).values_list("item_id", "quantity"):
        totals[item_id] += quantity
    return totals


@transaction.atomic
def round_close(
    *,
    round_id: int,
    supplier: str,
    reference: str,
    user=None,
    day: datetime.date | None = None,
) -> BulkOrder:
    """Close the round after its closing date: fix each item's total and
    the price its tier reached, and record the one bulk order placed."""
    purchasing_round = _locked_round(round_id)
    if purchasing_round.status != RoundStatus.OPEN:
        raise AlreadyClosed(_("This round was closed already."))
    if timezone.now() < purchasing_round.closes_at:
        raise PurchasingError(
            _("Cooperatives may order until %(date)s: close the round after.")
            % {
                "date": date_format(
                    timezone.localtime(purchasing_round.closes_at), "DATETIME_FORMAT"
                )
            }
        )
    supplier, reference = supplier.strip(), reference.strip()
    if not supplier:
        raise PurchasingError(_("Name the supplier."), field="supplier")
    if not reference:
        raise PurchasingError(_("Give the supplier's reference."), field="reference")
    totals = _totals(purchasing_round)
    if not any(totals.values()):
        raise PurchasingError(_("No cooperative ordered anything in this round."))
    cost = 0
    for item in purchasing_round.items.prefetch_related("tiers"):
        tiers = [(tier.min_quantity, tier.unit_price) for tier in item.tiers.all()]
        item.quantity = totals[item.pk]
        item.unit_price = tier_price(item, item.quantity, tiers)
        item.save(update_fields=["quantity", "unit_price"])
        cost += item.quantity * item.unit_price
    bulk = BulkOrder.objects.create(
        purchasing_round=purchasing_round,
        supplier=supplier,
        reference=reference,
        placed_on=day or timezone.localdate(),
        cost=cost,
        placed_by=user,
    )
    purchasing_round.status = RoundStatus.CLOSED
    purchasing_round.closed_at = timezone.now()
    purchasing_round.save(update_fields=["status", "closed_at"])
    return bulk


@dataclass(frozen=True)
class Delivered:
    receipts: list[PurchaseReceipt]
    cost: int


@transaction.atomic
def round_deliver(
    *,
    round_id: int,
    received: dict[tuple[int, int], int],
    day: datetime.date | None = None,
    user=None,
) -> Delivered:
    """Record what each cooperative received ({(item id, cooperative id):
    quantity}) and deduct it at the price the round reached: once, whatever
    how many times the delivery is submitted."""
    purchasing_round = _locked_round(round_id)
    if purchasing_round.status == RoundStatus.DELIVERED:
        raise AlreadyDelivered(_("This round's delivery was recorded already."))
    if purchasing_round.status != RoundStatus.CLOSED:
        raise PurchasingError(_("Close the round before recording its delivery."))
    day = day or timezone.localdate()
    items = {item.pk: item for item in purchasing_round.items.all()}
    cooperatives = set(
        Cooperative.objects.filter(
            pk__in={cooperative_id for _item, cooperative_id in received}
        ).values_list("pk", flat=True)
    )
    for (item_id, cooperative_id), quantity in received.items():
        if item_id not in items or cooperative_id not in cooperatives:
            raise PurchasingError(_("This line is not part of this round."))
        if not 0 <= quantity <= MAX_QUANTITY:
            raise PurchasingError(
                _("Enter a quantity between 0 and %(max)s.") % {"max": MAX_QUANTITY},
                field=f"received-{item_id}-{cooperative_id}",
            )
    ordered = {
        (item_id, cooperative_id): quantity
        for item_id, cooperative_id, quantity in PurchaseOrder.objects.filter(
            item__purchasing_round=purchasing_round
        ).values_list("item_id", "cooperative_id", "quantity")
    }
    # Every order is answered: a line left out is not silently "none came".
    missing = [
        key for key, quantity in ordered.items() if quantity and key not in received
    ]
    if missing:
        raise PurchasingError(
            _("Give the quantity received for every order (%(count)s missing).")
            % {"count": len(missing)}
        )
    receipts, cost = [], 0
    for key in sorted(set(ordered) | set(received)):
        item_id, cooperative_id = key
        item = items[item_id]
        quantity = received.get(key, 0)
        if not quantity and not ordered.get(key):
            continue
        receipt = PurchaseReceipt.objects.create(
            item=item,
            cooperative_id=cooperative_id,
            ordered=ordered.get(key, 0),
            quantity=quantity,
            unit_price=item.unit_price,
            amount=quantity * item.unit_price,
            received_on=day,
            recorded_by=user,
        )
        if receipt.amount:
            deduction_record(
                cooperative_id=cooperative_id,
                amount=receipt.amount,
                day=day,
                # For the audit trail; readers get portal/entries.py's sentence.
                label=f"{purchasing_round.name}: {quantity} × {item.name}",
                purchase=receipt,
            )
        receipts.append(receipt)
        cost += receipt.amount
    BulkOrder.objects.filter(purchasing_round=purchasing_round).update(
        delivered_cost=cost
    )
    purchasing_round.status = RoundStatus.DELIVERED
    purchasing_round.delivered_on = day
    purchasing_round.save(update_fields=["status", "delivered_on"])
    return Delivered(receipts=receipts, cost=cost)
