"""Against the fake CMI gateway (scripts/fake_cmi.py) on a loopback port:
the hosted page, the status API that settles an order whose callback never
came, captures, refunds through the API or recorded by staff, and callbacks
sent for real (a failed try first, repeated, delayed) to a live server."""

import re
import urllib.parse
import urllib.request

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from scripts.fake_cmi import APPROVE, DECLINE, FAIL_3DS, FakeCmi, start
from shop.models import LedgerEntry, Order, Payment, ProviderEvent, Refund
from shop.orders.states import OrderStatus
from shop.payments import cmi
from shop.services.cmi_payments import cmi_order_settle
from shop.services.refunds import RefundError, refund_create, refund_send
from shop.tests.conftest import add_to_cart, place_order
from shop.tests.test_cmi_callback import CLIENT_ID, STORE_KEY, ledger_total

API_USER, API_PASSWORD = "tadamon-api", "api-secret"


@pytest.fixture
def fake():
    gateway = FakeCmi(
        client_id=CLIENT_ID,
        store_key=STORE_KEY,
        api_user=API_USER,
        api_password=API_PASSWORD,
    )
    server = start(gateway)
    gateway.url = f"http://127.0.0.1:{server.server_port}"
    yield gateway
    gateway.wait()
    server.shutdown()
    server.server_close()


@pytest.fixture
def cmi_api(settings, fake):
    settings.CMI_CLIENT_ID = CLIENT_ID
    settings.CMI_STORE_KEY = STORE_KEY
    settings.CMI_GATEWAY_URL = f"{fake.url}/fim/est3Dgate"
    settings.CMI_API_URL = f"{fake.url}/fim/api"
    settings.CMI_API_USER = API_USER
    settings.CMI_API_PASSWORD = API_PASSWORD
    settings.CMI_API_TIMEOUT = 5
    settings.SHOP_PAYMENT_FEES = {**settings.SHOP_PAYMENT_FEES, "cmi": (175, 150)}
    return settings


def _order(client, variant, checkout_post) -> Order:
    add_to_cart(client, variant.sku, 2)
    place_order(client, checkout_post, payment_method="cmi")
    return Order.objects.get()


@pytest.fixture
def order(db, client, cmi_api, variant, checkout_post):
    return _order(client, variant, checkout_post)


def _post(url: str, fields: dict) -> str:
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(url, data=data, timeout=10) as response:
        return response.read().decode()


def pay_on_the_gateway(fake, order, card, *, callback_url, **options) -> str:
    """What the buyer's browser does: post the pay page's form to the
    gateway, then the card; returns the gateway's last page."""
    fields = cmi.form_fields(
        order,
        ok_url="http://shop.test/ok",
        fail_url="http://shop.test/fail",
        callback_url=callback_url,
        shop_url="http://shop.test/",
    )
    page = _post(f"{fake.url}/fim/est3Dgate", fields)
    session = re.search(r'name="session" value="([^"]+)"', page).group(1)
    card_form = {"session": session, "pan": card, "expiry": "12/30", "cvv": "123"}
    for name, value in options.items():
        if value is True:
            card_form[name] = "on"
        elif value is not False:
            card_form[name] = str(value)
    return _post(f"{fake.url}/fim/pay", card_form)


def _age(order, minutes=30):
    Order.objects.filter(pk=order.pk).update(
        placed_at=timezone.now() - timezone.timedelta(minutes=minutes)
    )


# The hosted page ----------------------------------------------------------------
def test_the_gateway_refuses_a_form_not_signed_with_the_store_key(fake, order):
    fields = cmi.form_fields(
        order, ok_url="o", fail_url="f", callback_url="c", shop_url="s"
    )
    fields["amount"] = "1.00"
    with pytest.raises(urllib.error.HTTPError) as refused:
        _post(f"{fake.url}/fim/est3Dgate", fields)
    assert refused.value.code == 400


# Settling from the status API ----------------------------------------------------
def test_a_lost_callback_is_settled_from_the_status_api(
    fake, order, django_capture_on_commit_callbacks
):
    pay_on_the_gateway(fake, order, APPROVE, callback_url="http://x/", drop=True)
    assert fake.callbacks == []
    assert fake.transactions[order.number][-1].status == "A"  # not captured
    _age(order)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("cmi_settle_pending", minutes=10)

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    payment = Payment.objects.get()
    assert (payment.provider, payment.status) == ("cmi", "succeeded")
    assert payment.fee == (order.total * 175 + 5000) // 10000 + 150
    assert ledger_total(order) == order.subtotal
    assert fake.transactions[order.number][-1].status == "C"  # captured now
    kinds = [
        call.get("Type") or call.get("Extra.ORDERSTATUS") for call in fake.api_calls
    ]
    assert kinds == ["QUERY", "PostAuth"]
    # Run again: nothing is waiting, nothing is asked.
    call_command("cmi_settle_pending", minutes=10)
    assert len(fake.api_calls) == 2


def test_cancelling_unpaid_orders_asks_the_gateway_first(
    fake, order, django_capture_on_commit_callbacks
):
    """A card authorised whose callback was lost is paid, not cancelled,
    even when the cancelling job runs before the settling one."""
    pay_on_the_gateway(fake, order, APPROVE, callback_url="http://x/", drop=True)
    _age(order, minutes=120)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("cancel_unpaid_orders", minutes=60)

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert fake.transactions[order.number][-1].status == "C"


def test_young_orders_are_left_to_their_callback(fake, order):
    pay_on_the_gateway(fake, order, APPROVE, callback_url="http://x/", drop=True)

    call_command("cmi_settle_pending", minutes=10)

    assert fake.api_calls == []
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT


@pytest.mark.parametrize(
    "card, result", [(DECLINE, "unpaid"), (FAIL_3DS, "unknown"), (None, "unknown")]
)
def test_orders_the_gateway_did_not_authorise_stay_as_they_are(
    fake, order, card, result
):
    if card:
        pay_on_the_gateway(fake, order, card, callback_url="http://x/", drop=True)

    assert cmi_order_settle(order_id=order.pk) == result

    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert not LedgerEntry.objects.exists()
    assert [c.get("Type") for c in fake.api_calls] == [None]  # the query only


def test_an_authorisation_of_another_amount_is_flagged_not_captured(fake, order):
    pay_on_the_gateway(fake, order, APPROVE, callback_url="http://x/", drop=True)
    fake.transactions[order.number][-1].amount = 100

    assert cmi_order_settle(order_id=order.pk) == "flagged"

    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert fake.transactions[order.number][-1].status == "A"
    assert Payment.objects.get().status == "flagged"


def test_the_api_down_or_refusing_us_changes_nothing(fake, order, settings):
    pay_on_the_gateway(fake, order, APPROVE, callback_url="http://x/", drop=True)
    _age(order)

    settings.CMI_API_PASSWORD = "wrong"
    assert cmi_order_settle(order_id=order.pk) == "unknown"
    settings.CMI_API_PASSWORD = API_PASSWORD
    settings.CMI_API_URL = "http://127.0.0.1:9/fim/api"  # nothing listens
    with pytest.raises(CommandError, match="could not be asked"):
        call_command("cmi_settle_pending", minutes=10)

    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert fake.transactions[order.number][-1].status == "A"


def test_the_command_needs_the_api_settings(cmi_api):
    cmi_api.CMI_API_USER = ""
    with pytest.raises(CommandError, match="CMI_API_URL"):
        call_command("cmi_settle_pending")


@pytest.mark.parametrize(
    "raw",
    [
        b"not xml",
        b"<Other/>",
        b'<!DOCTYPE x [<!ENTITY a "b">]><CC5Response>&a;</CC5Response>',
    ],
)
def test_unreadable_api_answers_are_gateway_errors(raw):
    with pytest.raises(cmi.GatewayError):
        cmi._parse_answer(raw)


# Refunds -------------------------------------------------------------------------
@pytest.fixture
def paid(fake, order):
    pay_on_the_gateway(fake, order, APPROVE, callback_url="http://x/", drop=True)
    assert cmi_order_settle(order_id=order.pk) == "paid"
    order.refresh_from_db()
    return order


def test_a_refund_goes_through_the_gateway_api(fake, paid):
    line = paid.lines.get()

    refund = refund_create(order_id=paid.pk, quantities={line.pk: 1})

    assert (refund.provider, refund.status) == ("cmi", "succeeded")
    assert refund.reference and refund.booked
    assert fake.transactions[paid.number][-1].credited == refund.amount
    credit = fake.api_calls[-1]
    assert (credit["Type"], credit["OrderId"]) == ("Credit", paid.number)
    assert credit["Total"] == cmi.amount_text(line.unit_price)
    assert credit["Currency"] == "504"
    paid.refresh_from_db()
    assert paid.status == OrderStatus.PARTLY_REFUNDED
    assert ledger_total(paid) == line.unit_price


def test_a_refund_the_gateway_refuses_is_not_booked_and_can_be_sent_again(fake, paid):
    line = paid.lines.get()
    sale = fake.transactions[paid.number][-1]
    sale.credited = sale.amount  # refunded already, outside the shop

    refund = refund_create(order_id=paid.pk, quantities={line.pk: 1})

    assert (refund.status, refund.booked) == ("failed", False)
    assert ledger_total(paid) == paid.subtotal
    assert paid.events.filter(message__contains="refused by the CMI").exists()
    sale.credited = 0
    refund = refund_send(refund_id=refund.pk)
    assert (refund.status, refund.booked, refund.attempt) == ("succeeded", True, 1)
    assert sale.credited == refund.amount


def test_an_unanswered_refund_stays_pending_and_flagged(fake, paid, settings):
    line = paid.lines.get()
    settings.CMI_API_URL = "http://127.0.0.1:9/fim/api"

    with pytest.raises(cmi.GatewayError):
        refund_create(order_id=paid.pk, quantities={line.pk: 1})

    refund = Refund.objects.get()
    assert (refund.status, refund.booked) == ("pending", False)
    assert paid.events.filter(message__startswith="FLAG: the CMI did not").exists()


def _credits(fake) -> int:
    return len([c for c in fake.api_calls if c.get("Type") == "Credit"])


def _unanswered_refund(fake, paid, settings) -> Refund:
    """A refund sent while the API was unreachable, the API back since."""
    line = paid.lines.get()
    working = settings.CMI_API_URL
    settings.CMI_API_URL = "http://127.0.0.1:9/fim/api"
    with pytest.raises(cmi.GatewayError):
        refund_create(order_id=paid.pk, quantities={line.pk: 1})
    settings.CMI_API_URL = working
    return Refund.objects.get()


def _staff(django_user_model):
    from django.contrib.auth.models import Group
    from django.test import Client

    user = django_user_model.objects.create_user("staff", password="x-pass-12345")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    staff = Client()
    staff.force_login(user)
    return staff


def test_an_unanswered_refund_is_never_sent_again_blindly(fake, paid, settings):
    refund = _unanswered_refund(fake, paid, settings)
    before = _credits(fake)

    # Sent again by the service (a repeated form, a task) or by two at once:
    # it may have been made, and the API takes no idempotency key.
    assert refund_send(refund_id=refund.pk).status == "pending"
    assert refund_send(refund_id=refund.pk).status == "pending"
    assert _credits(fake) == before
    refund.refresh_from_db()
    assert refund.booked is False


def test_staff_record_an_unanswered_refund_found_made(
    fake, paid, settings, django_user_model
):
    from django.urls import reverse

    refund = _unanswered_refund(fake, paid, settings)
    staff = _staff(django_user_model)
    url = reverse("shop_order_detail", args=(paid.pk,))
    page = staff.get(url).content.decode()
    assert 'name="cmi_made"' in page and 'name="retry_refund"' not in page

    # The plain "send again" is refused for it, and sends nothing.
    staff.post(url, {"retry_refund": refund.pk})
    assert _credits(fake) == 0
    staff.post(url, {"cmi_refund": refund.pk, "cmi_made": "1", "cmi_reference": ""})
    refund.refresh_from_db()
    assert refund.status == "pending"  # no reference: nothing recorded
    for _twice in range(2):
        staff.post(
            url,
            {"cmi_refund": refund.pk, "cmi_made": "1", "cmi_reference": "RF-77"},
        )
    refund.refresh_from_db()
    assert (refund.status, refund.reference, refund.booked) == (
        "succeeded",
        "RF-77",
        True,
    )
    assert _credits(fake) == 0
    assert ledger_total(paid) == paid.subtotal - refund.amount


def test_staff_send_again_an_unanswered_refund_found_not_made_once(
    fake, paid, settings, django_user_model
):
    from django.urls import reverse

    from shop.services.refunds import sent_mark

    refund = _unanswered_refund(fake, paid, settings)
    staff = _staff(django_user_model)
    url = reverse("shop_order_detail", args=(paid.pk,))
    checked = {"cmi_refund": refund.pk, "cmi_not_made": "1", "sent_mark": ""}
    checked["sent_mark"] = sent_mark(refund)

    staff.post(url, checked)
    staff.post(url, checked)  # a double click: the same attempt checked

    refund.refresh_from_db()
    assert (refund.status, refund.booked) == ("succeeded", True)
    assert _credits(fake) == 1
    assert fake.transactions[paid.number][-1].credited == refund.amount


def test_without_the_api_staff_record_a_refund_with_the_acquirer_reference(
    fake, paid, settings
):
    line = paid.lines.get()
    settings.CMI_API_URL = ""

    with pytest.raises(RefundError):
        refund_create(order_id=paid.pk, quantities={line.pk: 1})
    assert not Refund.objects.exists()
    refund = refund_create(
        order_id=paid.pk, quantities={line.pk: 1}, reference=" RF-2025-0042 "
    )

    assert (refund.status, refund.reference, refund.booked) == (
        "succeeded",
        "RF-2025-0042",
        True,
    )
    assert not [c for c in fake.api_calls if c.get("Type") == "Credit"]
    assert ledger_total(paid) == line.unit_price


# Callbacks sent for real, to a live server -------------------------------------------
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_try_then_a_success_each_sent_three_times(
    fake, cmi_api, live_server, client, variant, checkout_post
):
    order = _order(client, variant, checkout_post)
    callback_url = f"{live_server.url}/payments/cmi/callback/"

    page = pay_on_the_gateway(
        fake, order, APPROVE, callback_url=callback_url, fail_first=True, repeat=3
    )

    assert 'action="http://shop.test/ok"' in page  # the buyer goes back
    answers = [c.answer for c in fake.callbacks]
    assert answers == ["APPROVED"] * 3 + ["ACTION=POSTAUTH"] * 3
    assert fake.transactions[order.number][-1].status == "C"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert ProviderEvent.objects.filter(provider="cmi").count() == 2
    assert ledger_total(order) == order.subtotal


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_delayed_callback_comes_after_the_buyer(
    fake, cmi_api, live_server, client, variant, checkout_post
):
    order = _order(client, variant, checkout_post)
    callback_url = f"{live_server.url}/payments/cmi/callback/"
    back = f"/fr/orders/{order.number}/card/return/?token={order.access_token}"

    pay_on_the_gateway(fake, order, APPROVE, callback_url=callback_url, delay=0.5)

    assert 'http-equiv="refresh"' in client.get(back).content.decode()
    fake.wait()
    assert [c.answer for c in fake.callbacks] == ["ACTION=POSTAUTH"]
    page = client.get(back).content.decode()
    assert 'http-equiv="refresh"' not in page and order.number in page
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
