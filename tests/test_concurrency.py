"""Checkouts racing on separate connections never oversell nor deadlock.

These need real row locks: they run on PostgreSQL (CI's second pass) and are
skipped on SQLite, which has none.
"""

import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from shop.models import Cart, CartLine, DiscountCode, Order, Variant
from shop.services.checkout import CheckoutDetails, CheckoutError, order_place
from shop.tests.factories import (
    DeliveryMethodFactory,
    DiscountCodeFactory,
    VariantFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]


def details(delivery, code=""):
    return CheckoutDetails(
        email="buyer@example.ma",
        phone="+212612345678",
        full_name="Buyer",
        address_line="1 rue",
        city="Rabat",
        postal_code="",
        country="MA",
        delivery_method_id=delivery.pk,
        payment_method="cod",
        discount_code=code,
    )


def cart_with(*items):
    cart = Cart.objects.create()
    for variant, quantity in items:
        CartLine.objects.create(cart=cart, variant=variant, quantity=quantity)
    return cart


def place(cart, checkout_details):
    # Each thread has its own active language; the messages checked are English.
    with translation.override("en"):
        return order_place(cart=cart, details=checkout_details, language="en")


def race(jobs):
    """Run the callables at the same moment, each on its own connection."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = ("ok", job())
        except CheckoutError as error:
            results[index] = ("refused", error.problems)
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[index] = ("crash", repr(error))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_thirty_checkouts_for_ten_in_stock_sell_exactly_ten():
    variant = VariantFactory(stock=10)
    delivery = DeliveryMethodFactory()
    carts = [cart_with((variant, 1)) for _ in range(30)]

    results = race(
        [lambda cart=cart: place(cart, details(delivery)).number for cart in carts]
    )

    outcomes = [kind for kind, _value in results]
    assert outcomes.count("ok") == 10, results
    assert outcomes.count("refused") == 20, results
    for kind, value in results:
        if kind == "refused":
            assert any("out of stock" in problem for problem in value), value
    variant.refresh_from_db()
    assert variant.stock == 0
    assert Order.objects.count() == 10


def test_carts_holding_the_same_variants_in_opposite_order_never_deadlock():
    first = VariantFactory(stock=100)
    second = VariantFactory(stock=100)
    delivery = DeliveryMethodFactory()
    carts = []
    for index in range(16):
        pair = (first, second) if index % 2 else (second, first)
        carts.append(cart_with((pair[0], 1), (pair[1], 1)))

    results = race(
        [lambda cart=cart: place(cart, details(delivery)).number for cart in carts]
    )

    assert [kind for kind, _value in results] == ["ok"] * 16, results
    assert Variant.objects.get(pk=first.pk).stock == 84
    assert Variant.objects.get(pk=second.pk).stock == 84


def test_two_uses_at_once_of_a_code_with_one_use_left():
    variant = VariantFactory(stock=10, price=20000)
    delivery = DeliveryMethodFactory()
    DiscountCodeFactory(code="LAST", usage_limit=5, used_count=4)
    carts = [cart_with((variant, 1)) for _ in range(2)]

    results = race(
        [
            lambda cart=cart: place(cart, details(delivery, "LAST")).discount
            for cart in carts
        ]
    )

    assert sorted(kind for kind, _value in results) == ["ok", "refused"], results
    assert DiscountCode.objects.get(code="LAST").used_count == 5
    assert Order.objects.get().discount == 2000


def card_order_with_payment(monkeypatch):
    from shop.payments import stripe_gateway
    from shop.services.payments import card_payment_prepare
    from shop.tests.stripe_fakes import FakeStripeHTTP

    fake = FakeStripeHTTP()
    monkeypatch.setattr(stripe_gateway, "http_client", fake)
    variant = VariantFactory(stock=5)
    delivery = DeliveryMethodFactory()
    checkout = details(delivery)
    checkout = CheckoutDetails(**{**checkout.__dict__, "payment_method": "stripe"})
    order = place(cart_with((variant, 1)), checkout)
    payment = card_payment_prepare(order_id=order.pk)
    return order, payment, fake


def signed_succeeded(order, payment):
    import json

    from django.conf import settings

    from shop.tests.stripe_fakes import event, intent, sign

    raw = json.dumps(
        event(
            "payment_intent.succeeded",
            intent(payment.reference, amount=order.total, status="succeeded"),
            event_id="evt_same",
        )
    ).encode()
    return raw, sign(raw, settings.STRIPE_WEBHOOK_SECRET)


def test_the_same_event_five_times_at_once_makes_one_payment(monkeypatch, mailoutbox):
    from django.test import Client

    from shop.models import Payment

    order, payment, _fake = card_order_with_payment(monkeypatch)
    raw, header = signed_succeeded(order, payment)
    mailoutbox.clear()

    def deliver():
        response = Client().post(
            "/payments/stripe/webhook/",
            data=raw,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )
        return response.content

    results = race([deliver] * 5)

    assert sorted(value for _kind, value in results) == [b"duplicate"] * 4 + [
        b"processed"
    ], results
    order.refresh_from_db()
    assert order.status == "paid"
    assert Payment.objects.filter(status="succeeded").count() == 1
    assert len(mailoutbox) == 1


def test_return_page_and_webhook_racing_make_one_payment(monkeypatch, mailoutbox):
    from django.test import Client

    from shop.models import Payment

    order, payment, fake = card_order_with_payment(monkeypatch)
    fake.intents[payment.reference].update(
        status="succeeded", amount_received=order.total
    )
    raw, header = signed_succeeded(order, payment)
    mailoutbox.clear()

    def webhook():
        return (
            Client()
            .post(
                "/payments/stripe/webhook/",
                data=raw,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=header,
            )
            .status_code
        )

    def return_page():
        return (
            Client()
            .get(
                f"/en/orders/{order.number}/payment-return/",
                {"token": order.access_token},
            )
            .status_code
        )

    results = race([webhook, return_page, webhook, return_page])

    assert [value for _kind, value in results] == [200] * 4, results
    order.refresh_from_db()
    assert order.status == "paid"
    assert Payment.objects.filter(status="succeeded").count() == 1
    assert len(mailoutbox) == 1


def test_twenty_checkouts_across_two_lots_follow_first_expiry_first_out():
    import datetime

    from cooperatives.models import today
    from shop.models import Consignment, Lot, OrderLineLot
    from shop.services.lots import consignment_receive

    variant = VariantFactory(stock=0)
    delivery = DeliveryMethodFactory()
    consignment = Consignment.objects.create(
        cooperative=variant.product.cooperative, received_on=today()
    )
    for code, quantity, days in (("SOON", 8, 20), ("LATER", 7, 300)):
        consignment.lines.create(
            variant=variant,
            lot_code=code,
            quantity=quantity,
            production_date=today() - datetime.timedelta(days=10),
            best_before=today() + datetime.timedelta(days=days),
        )
    consignment.save()
    consignment_receive(consignment_id=consignment.pk)
    carts = [cart_with((variant, 1)) for _ in range(20)]

    results = race(
        [lambda cart=cart: place(cart, details(delivery)).number for cart in carts]
    )

    outcomes = [kind for kind, _value in results]
    assert outcomes.count("ok") == 15 and outcomes.count("refused") == 5, results
    soon, later = Lot.objects.get(code="SOON"), Lot.objects.get(code="LATER")
    assert (soon.sold, soon.stock, later.sold, later.stock) == (8, 0, 7, 0)
    assert sum(a.quantity for a in OrderLineLot.objects.all()) == 15
    variant.refresh_from_db()
    assert variant.stock == 0
