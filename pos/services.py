"""Point-of-sale writes: opening a session, sending lots to it, recording
the sales devices made (through the shop's one order-creation service) and
closing it (cash counted, unsold units back, money to the ledger).

Lock order, the same on every path: the session's row, then the shop's
order (variants by id, then lots by id), then the session's lots by id."""

import datetime
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pos.models import (
    CashCount,
    PosSession,
    Sale,
    SessionLot,
    Transfer,
    TransferLine,
)
from pos.payload import SaleInput
from pos.selectors import session_reconcile
from shop.models import Lot, LotStatus, Payment, PaymentStatus
from shop.services.locks import variants_lock
from shop.services.lots import LotError, lots_back_from_pos, lots_send_to_pos
from shop.services.orders import (
    OrderError,
    WantedLine,
    order_lines_lock,
)
from shop.services.payments import order_mark_paid
from shop.services.sessions import counter_order_create


class PosError(Exception):
    """A point-of-sale operation refused, with a message for staff."""


def _lock_session(session_id: int) -> PosSession:
    return PosSession.objects.select_for_update().get(pk=session_id)


def _lock_session_lots(session: PosSession, lot_ids) -> dict[int, SessionLot]:
    """Lock the lots' variants and lots (the shop's order), then the
    session's rows for them; {lot id: session lot}."""
    lot_ids = set(lot_ids)
    variants_lock(
        Lot.objects.filter(pk__in=lot_ids).values_list("variant_id", flat=True)
    )
    list(Lot.objects.select_for_update().filter(pk__in=lot_ids).order_by("pk"))
    return {
        row.lot_id: row
        for row in SessionLot.objects.select_for_update()
        .filter(session=session, lot_id__in=lot_ids)
        .select_related("lot__variant__product")
        .order_by("pk")
    }


@transaction.atomic
def pos_session_open(
    *, channel: str, place: str, date: datetime.date, user=None
) -> PosSession:
    return PosSession.objects.create(
        channel=channel, place=place, date=date, opened_by=user
    )


@transaction.atomic
def pos_transfer_out(
    *, session_id: int, quantities: dict[int, int], user=None
) -> Transfer:
    """Send units of lots ({lot id: units}) to the session's place, with
    their transfer document. They leave the online shop's stock; each lot
    travels at its variant's price of the moment, the price of the stand."""
    session = _lock_session(session_id)
    if session.is_closed:
        raise PosError(_("This session is already closed."))
    quantities = {int(k): int(v) for k, v in quantities.items() if int(v)}
    if not quantities:
        raise PosError(_("Choose at least one lot to send."))
    rows = _lock_session_lots(session, quantities)
    try:
        lots_send_to_pos(quantities, day=session.date)
    except LotError as error:
        raise PosError(str(error)) from error
    transfer = Transfer.objects.create(
        session=session, direction=Transfer.Direction.OUT, user=user
    )
    lots = Lot.objects.select_related("variant").in_bulk(quantities)
    for lot_id in sorted(quantities):
        TransferLine.objects.create(
            transfer=transfer, lot_id=lot_id, quantity=quantities[lot_id]
        )
        row = rows.get(lot_id) or SessionLot.objects.create(
            session=session, lot_id=lot_id, unit_price=lots[lot_id].variant.price
        )
        SessionLot.objects.filter(pk=row.pk).update(
            transferred=F("transferred") + quantities[lot_id]
        )
    return transfer


def _bring_back(session: PosSession, rows, user) -> Transfer | None:
    unsold = {row.lot_id: row.at_place for row in rows if row.at_place}
    if not unsold:
        return None
    lots_back_from_pos(unsold)
    transfer = Transfer.objects.create(
        session=session, direction=Transfer.Direction.BACK, user=user
    )
    for row in rows:
        if row.at_place:
            TransferLine.objects.create(
                transfer=transfer, lot_id=row.lot_id, quantity=row.at_place
            )
            SessionLot.objects.filter(pk=row.pk).update(
                returned=F("returned") + row.at_place
            )
    return transfer


# Sales ---------------------------------------------------------------------
def _allocate(sale: SaleInput, session: PosSession, rows) -> dict[int, int] | None:
    """{lot id: units} the sale takes from the place: the lot the seller
    tapped or scanned first, then other lots of the same product there
    (first to expire first). None when the place does not hold enough."""
    left = {
        lot_id: row.at_place
        for lot_id, row in rows.items()
        if row.lot.status == LotStatus.RELEASED and row.lot.best_before >= session.date
    }
    taken: dict[int, int] = defaultdict(int)
    for line in sale.lines:
        row = rows.get(line.lot_id)
        if row is None:
            return None
        candidates = [line.lot_id] + [
            lot_id
            for lot_id, other in sorted(
                rows.items(), key=lambda item: (item[1].lot.best_before, item[0])
            )
            if lot_id != line.lot_id and other.lot.variant_id == row.lot.variant_id
        ]
        wanted = line.quantity
        for lot_id in candidates:
            share = min(left.get(lot_id, 0), wanted)
            if share:
                taken[lot_id] += share
                left[lot_id] -= share
                wanted -= share
        if wanted:
            return None
    return dict(taken)


def _order_for(sale: SaleInput, session: PosSession, rows, taken: dict[int, int]):
    """Create the sale's order through the shop's one order-creation
    service, from the units held at the place: they come back from the
    place into their lots, then are sold from those very lots, in one
    transaction under the locks (the online shop never sees them)."""
    lot_ids = sorted(taken)
    lots_back_from_pos(taken)
    locked = order_lines_lock(
        [
            WantedLine(
                variant_id=rows[lot_id].lot.variant_id,
                quantity=taken[lot_id],
                unit_price=rows[lot_id].unit_price,
            )
            for lot_id in lot_ids
        ],
        day=session.date,
    )
    order = counter_order_create(
        locked,
        day=session.date,
        channel=session.channel,
        place=session.place,
        payment_method=sale.payment_method,
        language=sale.language,
        allocations=[[(rows[lot_id].lot, taken[lot_id])] for lot_id in lot_ids],
    )
    for lot_id in lot_ids:
        SessionLot.objects.filter(pk=rows[lot_id].pk).update(
            sold=F("sold") + taken[lot_id]
        )
    return order


def _sale_total(sale: SaleInput, rows) -> int:
    return sum(
        rows[line.lot_id].unit_price * line.quantity
        for line in sale.lines
        if line.lot_id in rows
    )


@transaction.atomic
def pos_sale_record(*, session_id: int, sale: SaleInput, user=None) -> tuple:
    """Record one sale a device made: (Sale, created).

    Accepted once: the sale's id is the one the device made, so the same
    sale sent again (a retry, another device syncing the same export) finds
    the sale already recorded and changes nothing. A sale the place cannot
    serve any more (two devices sold the last jar, the session was closed,
    the shop refuses the product) is kept as a shortfall for staff, with no
    stock moved: it is never dropped and stock never goes below zero.
    Raises PosError when the device reuses a receipt number for another
    sale."""
    try:
        with transaction.atomic():
            record = Sale.objects.create(
                id=sale.id,
                session_id=session_id,
                device_id=sale.device_id,
                receipt_number=sale.receipt_number,
                made_at=sale.made_at,
                language=sale.language,
                payment_method=sale.payment_method,
                cash_received=sale.cash_received,
                card_reference=sale.card_reference,
                lines=[
                    {"lot": line.lot_id, "quantity": line.quantity}
                    for line in sale.lines
                ],
                total=0,
                status=Sale.Status.SHORTFALL,
                synced_by=user if user and user.is_authenticated else None,
            )
    except IntegrityError:
        existing = Sale.objects.filter(pk=sale.id).first()
        if existing is None:
            raise PosError(_("This device already used this receipt number.")) from None
        return existing, False
    session = _lock_session(session_id)
    lot_ids = {line.lot_id for line in sale.lines}
    variant_ids = Lot.objects.filter(pk__in=lot_ids).values_list(
        "variant_id", flat=True
    )
    # Every lot of those products at the place: a unit may come from one.
    rows = _lock_session_lots(
        session,
        SessionLot.objects.filter(
            session=session, lot__variant_id__in=variant_ids
        ).values_list("lot_id", flat=True),
    )
    record.total = _sale_total(sale, rows)
    if session.is_closed:
        record.shortfall = Sale.Shortfall.CLOSED
    elif (taken := _allocate(sale, session, rows)) is None:
        record.shortfall = Sale.Shortfall.STOCK
    else:
        try:
            with transaction.atomic():
                record.order = _order_for(sale, session, rows, taken)
        except (OrderError, LotError):
            record.shortfall = Sale.Shortfall.REFUSED
        else:
            record.status = Sale.Status.ACCEPTED
            record.total = record.order.total
    record.save()
    return record, True


@transaction.atomic
def pos_shortfall_resolve(*, sale_id, user) -> Sale:
    """Staff settled a shortfall (goods found, money refunded...)."""
    sale = Sale.objects.select_for_update().get(pk=sale_id)
    if sale.status != Sale.Status.SHORTFALL:
        raise PosError(_("Only a shortfall can be resolved."))
    if sale.resolved_at is None:
        sale.resolved_at = timezone.now()
        sale.resolved_by = user
        sale.save(update_fields=["resolved_at", "resolved_by"])
    return sale


# Closing -------------------------------------------------------------------
@transaction.atomic
def pos_session_close(*, session_id: int, counted: dict, user=None) -> PosSession:
    """Close the session: the cash and card slips counted per device and
    payment method are kept beside what the synced sales expect, unsold
    units go back to the warehouse lots (a transfer document), and every
    accepted sale's order is paid on the session's date, so its money
    reaches the ledger under the session's channel.

    `counted` maps (device id as text, payment method) to centimes; every
    device and method with sales must be counted."""
    session = _lock_session(session_id)
    if session.is_closed:
        raise PosError(_("This session is already closed."))
    report = session_reconcile(session)
    counts = []
    for row in report.rows:
        key = (str(row.device_id), row.payment_method)
        value = counted.get(key)
        if not isinstance(value, int) or value < 0:
            raise PosError(_("Count the cash and card slips of every device."))
        counts.append(
            CashCount(
                session=session,
                device_id=row.device_id,
                payment_method=row.payment_method,
                expected=row.expected,
                counted=value,
            )
        )
    CashCount.objects.bulk_create(counts)
    rows = _lock_session_lots(session, session.lots.values_list("lot_id", flat=True))
    _bring_back(session, [rows[lot_id] for lot_id in sorted(rows)], user)
    for sale in session.sales.filter(status=Sale.Status.ACCEPTED).select_related(
        "order"
    ):
        if sale.order.paid_at is not None:
            continue
        payment = Payment.objects.create(
            order=sale.order,
            provider=sale.payment_method,
            reference=f"pos-{sale.pk}",
            amount=sale.order.total,
            status=PaymentStatus.SUCCEEDED,
        )
        order_mark_paid(
            order_id=sale.order_id,
            payment=payment,
            day=session.date,
            user=user,
            message=str(session),
        )
    session.closed_at = timezone.now()
    session.closed_by = user
    session.save(update_fields=["closed_at", "closed_by"])
    return session
