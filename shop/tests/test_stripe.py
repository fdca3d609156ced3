"""Card payments: webhooks with real signature checks, idempotent events,
amount checks, ordering, and the calls we make to Stripe."""

import json
import time

import pytest
from django.conf import settings
from django.core import mail

from shop.models import Order, Payment, ProviderEvent, Refund
from shop.orders.states import OrderStatus
from shop.payments import stripe_gateway
from shop.services.payments import card_payment_prepare
from shop.services.refunds import RefundError, refund_create
from shop.tests.conftest import add_to_cart, place_order
from shop.tests.stripe_fakes import FakeStripeHTTP, event, intent, sign

pytestmark = pytest.mark.django_db
WEBHOOK = "/payments/stripe/webhook/"


@pytest.fixture
def fake_stripe(monkeypatch):
    fake = FakeStripeHTTP()
    monkeypatch.setattr(stripe_gateway, "http_client", fake)
    return fake


@pytest.fixture
def card_order(client, variant, checkout_post, fake_stripe):
    add_to_cart(client, variant.sku, 2)
    response = place_order(client, checkout_post, payment_method="stripe")
    order = Order.objects.get()
    assert response.redirect_chain[-1][0].startswith(f"/fr/orders/{order.number}/pay/")
    return order


def deliver(client, payload: dict, *, secret=None, timestamp=None, body=None):
    raw = json.dumps(payload).encode()
    header = sign(raw, secret or settings.STRIPE_WEBHOOK_SECRET, timestamp)
    return client.post(
        WEBHOOK,
        data=body if body is not None else raw,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def succeeded(order, **overrides):
    payment = order.payments.get()
    fields = {"amount": order.total, "status": "succeeded", **overrides}
    return event("payment_intent.succeeded", intent(payment.reference, **fields))


def test_pay_page_creates_one_intent_with_an_idempotency_key(
    client, card_order, fake_stripe
):
    url = f"/fr/orders/{card_order.number}/pay/?token={card_order.access_token}"

    first = client.get(url)
    client.get(url)  # reloading the page creates nothing more

    assert first.status_code == 200
    payment = Payment.objects.get()
    assert payment.amount == card_order.total
    assert 'data-client-secret="' + payment.client_secret in first.content.decode()
    creates = fake_stripe.mutating_calls()
    assert len(creates) == 1
    assert creates[0]["params"]["currency"] == "mad"
    assert creates[0]["params"]["amount"] == str(card_order.total)
    assert creates[0]["params"]["metadata[order_number]"] == card_order.number
    assert creates[0]["headers"]["Idempotency-Key"] == (
        f"tadamon-order-{card_order.pk}-intent"
    )


def test_the_same_event_five_times_makes_one_payment_and_one_email(
    client, card_order, django_capture_on_commit_callbacks
):
    card_payment_prepare(order_id=card_order.pk)
    payload = succeeded(card_order)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answers = [deliver(client, payload).content for _ in range(5)]

    assert answers == [b"processed"] + [b"duplicate"] * 4
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PAID
    assert card_order.paid_at is not None
    assert Payment.objects.filter(status="succeeded").count() == 1
    assert ProviderEvent.objects.count() == 1
    assert len(mail.outbox) == 1
    assert card_order.number in mail.outbox[0].subject


@pytest.mark.parametrize("case", ["missing", "wrong secret", "modified", "too old"])
def test_bad_signatures_get_400_and_write_nothing(client, card_order, case):
    card_payment_prepare(order_id=card_order.pk)
    payload = succeeded(card_order)
    raw = json.dumps(payload).encode()
    if case == "missing":
        response = client.post(WEBHOOK, data=raw, content_type="application/json")
    elif case == "wrong secret":
        response = deliver(client, payload, secret="whsec_someone_else")
    elif case == "modified":
        tampered = raw.replace(str(card_order.total).encode(), b"1", 1)
        response = deliver(client, payload, body=tampered)
    else:
        response = deliver(client, payload, timestamp=int(time.time()) - 3600)

    assert response.status_code == 400
    assert not ProviderEvent.objects.exists()
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT
    assert Payment.objects.get().status == "pending"


@pytest.mark.parametrize(
    "overrides", [{"amount": 100}, {"currency": "eur"}], ids=["amount", "currency"]
)
def test_a_mismatch_is_flagged_not_paid(client, card_order, overrides):
    card_payment_prepare(order_id=card_order.pk)

    deliver(client, succeeded(card_order, **overrides))

    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT
    assert Payment.objects.get().status == "flagged"
    assert card_order.events.filter(message__startswith="FLAG").exists()


def test_events_out_of_order_never_downgrade(client, card_order):
    card_payment_prepare(order_id=card_order.pk)
    reference = card_order.payments.get().reference

    deliver(client, succeeded(card_order))
    for kind, status in [
        ("payment_intent.payment_failed", "requires_payment_method"),
        ("payment_intent.processing", "processing"),
        ("payment_intent.canceled", "canceled"),
    ]:
        deliver(
            client,
            event(kind, intent(reference, amount=card_order.total, status=status)),
        )

    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PAID
    assert Payment.objects.get().status == "succeeded"


def test_a_failure_leaves_the_order_payable(client, card_order, fake_stripe):
    payment = card_payment_prepare(order_id=card_order.pk)

    deliver(
        client,
        event(
            "payment_intent.payment_failed",
            intent(
                payment.reference,
                amount=card_order.total,
                status="requires_payment_method",
            ),
        ),
    )
    response = client.get(
        f"/en/orders/{card_order.number}/payment-return/",
        {"token": card_order.access_token},
    )

    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT
    assert "Try again" in response.content.decode()
    deliver(client, succeeded(card_order))  # the retry with another card
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PAID


def test_return_page_reads_the_real_state_then_the_webhook_adds_nothing(
    client, card_order, fake_stripe, django_capture_on_commit_callbacks
):
    payment = card_payment_prepare(order_id=card_order.pk)
    fake_stripe.intents[payment.reference]["status"] = "succeeded"
    fake_stripe.intents[payment.reference]["amount_received"] = card_order.total
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(
            f"/en/orders/{card_order.number}/payment-return/",
            {"token": card_order.access_token},
        )
        deliver(client, succeeded(card_order))

    assert "is paid" in page.content.decode()
    assert Payment.objects.filter(status="succeeded").count() == 1
    assert len(mail.outbox) == 1


def test_a_timeout_is_retried_with_the_same_key_and_creates_one_intent(
    client, card_order, fake_stripe, monkeypatch
):
    monkeypatch.setattr(
        "stripe._http_client.HTTPClient._sleep_time_seconds",
        lambda self, n, response=None: 0,
    )
    # Start from an order whose payment page was never opened.
    Payment.objects.all().delete()
    fake_stripe.calls.clear()
    fake_stripe.by_key.clear()
    fake_stripe.intents.clear()
    fake_stripe.fail_first = 1

    card_payment_prepare(order_id=card_order.pk)

    posts = fake_stripe.mutating_calls()
    assert len(posts) == 2  # the timed-out attempt and its retry
    assert len({call["headers"]["Idempotency-Key"] for call in posts}) == 1
    assert len(fake_stripe.intents) == 1
    assert Payment.objects.count() == 1


def test_card_refund_goes_to_stripe_with_a_key_and_is_never_too_much(
    client, card_order, fake_stripe, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        "stripe._http_client.HTTPClient._sleep_time_seconds",
        lambda self, n, response=None: 0,
    )
    card_payment_prepare(order_id=card_order.pk)
    deliver(client, succeeded(card_order))
    line = card_order.lines.get()
    fake_stripe.fail_first = 1  # the first refund call times out
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        refund = refund_create(
            order_id=card_order.pk, quantities={line.pk: 1}, restock=True
        )

    assert refund.amount == 11500
    assert refund.status == "succeeded"
    assert refund.reference.startswith("re_")
    refund_posts = [
        c for c in fake_stripe.mutating_calls() if c["path"] == "/v1/refunds"
    ]
    assert len(refund_posts) == 2
    assert {c["headers"]["Idempotency-Key"] for c in refund_posts} == {
        f"tadamon-refund-{refund.pk}"
    }
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PARTLY_REFUNDED
    line.variant.refresh_from_db()
    assert line.variant.stock == 9  # 10 - 2 sold + 1 restocked
    assert len(mail.outbox) == 1
    with pytest.raises(RefundError):
        refund_create(order_id=card_order.pk, quantities={line.pk: 2})
    refund_create(
        order_id=card_order.pk, quantities={line.pk: 1}, include_delivery=True
    )
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.REFUNDED
    assert sum(r.amount for r in Refund.objects.all()) == card_order.total
    with pytest.raises(RefundError):
        refund_create(order_id=card_order.pk, quantities={}, include_delivery=True)


def test_refund_made_in_the_stripe_dashboard_is_recorded(client, card_order):
    payment = card_payment_prepare(order_id=card_order.pk)
    deliver(client, succeeded(card_order))

    deliver(
        client,
        event(
            "refund.created",
            {
                "id": "re_dashboard",
                "object": "refund",
                "amount": 5000,
                "payment_intent": payment.reference,
                "status": "succeeded",
            },
        ),
    )

    refund = Refund.objects.get()
    assert (refund.reference, refund.amount, refund.status) == (
        "re_dashboard",
        5000,
        "succeeded",
    )
    assert card_order.events.filter(message__contains="outside the shop").exists()


def test_webhook_is_outside_the_language_prefix_and_csrf(client):
    response = client.get(WEBHOOK)

    assert response.status_code == 405


def test_a_refund_event_arriving_before_stripe_answered_finds_our_refund(
    client, card_order, monkeypatch
):
    from shop.models import LedgerEntry
    from shop.payments import stripe_gateway

    payment = card_payment_prepare(order_id=card_order.pk)
    deliver(client, succeeded(card_order))
    line = card_order.lines.get()
    sent = {}

    def slow_stripe(**kwargs):
        # Stripe's webhook lands while our call is still waiting for its answer.
        sent.update(kwargs)
        deliver(
            client,
            event(
                "refund.created",
                {
                    "id": "re_early",
                    "object": "refund",
                    "amount": kwargs["amount"],
                    "payment_intent": payment.reference,
                    "status": "succeeded",
                    "metadata": {
                        "tadamon_refund": str(kwargs["refund_id"]),
                        "tadamon_attempt": "0",
                    },
                },
            ),
        )
        return type("StripeRefund", (), {"id": "re_early", "status": "succeeded"})

    monkeypatch.setattr(stripe_gateway, "refund_create", slow_stripe)

    refund = refund_create(order_id=card_order.pk, quantities={line.pk: 1})

    assert Refund.objects.get().pk == refund.pk  # no "made outside the shop" copy
    assert (refund.reference, refund.status, refund.booked) == (
        "re_early",
        "succeeded",
        True,
    )
    assert LedgerEntry.objects.filter(kind="refund").count() == 1
    assert not card_order.events.filter(message__contains="outside the shop").exists()
