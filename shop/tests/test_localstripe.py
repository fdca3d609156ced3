"""End to end against localstripe, a fake Stripe server, on a loopback port:
create the intent, confirm it with a test card, deliver the webhook, see the
order paid, refund part of it, see the refund recorded."""

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import stripe

from shop.models import CartLine, Order, Refund
from shop.orders.states import OrderStatus
from shop.services.checkout import CheckoutDetails, order_place
from shop.services.payments import card_payment_prepare
from shop.services.refunds import refund_create
from shop.tests.factories import DeliveryMethodFactory
from shop.tests.stripe_fakes import event, sign

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def localstripe():
    executable = shutil.which("localstripe") or str(
        Path(sys.executable).parent / "localstripe"
    )
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own dev dependency
        [executable, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("localstripe did not start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_card_payment_and_refund_through_localstripe(
    client, settings, localstripe, variant
):
    settings.STRIPE_API_BASE = localstripe
    delivery = DeliveryMethodFactory(zone="abroad", price=15000)
    from shop.models import Cart

    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=variant, quantity=2)
    order = order_place(
        cart=cart,
        details=CheckoutDetails(
            email="buyer@example.com",
            phone="+33612345678",
            full_name="Claire Martin",
            address_line="3 rue des Lilas",
            city="Lyon",
            postal_code="69003",
            country="FR",
            delivery_method_id=delivery.pk,
            payment_method="stripe",
        ),
        language="en",
    )
    assert order.status == OrderStatus.AWAITING_PAYMENT

    payment = card_payment_prepare(order_id=order.pk)
    assert payment.reference.startswith("pi_")

    # The buyer's card, as Stripe.js would send it.
    buyer = stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses={"api": localstripe}
    )
    card = buyer.v1.payment_methods.create(
        {
            "type": "card",
            "card": {
                "number": "4242424242424242",
                "exp_month": 12,
                "exp_year": 2031,
                "cvc": "123",
            },
        }
    )
    buyer.v1.payment_intents.update(payment.reference, {"payment_method": card.id})
    confirmed = buyer.v1.payment_intents.confirm(payment.reference)
    assert confirmed.status == "succeeded"

    # Stripe tells us, signed, with the intent as its API returns it.
    raw = json.dumps(
        event("payment_intent.succeeded", confirmed.to_dict(), event_id="evt_ls_1")
    ).encode()
    response = client.post(
        "/payments/stripe/webhook/",
        data=raw,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(raw, settings.STRIPE_WEBHOOK_SECRET),
    )
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID

    line = order.lines.get()
    refund = refund_create(order_id=order.pk, quantities={line.pk: 1})

    assert refund.status == "succeeded"
    assert refund.reference.startswith("re_")
    assert refund.amount == variant.price
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTLY_REFUNDED
    assert Refund.objects.get().payment == payment
    assert Order.objects.count() == 1
