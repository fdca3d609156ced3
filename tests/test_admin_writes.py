"""Every staff action of the Wagtail admin that writes, POSTed as the demo's
"staff" user ("Foundation staff" group) with real commits on PostgreSQL:
pytest's wrapping transaction hides a missing ``transaction.atomic`` and lets
``select_for_update`` run outside one. Each action is done as staff would (open
the page, POST its form with the CSRF token) and its effect checked; a refused
variant (wrong state, bad input, the same form again) must answer without a
500 and change no row of the shop, nor send an email."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from cooperatives.models import today
from cooperatives.tests.factories import AgreementFactory, CooperativeFactory
from shop.models import (
    Consignment,
    Inspection,
    LedgerEntry,
    Lot,
    LotStatus,
    Order,
    PooledCost,
    Refund,
    SalesSession,
    SalesSessionLine,
    Statement,
    WriteOff,
)
from shop.orders.states import OrderStatus, order_transition
from shop.payments import stripe_gateway
from shop.services.lots import lot_recall
from shop.services.payments import (
    card_payment_prepare,
    cash_collected,
    stripe_event_process,
)
from shop.services.sessions import session_close
from shop.services.settlements import statement_issue
from shop.tests.factories import VariantFactory
from shop.tests.stripe_fakes import FakeStripeHTTP, event, intent
from shop.tests.test_lots import buy, receive

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="commits and row locks as in production need PostgreSQL",
    ),
]
DAY = datetime.timedelta(days=1)


# Helpers ---------------------------------------------------------------------
@pytest.fixture
def staff(django_user_model):
    """A client signed in as the demo's "staff" user, CSRF checks on."""
    user = django_user_model.objects.create_user("staff", password="x-pass-12345")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def honey():
    variant = VariantFactory(price=12000, stock=50)
    AgreementFactory(cooperative=variant.product.cooperative, commission_online_bp=1500)
    return variant


@pytest.fixture
def lots():  # a variant whose stock comes from lots only
    return VariantFactory(stock=0)


def submit(client, url, data):
    """Open the page staff see (it sets the CSRF cookie) and POST its form."""
    assert client.get(url).status_code == 200
    token = client.cookies["csrftoken"].value
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


def said(response, level="error"):
    messages = get_messages(response.wsgi_request)
    return [str(m.message) for m in messages if m.level_tag == level]


def done(client, url, data):
    response = submit(client, url, data)
    assert response.status_code in {200, 302}, response.status_code
    assert not said(response), said(response)
    return response


def db_state():
    models = apps.get_app_config("shop").get_models()
    # values() reads translated fields in the active language, which the
    # last request (or the test before) chose: always the same one here.
    with translation.override("en"):
        state = {m.__name__: list(m.objects.order_by("pk").values()) for m in models}
    state["emails sent"] = len(mail.outbox)
    return state


def refused(client, url, data):
    """The action answers without a 500 and changes no row (nor emails)."""
    before = db_state()
    response = submit(client, url, data)
    assert response.status_code < 500
    after = db_state()
    changed = [name for name in before if before[name] != after[name]]
    assert not changed, f"refused POST {data} changed {changed}"
    return response


def fresh(instance):
    instance.refresh_from_db()
    return instance


def delivered(variant, quantity):
    order = buy(variant, quantity)
    for step in ("preparing", "shipped", "delivered"):
        order_transition(order=order, to=step)
    return fresh(order)


def paid_order(variant, quantity):
    """A cash-on-delivery order delivered and paid, its sale in the ledger."""
    order = delivered(variant, quantity)
    cash_collected(order_id=order.pk, courier="Amana", amount=order.total, user=None)
    return fresh(order)


def url_of(name, instance):
    return reverse(name, args=(instance.pk,))


# Orders: shop/admin_views.py ------------------------------------------------
def test_order_move(staff, honey):
    order, unpaid = buy(honey, 2), buy(honey, 1)
    url = url_of("shop_order_detail", order)

    done(staff, url, {"move": "preparing"})

    assert fresh(order).status == OrderStatus.PREPARING
    event_row = order.events.get(kind="status", to_status="preparing")
    assert (event_row.from_status, event_row.user) == ("awaiting_payment", staff.user)
    refused(staff, url, {"move": "preparing"})  # the same button again
    refused(staff, url, {"move": "delivered"})  # not from preparing
    refused(staff, url, {"move": "bogus"})
    # Paid only through a payment (cash collected, webhook), never a bare move.
    refused(staff, url_of("shop_order_detail", unpaid), {"move": "paid"})


def test_order_cancel_restocks_once(staff, honey):
    order = buy(honey, 2)
    url = url_of("shop_order_detail", order)

    done(staff, url, {"move": "cancelled"})

    assert (fresh(order).status, order.stock_released) == ("cancelled", True)
    assert fresh(honey).stock == 50
    refused(staff, url, {"move": "cancelled"})


def test_order_note(staff, honey):
    order = buy(honey, 1)
    url = url_of("shop_order_detail", order)

    done(staff, url, {"note": "  Client joint par téléphone "})

    note = order.events.get(kind="note")
    assert (note.message, note.user) == ("Client joint par téléphone", staff.user)
    refused(staff, url, {"note": "   "})


def test_order_collect_cash(staff, honey):
    order = delivered(honey, 2)
    url = url_of("shop_order_detail", order)
    cash = {"collect_cash": "1", "courier": "Amana"}
    amount = f"{order.total / 100:.2f}"

    refused(staff, url, {**cash, "amount": "100"})  # not the order's total
    refused(staff, url, {**cash, "amount": "abc"})
    refused(staff, url, {**cash, "courier": " ", "amount": amount})
    done(staff, url, {**cash, "amount": amount})

    assert fresh(order).status == OrderStatus.PAID
    assert order.paid_at is not None
    payment = order.payments.values_list("provider", "amount", "status")
    assert list(payment) == [("cod", order.total, "succeeded")]
    sale = LedgerEntry.objects.get(kind="sale", order_line__order=order)
    assert sale.gross == 24000
    refused(staff, url, {**cash, "amount": amount})  # the same form again


def test_order_refund(staff, honey):
    order = paid_order(honey, 2)
    line = order.lines.get()
    url = url_of("shop_order_detail", order)
    form = {"refund": "1", "restock": "on", "reason": "cassé"}

    for bad in ("3", "x", "0", "-1"):  # more than bought, not a number, nothing
        refused(staff, url, {**form, f"line-{line.pk}": bad})
    done(staff, url, {**form, f"line-{line.pk}": "2"})

    refunds = Refund.objects.values_list("order", "amount", "provider", "status")
    assert list(refunds) == [(order.pk, 24000, "cod", "succeeded")]
    assert Refund.objects.get().lines.get().quantity == 2
    sale = LedgerEntry.objects.get(kind="sale", order_line=line)
    reversals = LedgerEntry.objects.filter(kind="refund", order_line=line)
    assert sum(entry.net for entry in reversals) == -sale.net
    assert fresh(order).status == OrderStatus.PARTLY_REFUNDED  # delivery kept
    assert fresh(honey).stock == 50
    refused(staff, url, {**form, f"line-{line.pk}": "2"})  # the same form again


def test_order_retry_card_refund(staff, honey, monkeypatch):
    fake = FakeStripeHTTP()
    monkeypatch.setattr(stripe_gateway, "http_client", fake)
    monkeypatch.setattr(
        "stripe._http_client.HTTPClient._sleep_time_seconds", lambda *a, **k: 0
    )
    order = buy(honey, 2)
    Order.objects.filter(pk=order.pk).update(payment_method="stripe")
    payment = card_payment_prepare(order_id=order.pk)
    paid = intent(payment.reference, amount=order.total, status="succeeded")
    stripe_event_process(event("payment_intent.succeeded", paid))
    url = url_of("shop_order_detail", order)
    fake.fail_first = 100  # Stripe does not answer: the refund waits
    submit(staff, url, {"refund": "1", f"line-{order.lines.get().pk}": "1"})
    refund = Refund.objects.get(status="pending")
    fake.fail_first = 0

    done(staff, url, {"retry_refund": refund.pk})

    assert fresh(refund).status == "succeeded"
    assert refund.reference.startswith("re_")
    assert LedgerEntry.objects.filter(kind="refund", refund_line__refund=refund)
    refused(staff, url, {"retry_refund": refund.pk})  # the same button again
    refused(staff, url, {"retry_refund": "abc"})


# Money: shop/ledger_admin.py ------------------------------------------------
def open_session(*lines):
    session = SalesSession.objects.create(channel="fair", place="SIAM", date=today())
    for variant, quantity in lines:
        SalesSessionLine.objects.create(
            session=session, variant=variant, quantity=quantity, unit_price=10000
        )
    return session


def test_session_close(staff, honey):
    session = open_session((honey, 3))
    url = url_of("shop_session", session)

    refused(staff, url_of("shop_session", open_session()), {"close": "1"})
    refused(staff, url_of("shop_session", open_session((honey, 51))), {"close": "1"})
    done(staff, url, {"close": "1"})

    order = fresh(session).order
    assert (order.status, order.channel, order.total) == ("paid", "fair", 30000)
    assert order.lines.get().quantity == 3
    sale = LedgerEntry.objects.get(kind="sale")
    assert (sale.order_line.order, sale.channel, sale.gross) == (order, "fair", 30000)
    assert fresh(honey).stock == 47
    refused(staff, url, {"close": "1"})  # the same button again


def csv_file(text, encoding="utf-8"):
    return SimpleUploadedFile("sales.csv", text.encode(encoding), "text/csv")


def test_session_csv_import(staff, honey):
    session = open_session()
    url = url_of("shop_session", session)
    good = f'sku,quantity,unit_price\n{honey.sku},3,"99,50"\n'

    refused(staff, url, {"csv": csv_file(good + "NOPE,1,10\n")})
    refused(staff, url, {"csv": csv_file(good + "é,1,1\n", "latin-1")})
    refused(staff, url, {"csv": csv_file("sku;quantity\nX;1\n")})
    response = done(staff, url, {"csv": csv_file(good)})

    assert said(response, "success")
    line = session.lines.get()
    assert (line.variant, line.quantity, line.unit_price) == (honey, 3, 9950)
    closed = open_session((honey, 1))
    session_close(session_id=closed.pk)
    refused(staff, url_of("shop_session", closed), {"csv": csv_file(good)})


def test_pooled_cost_allocate(staff, honey):
    first = honey.product.cooperative
    second = CooperativeFactory()
    cost = PooledCost.objects.create(label="Cartons", incurred_on=today(), amount=9000)
    url = url_of("shop_pooled_cost_allocate", cost)
    weights = {f"weight-{first.pk}": "1", f"weight-{second.pk}": "2"}

    refused(staff, url, {f"weight-{first.pk}": "0"})
    refused(staff, url, {f"weight-{first.pk}": "abc"})
    done(staff, url, weights)

    assert fresh(cost).allocated
    shares = LedgerEntry.objects.filter(kind="deduction", deduction=cost)
    expected = {first.pk: -3000, second.pk: -6000}
    assert dict(shares.values_list("cooperative", "net")) == expected
    refused(staff, url, weights)  # the same form again


def test_statement_issue(staff, honey):
    coop = honey.product.cooperative
    paid_order(honey, 1)
    url = reverse("shop_statements")
    issue = {"issue": "1", "cooperative": coop.pk, "period_end": str(today())}

    refused(staff, url, {**issue, "period_end": "31/12/2025"})
    refused(staff, url, {**issue, "cooperative": ""})
    done(staff, url, issue)

    statement = Statement.objects.get()
    entries = LedgerEntry.objects.filter(cooperative=coop)
    assert (statement.cooperative, statement.period_end) == (coop, today())
    assert set(entries.values_list("statement", flat=True)) == {statement.pk}
    assert statement.net_payable == sum(e.net for e in entries) > 0
    refused(staff, url, issue)  # the same form again
    refused(staff, url, {**issue, "period_end": str(today() - 7 * DAY)})


def test_statement_mark_paid(staff, honey):
    paid_order(honey, 1)
    coop_id = honey.product.cooperative_id
    statement = statement_issue(cooperative_id=coop_id, period_end=today())
    url = reverse("shop_statements")

    refused(staff, url, {"paid": statement.pk, "reference": " "})
    refused(staff, url, {"paid": "abc", "reference": "VIR-42"})
    done(staff, url, {"paid": statement.pk, "reference": "VIR-42"})

    statement.refresh_from_db()
    assert (statement.status, statement.transfer_reference) == ("paid", "VIR-42")
    assert statement.paid_at is not None
    refused(staff, url, {"paid": statement.pk, "reference": "VIR-42"})  # again
    refused(staff, url, {"paid": statement.pk, "reference": "VIR-43"})


# Lots: shop/lot_admin.py ----------------------------------------------------
def test_lot_hold_and_release(staff, lots):
    receive(lots, ("L-A", 5, 90), ("L-B", 4, 200))
    lot, recalled = Lot.objects.get(code="L-A"), Lot.objects.get(code="L-B")
    url = url_of("shop_lot_detail", lot)

    done(staff, url, {"action": "on_hold"})

    assert (fresh(lot).status, fresh(lots).stock) == ("on_hold", 4)
    refused(staff, url, {"action": "on_hold"})  # the same button again
    done(staff, url, {"action": "released"})
    assert (fresh(lot).status, fresh(lots).stock) == ("released", 9)
    lot_recall(lot_id=recalled.pk)
    for action in ("released", "on_hold"):  # a recalled lot is never sold again
        refused(staff, url_of("shop_lot_detail", recalled), {"action": action})


def test_lot_recall(staff, lots):
    receive(lots, ("L-R", 5, 90))
    lot = Lot.objects.get(code="L-R")
    buy(lots, 2, email="hind@example.ma")
    mail.outbox.clear()
    url = url_of("shop_lot_detail", lot)

    done(staff, url, {"action": "recall"})

    lot.refresh_from_db()
    assert (lot.status, lot.stock, fresh(lots).stock) == ("recalled", 3, 0)
    assert [message.to for message in mail.outbox] == [["hind@example.ma"]]
    refused(staff, url, {"action": "recall"})  # no second email to the buyers


def test_lot_write_off_and_return(staff, lots):
    receive(lots, ("L-W", 6, 90))
    lot = Lot.objects.get(code="L-W")
    url = url_of("shop_lot_detail", lot)
    remove = {"action": "remove", "reason": "breakage"}

    for bad in ("7", "0", "x"):  # more than in stock, nothing, not a number
        refused(staff, url, {**remove, "quantity": bad})
    done(staff, url, {**remove, "quantity": "2"})
    done(staff, url, {**remove, "quantity": "1", "reason": "returned"})

    lot.refresh_from_db()
    assert (lot.stock, lot.written_off, lot.returned, lot.received) == (3, 2, 1, 6)
    write_off = WriteOff.objects.get()
    assert (write_off.lot, write_off.quantity, write_off.user) == (lot, 2, staff.user)
    assert fresh(lots).stock == 3


def consignment(variant, cooperative=None, **costs):
    cooperative = cooperative or variant.product.cooperative
    shipment = Consignment.objects.create(
        cooperative=cooperative, received_on=today(), carrier="CTM", **costs
    )
    days = {"production_date": today() - 30 * DAY, "best_before": today() + 90 * DAY}
    shipment.lines.create(variant=variant, lot_code="L-C", quantity=6, **days)
    shipment.save()  # modelcluster keeps child lines in memory until saved
    return shipment


def test_consignment_receive(staff, lots):
    shipment = consignment(lots, transport_cost=5000, costs_deducted=True)
    url = url_of("shop_consignment_receive", shipment)
    foreign = consignment(lots, cooperative=CooperativeFactory())

    refused(staff, url_of("shop_consignment_receive", foreign), {})
    done(staff, url, {})

    shipment.refresh_from_db()
    assert (shipment.is_received, shipment.received_by) == (True, staff.user)
    lot = shipment.lines.get().lot
    assert (lot.code, lot.received, lot.stock) == ("L-C", 6, 6)
    assert fresh(lots).stock == 6
    deduction = LedgerEntry.objects.get(kind="deduction")
    assert (deduction.cooperative, deduction.net) == (shipment.cooperative, -5000)
    refused(staff, url, {})  # the same button again


# Snippet hooks: shop/wagtail_hooks.py ---------------------------------------
def test_inspection_add_and_edit_apply_the_result(staff, lots):
    receive(lots, ("L-I", 5, 90))
    lot = Lot.objects.get(code="L-I")
    add = reverse("wagtailsnippets_shop_inspection:add")
    form = {"kind": "surprise", "date": str(today()), "body": "onssa", "notes": ""}
    form |= {"cooperative": lot.cooperative_id, "lot": lot.pk, "result": "pass"}

    refused(staff, add, {**form, "date": ""})
    done(staff, add, form)
    inspection = Inspection.objects.get()
    assert (inspection.lot, fresh(lot).status) == (lot, LotStatus.RELEASED)
    edit = url_of("wagtailsnippets_shop_inspection:edit", inspection)
    done(staff, edit, {**form, "result": "fail", "notes": "Humidité"})

    assert fresh(inspection).result == "fail"
    assert (fresh(lot).status, fresh(lots).stock) == (LotStatus.ON_HOLD, 0)
    refused(staff, edit, {**form, "result": "nope"})
