import pytest

from cooperatives.models import today
from pos.models import CashCount, Sale, SessionLot, Transfer
from pos.selectors import session_reconcile
from pos.services import (
    PosError,
    pos_sale_record,
    pos_session_close,
    pos_shortfall_resolve,
    pos_transfer_out,
)
from pos.tests.conftest import DAY, assert_lot_conserved, receive, sale_input
from shop.models import LedgerEntry, Lot, LotStatus, Order, Variant
from shop.orders.states import OrderStatus
from shop.services.lots import lot_set_status
from shop.tests.test_lots import buy

pytestmark = pytest.mark.django_db


def stock(variant) -> int:
    return Variant.objects.get(pk=variant.pk).stock


def test_transfer_moves_units_out_of_the_online_stock(fair, honey, oil):
    session, honey_lot, oil_lot = fair

    assert (honey_lot.stock, honey_lot.at_pos) == (7, 3)
    assert (oil_lot.stock, oil_lot.at_pos) == (3, 2)
    assert stock(honey) == 7 and stock(oil) == 3
    transfer = Transfer.objects.get(session=session)
    assert transfer.direction == Transfer.Direction.OUT
    assert sorted(transfer.lines.values_list("lot_id", "quantity")) == sorted(
        [(honey_lot.pk, 3), (oil_lot.pk, 2)]
    )
    row = SessionLot.objects.get(session=session, lot=honey_lot)
    assert (row.transferred, row.unit_price, row.at_place) == (3, 11500, 3)
    assert_lot_conserved(honey_lot)


def test_online_shop_cannot_sell_the_units_at_the_fair(fair, honey):
    session, honey_lot, _oil = fair
    pos_transfer_out(session_id=session.pk, quantities={honey_lot.pk: 7})
    assert stock(honey) == 0

    from shop.services.checkout import CheckoutError

    with pytest.raises(CheckoutError):
        buy(honey, 1)
    assert Lot.objects.get(pk=honey_lot.pk).at_pos == 10


def test_sending_more_than_the_warehouse_holds_changes_nothing(fair, honey):
    session, honey_lot, _oil = fair

    with pytest.raises(PosError):
        pos_transfer_out(session_id=session.pk, quantities={honey_lot.pk: 8})

    honey_lot.refresh_from_db()
    assert (honey_lot.stock, honey_lot.at_pos, stock(honey)) == (7, 3, 7)
    assert Transfer.objects.filter(session=session).count() == 1


def test_a_lot_on_hold_does_not_travel(fair, honey):
    session, honey_lot, _oil = fair
    lot_set_status(lot_id=honey_lot.pk, status=LotStatus.ON_HOLD)

    with pytest.raises(PosError):
        pos_transfer_out(session_id=session.pk, quantities={honey_lot.pk: 1})
    assert Lot.objects.get(pk=honey_lot.pk).at_pos == 3


def test_a_sale_becomes_an_order_from_the_lots_at_the_place(fair, honey):
    session, honey_lot, oil_lot = fair

    sale, created = pos_sale_record(
        session_id=session.pk,
        sale=sale_input([(honey_lot, 2), (oil_lot, 1)], cash=35000, language="ar"),
    )

    assert created and sale.status == Sale.Status.ACCEPTED
    order = sale.order
    assert order.channel == "fair" and order.language == "ar"
    assert order.total == sale.total == 2 * 11500 + 9000
    assert order.status == OrderStatus.PLACED
    assert sorted(order.lines.values_list("sku", "quantity", "lot")) == [
        ("ARG-OIL-100", 1, "L-OIL"),
        ("TIF-THYM-250", 2, "L-HONEY"),
    ]
    honey_lot.refresh_from_db()
    assert (honey_lot.stock, honey_lot.at_pos, honey_lot.sold) == (7, 1, 2)
    assert stock(honey) == 7  # the online shop's stock did not move
    assert SessionLot.objects.get(session=session, lot=honey_lot).at_place == 1
    assert_lot_conserved(honey_lot)


def test_the_same_sale_twice_is_accepted_once(fair):
    session, honey_lot, _oil = fair
    sale = sale_input([(honey_lot, 1)])

    first, created_first = pos_sale_record(session_id=session.pk, sale=sale)
    again, created_again = pos_sale_record(session_id=session.pk, sale=sale)

    assert (created_first, created_again) == (True, False)
    assert again.pk == first.pk and again.order_id == first.order_id
    assert Order.objects.count() == 1
    assert Lot.objects.get(pk=honey_lot.pk).sold == 1


def test_a_receipt_number_reused_for_another_sale_is_refused(fair):
    session, honey_lot, _oil = fair
    first = sale_input([(honey_lot, 1)], receipt=7)
    pos_sale_record(session_id=session.pk, sale=first)

    with pytest.raises(PosError):
        pos_sale_record(
            session_id=session.pk,
            sale=sale_input([(honey_lot, 1)], device=first.device_id, receipt=7),
        )
    assert Sale.objects.count() == 1 and Order.objects.count() == 1


def test_a_sale_the_place_cannot_serve_is_kept_as_a_shortfall(fair, honey):
    session, honey_lot, _oil = fair

    sale, created = pos_sale_record(
        session_id=session.pk, sale=sale_input([(honey_lot, 4)])
    )

    assert created and sale.status == Sale.Status.SHORTFALL
    assert sale.shortfall == Sale.Shortfall.STOCK
    assert sale.order is None and sale.total == 4 * 11500
    honey_lot.refresh_from_db()
    assert (honey_lot.at_pos, honey_lot.sold, stock(honey)) == (3, 0, 7)
    assert Order.objects.count() == 0


def test_a_unit_may_come_from_another_lot_of_the_product_at_the_place(fair, honey):
    session, honey_lot, _oil = fair
    second = receive(honey, "L-HONEY-2", 4, days=400)
    pos_transfer_out(session_id=session.pk, quantities={second.pk: 2})

    sale, _ = pos_sale_record(session_id=session.pk, sale=sale_input([(second, 3)]))

    assert sale.status == Sale.Status.ACCEPTED
    assert Lot.objects.get(pk=second.pk).sold == 2
    assert Lot.objects.get(pk=honey_lot.pk).sold == 1
    assert_lot_conserved(second)


def test_a_recalled_lot_at_the_fair_is_a_shortfall(fair):
    session, honey_lot, _oil = fair
    lot_set_status(lot_id=honey_lot.pk, status=LotStatus.RECALLED)

    sale, _ = pos_sale_record(session_id=session.pk, sale=sale_input([(honey_lot, 1)]))

    assert sale.status == Sale.Status.SHORTFALL
    assert Lot.objects.get(pk=honey_lot.pk).at_pos == 3


def test_a_lot_of_another_session_is_a_shortfall(fair, honey):
    session, _honey, _oil = fair
    elsewhere = receive(honey, "L-ELSEWHERE", 2)

    sale, _ = pos_sale_record(session_id=session.pk, sale=sale_input([(elsewhere, 1)]))

    assert sale.status == Sale.Status.SHORTFALL
    assert Lot.objects.get(pk=elsewhere.pk).sold == 0


def close(session, counted):
    return pos_session_close(session_id=session.pk, counted=counted)


def test_closing_reconciles_cash_brings_back_stock_and_posts_the_ledger(
    fair, honey, oil
):
    session, honey_lot, oil_lot = fair
    device, other = sale_input([]).device_id, sale_input([]).device_id
    pos_sale_record(
        session_id=session.pk,
        sale=sale_input([(honey_lot, 1)], device=device, receipt=1, cash=20000),
    )
    pos_sale_record(
        session_id=session.pk,
        sale=sale_input([(oil_lot, 1)], device=device, receipt=2, method="card"),
    )
    pos_sale_record(
        session_id=session.pk,
        sale=sale_input([(honey_lot, 1)], device=other, receipt=1),
    )
    shortfall, _ = pos_sale_record(
        session_id=session.pk,
        sale=sale_input([(oil_lot, 5)], device=other, receipt=2),
    )
    report = session_reconcile(session)
    expected = {(str(r.device_id), r.payment_method): r.expected for r in report.rows}
    assert expected == {
        (str(device), "cash"): 11500,
        (str(device), "card"): 9000,
        # The buyer paid for the shortfall's goods: the cash is in the box.
        (str(other), "cash"): 11500 + 5 * 9000,
    }
    with pytest.raises(PosError):  # a device left uncounted
        close(session, {(str(device), "cash"): 11500})
    assert LedgerEntry.objects.count() == 0

    close(
        session,
        {
            (str(device), "cash"): 11000,
            (str(device), "card"): 9000,
            (str(other), "cash"): 56500,
        },
    )

    session.refresh_from_db()
    assert session.is_closed
    short = CashCount.objects.get(device_id=device, payment_method="cash")
    assert (short.expected, short.counted, short.difference) == (11500, 11000, -500)
    honey_lot.refresh_from_db()
    oil_lot.refresh_from_db()
    assert (honey_lot.stock, honey_lot.at_pos, honey_lot.sold) == (8, 0, 2)
    assert (oil_lot.stock, oil_lot.at_pos, oil_lot.sold) == (4, 0, 1)
    assert stock(honey) == 8 and stock(oil) == 4
    assert_lot_conserved(honey_lot)
    assert_lot_conserved(oil_lot)
    back = Transfer.objects.get(session=session, direction=Transfer.Direction.BACK)
    assert sorted(back.lines.values_list("lot_id", "quantity")) == sorted(
        [(honey_lot.pk, 1), (oil_lot.pk, 1)]
    )
    orders = Order.objects.filter(pos_sale__session=session)
    assert orders.count() == 3
    assert set(orders.values_list("status", "paid_on")) == {
        (OrderStatus.PAID, session.date)
    }
    sales = LedgerEntry.objects.filter(kind="sale")
    assert sales.count() == 3
    assert set(sales.values_list("channel", "occurred_on")) == {("fair", session.date)}
    assert sum(sales.values_list("gross", flat=True)) == 2 * 11500 + 9000
    shortfall.refresh_from_db()
    assert shortfall.status == Sale.Status.SHORTFALL and shortfall.order is None


def test_a_session_closes_once(fair):
    session, honey_lot, _oil = fair
    device = sale_input([]).device_id
    pos_sale_record(
        session_id=session.pk, sale=sale_input([(honey_lot, 1)], device=device)
    )
    close(session, {(str(device), "cash"): 11500})

    with pytest.raises(PosError):
        close(session, {(str(device), "cash"): 11500})
    assert LedgerEntry.objects.filter(kind="sale").count() == 1
    assert Transfer.objects.filter(direction="back").count() == 1


def test_a_sale_arriving_after_closing_is_a_shortfall(fair):
    session, honey_lot, _oil = fair
    close(session, {})

    sale, _ = pos_sale_record(session_id=session.pk, sale=sale_input([(honey_lot, 1)]))

    assert sale.shortfall == Sale.Shortfall.CLOSED
    lot = Lot.objects.get(pk=honey_lot.pk)
    assert (lot.at_pos, lot.sold, lot.stock) == (0, 0, 10)
    with pytest.raises(PosError):
        pos_transfer_out(session_id=session.pk, quantities={honey_lot.pk: 1})


def test_staff_resolve_a_shortfall_once(fair, manager):
    session, honey_lot, _oil = fair
    sale, _ = pos_sale_record(session_id=session.pk, sale=sale_input([(honey_lot, 9)]))

    resolved = pos_shortfall_resolve(sale_id=sale.pk, user=manager)
    assert resolved.resolved_by == manager
    accepted, _ = pos_sale_record(
        session_id=session.pk, sale=sale_input([(honey_lot, 1)])
    )
    with pytest.raises(PosError):
        pos_shortfall_resolve(sale_id=accepted.pk, user=manager)


def test_an_expired_lot_at_the_fair_is_not_sold(honey):
    from pos.services import pos_session_open

    lot = receive(honey, "L-SHORT", 3, days=1)
    session = pos_session_open(channel="store", place="Rabat", date=today())
    pos_transfer_out(session_id=session.pk, quantities={lot.pk: 2})
    later = pos_session_open(channel="store", place="Rabat", date=today() + 5 * DAY)

    with pytest.raises(PosError):
        pos_transfer_out(session_id=later.pk, quantities={lot.pk: 1})
