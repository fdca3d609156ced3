"""Stock held per lot: receiving, first-expiry-first-out allocation, holds,
recalls, write-offs and returns.

Variant.stock stays the number the shop can sell: for a variant with lots it
is the stock of its released, unexpired lots. A lot stops being sellable the
day after its best-before date: `expired_stock` says how much of a variant's
stock that is until `lots_expire` (run daily) writes it off.
Every function here runs inside the caller's transaction and locks rows in
the shop's fixed order: variants by id, then lots by id. Each lot keeps
received = sold + in stock + returned + written off (a database constraint).
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from cooperatives.models import today
from core import page_cache
from shop.models import (
    Consignment,
    Inspection,
    Lot,
    LotStatus,
    OrderLineLot,
    SpecBook,
    WriteOff,
)
from shop.models.lots import InspectionResult
from shop.selectors import sellable_stock  # noqa: F401 - one home, re-exported
from shop.services.ledger import deduction_record
from shop.services.locks import variant_stock_add, variants_lock


class LotError(Exception):
    """A lot operation refused, with a message for staff."""


def _lock_variant_then_lot(lot_id: int) -> Lot:
    variant_id = Lot.objects.values_list("variant_id", flat=True).get(pk=lot_id)
    variants_lock([variant_id])
    return Lot.objects.select_for_update().get(pk=lot_id)


# Receiving -----------------------------------------------------------------
@transaction.atomic
def consignment_receive(*, consignment_id: int, user=None) -> Consignment:
    consignment = Consignment.objects.select_for_update().get(pk=consignment_id)
    if consignment.is_received:
        raise LotError(_("This consignment was already received."))
    lines = list(consignment.lines.select_related("variant__product").order_by("pk"))
    if not lines:
        raise LotError(_("A consignment needs at least one line."))
    for line in lines:
        if line.variant.product.cooperative_id != consignment.cooperative_id:
            raise LotError(
                _("%(sku)s is not a product of this cooperative.")
                % {"sku": line.variant.sku}
            )
        if line.best_before < line.production_date:
            raise LotError(_("A best-before date is before its production date."))
    variants_lock({line.variant_id for line in lines})
    for line in lines:
        lot, _created = Lot.objects.get_or_create(
            cooperative_id=consignment.cooperative_id,
            code=line.lot_code.strip(),
            defaults={
                "variant": line.variant,
                "production_date": line.production_date,
                "best_before": line.best_before,
                # The rules in force the day it arrived judge it later.
                "spec_book": SpecBook.objects.in_force(
                    category_id=line.variant.product.category_id,
                    day=consignment.received_on,
                ),
            },
        )
        lot = Lot.objects.select_for_update().get(pk=lot.pk)
        if lot.variant_id != line.variant_id:
            raise LotError(
                _("Lot %(code)s already holds another product.") % {"code": lot.code}
            )
        Lot.objects.filter(pk=lot.pk).update(
            received=F("received") + line.quantity, stock=F("stock") + line.quantity
        )
        if lot.status == LotStatus.RELEASED:
            variant_stock_add(lot.variant_id, line.quantity)
        line.lot = lot
        line.save(update_fields=["lot"])
    costs = consignment.transport_cost + consignment.insurance_cost
    if consignment.costs_deducted and costs:
        deduction_record(
            cooperative_id=consignment.cooperative_id,
            amount=costs,
            day=consignment.received_on,
            label=f"transport and insurance, consignment {consignment.pk}",
            consignment=consignment,
        )
    consignment.is_received = True
    consignment.received_by = user
    consignment.save(update_fields=["is_received", "received_by"])
    return consignment


# Selling -------------------------------------------------------------------
def lots_allocate(lines, *, day: datetime.date | None = None) -> list:
    """First expiry, first out, for [(locked variant, quantity)]: for each
    line, in order, the [(lot, units)] it comes from (empty for a variant
    sold from its own stock, without lots). A variant may appear on several
    lines: each takes what the lines before it left. Lots expired on `day`
    are not sold. Raises LotError naming what cannot be served."""
    variant_ids = {variant.pk for variant, _quantity in lines}
    lots = defaultdict(list)
    for lot in (
        Lot.objects.select_for_update()
        .filter(variant_id__in=variant_ids)
        .order_by("variant_id", "best_before", "pk")
    ):
        lots[lot.variant_id].append(lot)
    day = day or today()
    left_in = {
        lot.pk: lot.stock
        for variant_lots in lots.values()
        for lot in variant_lots
        if lot.status == LotStatus.RELEASED and lot.best_before >= day
    }
    allocations, problems = [], []
    for variant, quantity in lines:
        sellable = [lot for lot in lots.get(variant.pk, []) if left_in.get(lot.pk)]
        if variant.pk not in lots:
            allocations.append([])
            continue
        if sum(left_in[lot.pk] for lot in sellable) < quantity:
            problems.append(
                _("“%(name)s” is out of stock.") % {"name": variant.product.name}
            )
            allocations.append([])
            continue
        taken, left = [], quantity
        for lot in sellable:
            share = min(left_in[lot.pk], left)
            taken.append((lot, share))
            left_in[lot.pk] -= share
            left -= share
            if not left:
                break
        allocations.append(taken)
    if problems:
        raise LotError("; ".join(dict.fromkeys(problems)))
    return allocations


def lots_commit(order_lines, allocations) -> None:
    """Record the allocations (as `lots_allocate` returned them, line by
    line) of freshly created order lines and move the lots' stock."""
    for line, taken in zip(order_lines, allocations, strict=True):
        if not taken:
            continue
        OrderLineLot.objects.bulk_create(
            [OrderLineLot(order_line=line, lot=lot, quantity=q) for lot, q in taken]
        )
        for lot, quantity in taken:
            Lot.objects.filter(pk=lot.pk).update(
                stock=F("stock") - quantity, sold=F("sold") + quantity
            )
        line.lot = ", ".join(lot.code for lot, _q in taken)[:40]
        line.save(update_fields=["lot"])


def lines_restock(quantities: dict[int, int]) -> dict[int, int]:
    """Put back `quantities` ({order line id: units}) into the lots they came
    from, latest allocation first. Returns the units per variant to add to
    Variant.stock (lots on hold or recalled keep theirs blocked); lines sold
    before lots existed return their units to the variant directly."""
    to_variants: dict[int, int] = defaultdict(int)
    allocations = defaultdict(list)
    for allocation in (
        OrderLineLot.objects.select_related("lot", "order_line")
        .filter(order_line_id__in=quantities)
        .order_by("-lot__best_before", "-pk")
    ):
        allocations[allocation.order_line_id].append(allocation)
    from shop.models import OrderLine

    for line in OrderLine.objects.filter(pk__in=quantities):
        left = quantities[line.pk]
        for allocation in allocations.get(line.pk, []):
            share = min(allocation.quantity - allocation.returned, left)
            if share <= 0:
                continue
            OrderLineLot.objects.filter(pk=allocation.pk).update(
                returned=F("returned") + share
            )
            Lot.objects.filter(pk=allocation.lot_id).update(
                stock=F("stock") + share, sold=F("sold") - share
            )
            if allocation.lot.status == LotStatus.RELEASED:
                to_variants[line.variant_id] += share
            left -= share
        if left and line.variant_id and not allocations.get(line.pk):
            to_variants[line.variant_id] += left
    return dict(to_variants)


# Points of sale --------------------------------------------------------------
def _lock_lots(lot_ids) -> dict[int, Lot]:
    """Lock the lots' variants (id order), then the lots (id order)."""
    variants_lock(
        Lot.objects.filter(pk__in=set(lot_ids)).values_list("variant_id", flat=True)
    )
    return {
        lot.pk: lot
        for lot in Lot.objects.select_for_update()
        .filter(pk__in=set(lot_ids))
        .order_by("pk")
    }


def lots_send_to_pos(quantities: dict[int, int], *, day: datetime.date) -> None:
    """Move units ({lot id: units}) out of the warehouse to a point of sale:
    the online shop stops counting them (Variant.stock), the lot keeps them
    as `at_pos` until they are sold there or brought back. Only released
    lots still good on `day` travel. Runs inside the caller's transaction."""
    lots = _lock_lots(quantities)
    problems = []
    for lot_id in sorted(quantities):
        lot, quantity = lots.get(lot_id), quantities[lot_id]
        if lot is None:
            raise LotError(_("Unknown lot."))
        if not lot.is_sellable_status or lot.best_before < day:
            problems.append(
                _("Lot %(code)s cannot be sold: it is on hold, recalled or expired.")
                % {"code": lot.code}
            )
        elif quantity <= 0 or quantity > lot.stock:
            problems.append(
                _("Lot %(code)s: choose between 1 and %(stock)s units.")
                % {"code": lot.code, "stock": lot.stock}
            )
    if problems:
        raise LotError("; ".join(problems))
    for lot_id in sorted(quantities):
        quantity = quantities[lot_id]
        Lot.objects.filter(pk=lot_id).update(
            stock=F("stock") - quantity, at_pos=F("at_pos") + quantity
        )
        variant_stock_add(lots[lot_id].variant_id, -quantity)


def lots_back_from_pos(quantities: dict[int, int]) -> None:
    """Bring units ({lot id: units}) back from a point of sale into the
    warehouse: the reverse movement of `lots_send_to_pos`. Units of a lot
    put on hold or recalled meanwhile come back blocked, as its other units.
    Runs inside the caller's transaction."""
    lots = _lock_lots(quantities)
    for lot_id in sorted(quantities):
        lot, quantity = lots.get(lot_id), quantities[lot_id]
        if lot is None or quantity <= 0 or quantity > lot.at_pos:
            raise LotError(
                _("Only %(units)s units of this lot are at a point of sale.")
                % {"units": lot.at_pos if lot else 0}
            )
    for lot_id in sorted(quantities):
        quantity = quantities[lot_id]
        Lot.objects.filter(pk=lot_id).update(
            stock=F("stock") + quantity, at_pos=F("at_pos") - quantity
        )
        if lots[lot_id].status == LotStatus.RELEASED:
            variant_stock_add(lots[lot_id].variant_id, quantity)


# Holds, recalls, write-offs, returns ---------------------------------------
@transaction.atomic
def lot_set_status(*, lot_id: int, status: str) -> Lot:
    lot = _lock_variant_then_lot(lot_id)
    if lot.status == LotStatus.RECALLED and status != LotStatus.RECALLED:
        raise LotError(_("A recalled lot cannot be sold again."))
    was_sellable = lot.status == LotStatus.RELEASED
    now_sellable = status == LotStatus.RELEASED
    if was_sellable != now_sellable:
        variant_stock_add(lot.variant_id, lot.stock if now_sellable else -lot.stock)
    lot.status = status
    lot.save(update_fields=["status"])
    return lot


@transaction.atomic
def inspection_record(*, inspection: Inspection) -> Inspection:
    """Save an inspection; a failed one puts its lot on hold. A checklist
    inspection's result is the one its criteria give (never the one typed);
    the public lot page shows the last inspection, so cached pages go."""
    from shop.services.quality import checklist_result

    inspection.save()
    computed = checklist_result(inspection)
    if computed is not None and computed != inspection.result:
        inspection.result = computed
        inspection.save(update_fields=["result"])
    page_cache.invalidate_on_commit()
    if inspection.result == InspectionResult.FAIL and inspection.lot_id:
        lot = Lot.objects.get(pk=inspection.lot_id)
        if lot.status == LotStatus.RELEASED:
            lot_set_status(lot_id=lot.pk, status=LotStatus.ON_HOLD)
    return inspection


def lots_expire(*, day: datetime.date | None = None, user=None) -> dict[str, int]:
    """Write off what is left in released lots past their best-before date
    (the daily command), so Variant.stock equals its released, unexpired lots
    again. Returns {lot code: units written off}."""
    day = day or today()
    expired = Lot.objects.filter(
        status=LotStatus.RELEASED, best_before__lt=day, stock__gt=0
    ).values_list("pk", flat=True)
    written = {}
    for lot_id in list(expired):
        with transaction.atomic():
            lot = _lock_variant_then_lot(lot_id)
            if lot.stock and lot.best_before < day and lot.is_sellable_status:
                written[lot.code] = lot.stock
                lot_remove(
                    lot_id=lot.pk,
                    quantity=lot.stock,
                    reason=WriteOff.Reason.EXPIRY,
                    user=user,
                )
    return written


@transaction.atomic
def lot_remove(*, lot_id: int, quantity: int, reason: str, user=None) -> Lot:
    """Take units out of a lot: a write-off (breakage, expiry, sample) or,
    with reason "returned", goods handed back to the cooperative."""
    lot = _lock_variant_then_lot(lot_id)
    if quantity <= 0 or quantity > lot.stock:
        raise LotError(
            _("Choose between 1 and %(stock)s units.") % {"stock": lot.stock}
        )
    field = "returned" if reason == "returned" else "written_off"
    Lot.objects.filter(pk=lot.pk).update(
        stock=F("stock") - quantity, **{field: F(field) + quantity}
    )
    if lot.status == LotStatus.RELEASED:
        variant_stock_add(lot.variant_id, -quantity)
    if field == "written_off":
        WriteOff.objects.create(lot=lot, quantity=quantity, reason=reason, user=user)
    lot.refresh_from_db()
    return lot


def recall_orders(lot: Lot):
    """The orders that received units of `lot`, oldest first."""
    from shop.models import Order

    return (
        Order.objects.filter(lines__allocations__lot=lot)
        .distinct()
        .order_by("placed_at", "pk")
    )


@transaction.atomic
def lot_recall(*, lot_id: int, user=None) -> list:
    """Block the lot's stock and email every buyer once, in their language.
    A lot is recalled once: the same order again emails nobody twice."""
    if _lock_variant_then_lot(lot_id).status == LotStatus.RECALLED:
        raise LotError(_("This lot was already recalled."))
    lot = lot_set_status(lot_id=lot_id, status=LotStatus.RECALLED)
    orders = list(recall_orders(lot))
    by_buyer = {}
    for order in orders:
        by_buyer.setdefault(order.email.lower(), order)
    from shop.emails import send_recall_notice

    for order in by_buyer.values():
        order_id, lot_pk = order.pk, lot.pk
        transaction.on_commit(
            lambda o=order_id, lp=lot_pk: send_recall_notice.enqueue(o, lp)
        )
    return orders
