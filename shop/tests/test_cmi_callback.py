"""The CMI's server-to-server callback: signed with the store key, stored
once, acted on once, answered in the gateway's terms and never with a 500;
the return pages show what the callbacks recorded, nothing the browser says.

Callbacks are signed here by the fake gateway's own ver3 implementation
(scripts/fake_cmi.py), not the shop's."""

import pytest
from django.core import mail
from django.db.models import Sum
from django.test import Client, RequestFactory
from django.utils import translation

from cooperatives.tests.factories import AgreementFactory, CooperativeFactory
from scripts.fake_cmi import sign
from shop.models import LedgerEntry, Order, Payment, ProviderEvent
from shop.orders.states import OrderStatus
from shop.payment_views import cmi_callback
from shop.payments import cmi
from shop.services.cmi_payments import cmi_payment_prepare
from shop.services.orders import order_cancel
from shop.tests.conftest import add_to_cart, place_order
from shop.tests.factories import VariantFactory

pytestmark = pytest.mark.django_db
CALLBACK = "/payments/cmi/callback/"
CLIENT_ID = "600000001"
STORE_KEY = "TEST-STORE-KEY-1234"
GATEWAY = "https://gateway.cmi.example/fim/est3Dgate"


@pytest.fixture
def cmi_on(settings):
    settings.CMI_CLIENT_ID = CLIENT_ID
    settings.CMI_STORE_KEY = STORE_KEY
    settings.CMI_GATEWAY_URL = GATEWAY
    # 1.75 % and 1.50 MAD, as CMI_FEE_PERCENT and CMI_FEE_FIXED would say.
    settings.SHOP_PAYMENT_FEES = {**settings.SHOP_PAYMENT_FEES, "cmi": (175, 150)}
    return settings


@pytest.fixture
def cmi_order(client, cmi_on, checkout_post):
    """A card order through the CMI of 2 x 200.00 MAD (and the delivery),
    from a cooperative whose agreement has it bear payment fees."""
    bearer = CooperativeFactory()
    AgreementFactory(
        cooperative=bearer, commission_online_bp=1500, fees_borne_by="cooperative"
    )
    variant = VariantFactory(product__cooperative=bearer, price=20000, stock=10)
    add_to_cart(client, variant.sku, 2)
    response = place_order(client, checkout_post, payment_method="cmi")
    order = Order.objects.get()
    assert response.redirect_chain[-1][0] == (
        f"/fr/orders/{order.number}/card/?token={order.access_token}"
    )
    assert order.status == OrderStatus.AWAITING_PAYMENT
    return order


def result(order, *, approved=True, **overrides) -> dict:
    """The fields of a callback for `order`, as the gateway posts them
    (what the shop's form posted, and the result), unsigned."""
    fields = {
        "clientid": CLIENT_ID,
        "oid": order.number,
        "amount": cmi.amount_text(order.total),
        "currency": "504",
        "okUrl": "https://shop.example/ok",
        "failUrl": "https://shop.example/fail",
        "callbackUrl": "https://shop.example/payments/cmi/callback/",
        "TranType": "PreAuth",
        "storetype": "3D_PAY_HOSTING",
        "lang": "fr",
        "rnd": "abc123",
        "hashAlgorithm": "ver3",
        "encoding": "UTF-8",
        "TransId": "25001A1",
        "mdStatus": "1",
        "Response": "Approved" if approved else "Declined",
        "ProcReturnCode": "00" if approved else "05",
        "ErrMsg": "" if approved else "Do not honour",
        "AuthCode": "123456" if approved else "",
        "MaskedPan": "411111***1111",
    }
    fields.update(overrides)
    return {name: value for name, value in fields.items() if value is not None}


def signed(fields: dict, key: str = STORE_KEY) -> dict:
    return {**fields, "HASH": sign(fields, key)}


def post(client, fields: dict):
    response = client.post(CALLBACK, fields)
    assert response.status_code != 500
    return response


def answer(client, fields: dict) -> str:
    response = post(client, signed(fields))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def ledger_total(order, name="gross") -> int:
    return (
        LedgerEntry.objects.filter(order_line__order=order).aggregate(t=Sum(name))["t"]
        or 0
    )


# The pay page -------------------------------------------------------------------
def test_the_pay_page_posts_signed_fields_to_the_gateway_only(client, cmi_order):
    url = f"/fr/orders/{cmi_order.number}/card/?token={cmi_order.access_token}"

    page = client.get(url)
    client.get(url)  # shown again: one payment still

    html = page.content.decode()
    assert page.status_code == 200
    assert f'action="{GATEWAY}"' in html
    assert 'name="hash"' in html and 'name="oid" value="' + cmi_order.number in html
    assert f'name="amount" value="{cmi.amount_text(cmi_order.total)}"' in html
    assert 'name="currency" value="504"' in html and 'name="lang" value="fr"' in html
    assert STORE_KEY not in html
    assert (
        "csrfmiddlewaretoken"
        not in html.split(f'action="{GATEWAY}"')[1].split("</form>")[0]
    )
    policy = page["Content-Security-Policy"]
    form_action = next(d for d in policy.split(";") if "form-action" in d)
    assert "https://gateway.cmi.example" in form_action
    payment = Payment.objects.get()
    assert (payment.provider, payment.reference) == ("cmi", cmi_order.number)
    assert (payment.amount, payment.status) == (cmi_order.total, "pending")
    # Only this page may post to the gateway.
    detail = client.get(
        f"/fr/orders/{cmi_order.number}/?token={cmi_order.access_token}"
    )
    assert "gateway.cmi.example" not in detail["Content-Security-Policy"]


def test_the_pay_page_needs_the_token(client, cmi_order):
    other = Client()
    assert other.get(f"/fr/orders/{cmi_order.number}/card/").status_code == 404
    assert (
        other.get(f"/fr/orders/{cmi_order.number}/card/?token=wrong").status_code == 404
    )


def test_checkout_offers_cmi_beside_stripe_for_cards_from_abroad(client, cmi_on):
    from shop.forms import CheckoutForm

    with translation.override("en"):
        choices = dict(CheckoutForm().fields["payment_method"].choices)

        assert list(choices) == ["cod", "cmi", "stripe"]
        assert str(choices["cmi"]) == "Card (Morocco, CMI)"
        assert str(choices["stripe"]) == "International card (Visa, Mastercard)"


def test_without_its_settings_cmi_is_not_offered_and_its_callback_is_404(
    client, settings
):
    from shop.forms import CheckoutForm

    settings.CMI_STORE_KEY = ""
    with translation.override("en"):
        choices = dict(CheckoutForm().fields["payment_method"].choices)
        assert "cmi" not in choices
        assert str(choices["stripe"]) == "Card (Visa, Mastercard)"
    # Not there (the language middleware then tries the Arabic address).
    assert client.post(CALLBACK, {"oid": "x"}, follow=True).status_code == 404


# A success ---------------------------------------------------------------------
def test_a_success_marks_the_order_paid_with_the_acquirer_fee_in_the_ledger(
    client, cmi_order, django_capture_on_commit_callbacks
):
    cmi_payment_prepare(order_id=cmi_order.pk)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert answer(client, result(cmi_order)) == "ACTION=POSTAUTH"

    cmi_order.refresh_from_db()
    payment = Payment.objects.get()
    assert cmi_order.status == OrderStatus.PAID and cmi_order.paid_at is not None
    assert payment.status == "succeeded"
    # 1.75 % of the total, plus 1.50 MAD.
    assert payment.fee == (cmi_order.total * 175 + 5000) // 10000 + 150
    line = cmi_order.lines.get()
    entry = LedgerEntry.objects.get(order_line=line)
    # The cooperative bears the fee on its line, pro rata to what the line
    # was charged against the whole order (the delivery's part stays with
    # the foundation), as for Stripe.
    share = payment.fee * line.gross // cmi_order.total
    assert share - 1 <= entry.fee <= share + 1 and entry.fee > 0
    assert entry.gross == (
        entry.discount + entry.vat + entry.commission + entry.fee + entry.net
    )
    assert entry.payable_on > entry.occurred_on  # a card sale: after the delay
    assert len(mail.outbox) == 1 and cmi_order.number in mail.outbox[0].subject
    event = ProviderEvent.objects.get()
    assert (event.provider, event.type, event.order) == ("cmi", "paid", cmi_order)
    assert event.payload["answer"] == "ACTION=POSTAUTH"


def test_the_acquirer_fee_is_borne_as_each_agreement_says(
    client, cmi_on, checkout_post
):
    bearer, spared = CooperativeFactory(), CooperativeFactory()
    AgreementFactory(
        cooperative=bearer, commission_online_bp=1500, fees_borne_by="cooperative"
    )
    AgreementFactory(
        cooperative=spared, commission_online_bp=1500, fees_borne_by="foundation"
    )
    theirs = VariantFactory(product__cooperative=bearer, price=30000)
    ours = VariantFactory(product__cooperative=spared, price=10000)
    for variant in (theirs, ours):
        add_to_cart(client, variant.sku, 1)
    place_order(client, checkout_post, payment_method="cmi")
    order = Order.objects.get()

    assert answer(client, result(order)) == "ACTION=POSTAUTH"

    fee = Payment.objects.get().fee
    assert fee == (order.total * 175 + 5000) // 10000 + 150
    entries = {e.order_line.variant: e for e in LedgerEntry.objects.all()}
    assert entries[ours].fee == 0  # the foundation bears it
    share = fee * 30000 // order.total
    assert share - 1 <= entries[theirs].fee <= share + 1
    for entry in entries.values():
        assert entry.gross == (
            entry.discount + entry.vat + entry.commission + entry.fee + entry.net
        )


def test_the_same_success_repeated_is_stored_and_acted_on_once(
    client, cmi_order, django_capture_on_commit_callbacks
):
    fields = result(cmi_order)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answers = [answer(client, fields) for _ in range(4)]

    assert answers == ["ACTION=POSTAUTH"] * 4
    assert ProviderEvent.objects.count() == 1
    assert Payment.objects.filter(status="succeeded").count() == 1
    assert LedgerEntry.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_success_sent_again_with_a_new_signature_still_pays_once(client, cmi_order):
    answer(client, result(cmi_order))
    gross = ledger_total(cmi_order)

    # The same transaction, reported again with other fields (a new rnd).
    assert answer(client, result(cmi_order, rnd="other")) == "ACTION=POSTAUTH"

    assert ProviderEvent.objects.count() == 2
    assert ProviderEvent.objects.last().type == "repeat"
    assert ledger_total(cmi_order) == gross


def test_a_second_card_authorised_after_payment_is_not_captured(client, cmi_order):
    answer(client, result(cmi_order))

    second = answer(client, result(cmi_order, TransId="25001B2", AuthCode="654321"))

    assert second == "APPROVED"  # acknowledged, not captured
    cmi_order.refresh_from_db()
    assert cmi_order.status == OrderStatus.PAID
    assert Payment.objects.get().status == "succeeded"
    assert cmi_order.events.filter(message__contains="25001B2").exists()
    assert LedgerEntry.objects.count() == 1


# Failures ----------------------------------------------------------------------
def test_failed_tries_then_a_success(client, cmi_order):
    declined = result(cmi_order, approved=False, TransId="25001A0")
    no_3ds = result(
        cmi_order,
        TransId=None,
        ProcReturnCode=None,
        AuthCode=None,
        mdStatus="0",
        Response="Declined",
        ErrMsg="3-D Secure authentication failed",
    )

    assert answer(client, declined) == "APPROVED"
    cmi_order.refresh_from_db()
    assert cmi_order.status == OrderStatus.AWAITING_PAYMENT
    assert Payment.objects.get().status == "failed"
    assert not LedgerEntry.objects.exists()
    assert answer(client, no_3ds) == "APPROVED"
    assert answer(client, result(cmi_order)) == "ACTION=POSTAUTH"

    cmi_order.refresh_from_db()
    assert cmi_order.status == OrderStatus.PAID
    assert list(ProviderEvent.objects.values_list("type", flat=True)) == [
        "declined",
        "not_authenticated",
        "paid",
    ]
    assert ledger_total(cmi_order) == cmi_order.subtotal


def test_a_failure_arriving_after_the_success_changes_nothing(client, cmi_order):
    answer(client, result(cmi_order))
    gross = ledger_total(cmi_order)

    late = result(cmi_order, approved=False, TransId="25001A0")
    assert answer(client, late) == "APPROVED"

    cmi_order.refresh_from_db()
    assert cmi_order.status == OrderStatus.PAID
    assert Payment.objects.get().status == "succeeded"
    assert ProviderEvent.objects.last().type == "late_failure"
    assert ledger_total(cmi_order) == gross


def test_a_success_for_a_cancelled_order_is_not_captured(client, cmi_order):
    order_cancel(order_id=cmi_order.pk, reason="unpaid past the time limit")

    assert answer(client, result(cmi_order)) == "APPROVED"

    cmi_order.refresh_from_db()
    assert cmi_order.status == OrderStatus.CANCELLED and cmi_order.paid_at is None
    assert Payment.objects.get().status == "flagged"
    assert not LedgerEntry.objects.exists()
    flag = cmi_order.events.get(message__startswith="FLAG")
    assert "not captured" in flag.message and "25001A1" in flag.message
    # The same news again: the same answer, still nothing captured.
    assert answer(client, result(cmi_order)) == "APPROVED"


# What is refused ----------------------------------------------------------------
def _nothing_changed(order, events=0):
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT and order.paid_at is None
    assert ProviderEvent.objects.count() == events
    assert not LedgerEntry.objects.exists()
    assert not Payment.objects.filter(status="succeeded").exists()


@pytest.mark.parametrize(
    "case", ["no hash", "wrong key", "tampered amount", "tampered code", "lower case"]
)
def test_a_bad_hash_is_refused_and_nothing_is_stored(client, cmi_order, case):
    fields = result(cmi_order, approved=False)
    if case == "no hash":
        body = result(cmi_order)
    elif case == "wrong key":
        body = signed(result(cmi_order), key="someone-else")
    elif case == "tampered amount":
        body = {**signed(fields), "amount": "1.00"}
    elif case == "tampered code":  # a declined try turned into a success
        body = {**signed(fields), "ProcReturnCode": "00", "Response": "Approved"}
    else:  # a hash in another case is another hash
        body = signed(result(cmi_order))
        body["HASH"] = body["HASH"].lower()

    response = post(client, body)

    assert (response.status_code, response.content) == (200, b"FAILURE")
    _nothing_changed(cmi_order)


@pytest.mark.parametrize("missing", ["oid", "amount", "currency", "clientid"])
def test_a_signed_callback_missing_a_field_is_refused(client, cmi_order, missing):
    assert answer(client, result(cmi_order, **{missing: None})) == "FAILURE"
    _nothing_changed(cmi_order)


def test_another_stores_callback_is_refused(client, cmi_order):
    assert answer(client, result(cmi_order, clientid="600000999")) == "FAILURE"
    _nothing_changed(cmi_order)


@pytest.mark.parametrize(
    "overrides",
    [
        {"amount": "1.00"},
        {"amount": "440"},  # what the order costs in dirhams, not its total
        {"amount": "-440.00"},
        {"amount": "4.4e2"},
        {"currency": "978"},
    ],
)
def test_an_amount_or_currency_mismatch_is_flagged_and_not_paid(
    client, cmi_order, overrides
):
    fields = result(cmi_order, **overrides)
    if fields["amount"] == "440":
        fields["amount"] = str(cmi_order.total // 100 + 1)

    assert answer(client, fields) == "FAILURE"

    _nothing_changed(cmi_order, events=1)
    assert Payment.objects.get().status == "flagged"
    assert ProviderEvent.objects.get().type == "mismatch"
    assert cmi_order.events.filter(message__startswith="FLAG: CMI reports").exists()


def test_an_unknown_order_is_refused_and_recorded(client, cmi_order):
    assert answer(client, result(cmi_order, oid="TD-999999")) == "FAILURE"

    _nothing_changed(cmi_order, events=1)
    event = ProviderEvent.objects.get()
    assert (event.type, event.order) == ("unknown_order", None)
    # Repeated: the same answer, stored once.
    assert answer(client, result(cmi_order, oid="TD-999999")) == "FAILURE"
    assert ProviderEvent.objects.count() == 1


def test_nul_bytes_never_reach_the_database(client, cmi_order):
    fields = signed(result(cmi_order, ErrMsg="a\x00b"))

    # The site refuses them before any view (storefront.middleware)...
    assert post(client, fields).status_code == 400
    # ... and the callback itself would answer FAILURE.
    request = RequestFactory().post(CALLBACK, fields)
    assert cmi_callback(request).content == b"FAILURE"
    nul_name = signed({**result(cmi_order), "x\x00": "1"})
    assert cmi_callback(RequestFactory().post(CALLBACK, nul_name)).content == (
        b"FAILURE"
    )
    _nothing_changed(cmi_order)


@pytest.mark.parametrize(
    "body",
    [
        "not a form",
        '{"oid": "TD-000001", "HASH": "x"}',
        "oid=1&oid=2&HASH=x",
        "HASH=" + "A" * 5000,
        "",
    ],
)
def test_malformed_bodies_get_failure(client, cmi_order, body):
    response = client.post(
        CALLBACK, data=body, content_type="application/x-www-form-urlencoded"
    )
    assert (response.status_code, response.content) == (200, b"FAILURE")
    json_body = client.post(CALLBACK, data=body, content_type="application/json")
    assert (json_body.status_code, json_body.content) == (200, b"FAILURE")
    _nothing_changed(cmi_order)


def test_a_field_repeated_in_another_case_is_refused(client, cmi_order):
    fields = result(cmi_order)
    fields["OID"] = "TD-999999"
    assert answer(client, fields) == "FAILURE"
    _nothing_changed(cmi_order)


def test_the_callback_takes_only_posts(client, cmi_on):
    assert client.get(CALLBACK).status_code == 405


def test_an_error_of_ours_answers_failure_and_keeps_nothing(
    client, cmi_order, monkeypatch
):
    from shop.services import cmi_payments

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(cmi_payments, "_success_apply", broken)

    assert answer(client, result(cmi_order)) == "FAILURE"
    _nothing_changed(cmi_order)  # rolled back: the retry will be processed
    monkeypatch.undo()
    assert answer(client, result(cmi_order)) == "ACTION=POSTAUTH"


# The pages the buyer comes back to ----------------------------------------------
def _return(client, order, outcome=None, method="get"):
    url = f"/ar/orders/{order.number}/card/return/?token={order.access_token}"
    if outcome:
        url += f"&outcome={outcome}"
    return getattr(client, method)(url)


def test_the_return_page_shows_only_what_the_callback_recorded(client, cmi_order):
    ok = _return(client, cmi_order).content.decode()
    assert 'http-equiv="refresh"' in ok  # waiting for the bank's word
    assert "/card/cash/" not in ok

    # The browser says it failed: believed only as far as "not paid".
    failed = _return(client, cmi_order, "fail").content.decode()
    assert f"/ar/orders/{cmi_order.number}/card/cash/" in failed
    assert f"/ar/orders/{cmi_order.number}/card/?token=" in failed  # try again
    assert 'http-equiv="refresh"' not in failed

    answer(client, result(cmi_order, approved=False))
    declined = _return(client, cmi_order).content.decode()
    assert 'role="alert"' in declined and 'http-equiv="refresh"' not in declined
    assert f"/ar/orders/{cmi_order.number}/card/cash/" in declined

    answer(client, result(cmi_order))
    paid = _return(client, cmi_order, "fail").content.decode()
    assert cmi_order.number in paid and 'role="alert"' not in paid
    assert "/card/cash/" not in paid


def test_the_gateway_posts_the_buyer_back_without_a_csrf_token(cmi_order):
    browser = Client(enforce_csrf_checks=True)
    url = f"/fr/orders/{cmi_order.number}/card/return/?token={cmi_order.access_token}"

    # Fields claiming a success, unsigned: they are not even read.
    response = browser.post(url, {"ProcReturnCode": "00", "Response": "Approved"})

    assert response.status_code == 302 and response["Location"] == url
    _nothing_changed(cmi_order)
    assert browser.get(url).status_code == 200
    assert Client().post(url.split("?")[0]).status_code == 404  # no token


def test_the_buyer_can_pay_cash_on_delivery_instead(client, cmi_order):
    answer(client, result(cmi_order, approved=False))
    url = f"/fr/orders/{cmi_order.number}/card/cash/?token={cmi_order.access_token}"

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"/fr/orders/{cmi_order.number}/?token=")
    cmi_order.refresh_from_db()
    assert cmi_order.payment_method == "cod"
    assert cmi_order.status == OrderStatus.AWAITING_PAYMENT
    # A card success reported later is not captured: the buyer pays cash.
    assert answer(client, result(cmi_order)) == "APPROVED"
    cmi_order.refresh_from_db()
    assert (cmi_order.status, cmi_order.paid_at) == (
        OrderStatus.AWAITING_PAYMENT,
        None,
    )
    assert not LedgerEntry.objects.exists()
    # Not twice, and not without the token or the CSRF token.
    assert client.post(url).status_code == 302
    assert cmi_order.events.filter(message__contains="cash on delivery").count() == 1
    assert Client().post(url.split("?")[0]).status_code == 404
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url).status_code == 403


def test_a_paid_order_cannot_switch_to_cash(client, cmi_order):
    answer(client, result(cmi_order))
    url = f"/fr/orders/{cmi_order.number}/card/cash/?token={cmi_order.access_token}"

    client.post(url)

    cmi_order.refresh_from_db()
    assert (cmi_order.payment_method, cmi_order.status) == ("cmi", OrderStatus.PAID)


def test_the_order_page_leads_back_to_the_card_payment_until_it_is_paid(
    client, cmi_order
):
    detail = f"/fr/orders/{cmi_order.number}/?token={cmi_order.access_token}"
    pay_link = f'href="/fr/orders/{cmi_order.number}/card/?token='
    assert pay_link in client.get(detail).content.decode()

    assert answer(client, result(cmi_order)) == "ACTION=POSTAUTH"

    assert pay_link not in client.get(detail).content.decode()
    # The return page isolates the order number and the amount in its
    # sentences, for right-to-left readers.
    back = client.get(
        f"/ar/orders/{cmi_order.number}/card/return/?token={cmi_order.access_token}"
    ).content.decode()
    assert f"<bdi>{cmi_order.number}</bdi>" in back
    assert back.count("<bdi>") >= 2
