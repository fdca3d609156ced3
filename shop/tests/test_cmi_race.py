"""The CMI's callbacks for one order arriving at the same moment (the gateway
repeating itself while a failed try's news is still being read): one
payment, stored once per callback, the ledger written once.

Each callback runs on its own thread and database connection: real row
locks and commits, so this runs on PostgreSQL and is skipped on SQLite."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from scripts.fake_cmi import sign
from shop.models import LedgerEntry, Order, Payment, ProviderEvent
from shop.orders.states import OrderStatus
from shop.tests.conftest import CHECKOUT_POST, add_to_cart, place_order
from shop.tests.factories import DeliveryMethodFactory, VariantFactory
from shop.tests.test_cmi_callback import CALLBACK, result

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]


def post_at_once(bodies: list[dict]) -> list:
    barrier = threading.Barrier(len(bodies))
    answers = [None] * len(bodies)

    def run(index, body):
        try:
            barrier.wait(timeout=30)
            response = Client().post(CALLBACK, body)
            answers[index] = (response.status_code, response.content.decode())
        except Exception as error:  # noqa: BLE001 - reported by the test
            answers[index] = ("crash", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def test_callbacks_of_one_order_at_once_pay_it_once(settings):
    settings.CMI_CLIENT_ID = "600000001"
    settings.CMI_STORE_KEY = "TEST-STORE-KEY-1234"
    settings.CMI_GATEWAY_URL = "https://gateway.cmi.example/fim/est3Dgate"
    buyer = Client()
    variant = VariantFactory(stock=10)
    add_to_cart(buyer, variant.sku, 2)
    checkout_post = {**CHECKOUT_POST, "delivery_method": DeliveryMethodFactory().pk}
    place_order(buyer, checkout_post, payment_method="cmi")
    order = Order.objects.get()

    def signed(fields):
        return {**fields, "HASH": sign(fields, settings.CMI_STORE_KEY)}

    success = signed(result(order))
    bodies = [success] * 4 + [
        signed(result(order, rnd="again")),  # the same payment, signed anew
        signed(result(order, approved=False, TransId="25001A0")),  # a failed try
    ]

    answers = post_at_once(bodies)

    assert answers[:5] == [(200, "ACTION=POSTAUTH")] * 5, answers
    assert answers[5] == (200, "APPROVED")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert Payment.objects.get().status == "succeeded"
    assert ProviderEvent.objects.filter(type="paid").count() == 1
    assert ProviderEvent.objects.count() == 3  # success, signed anew, failed try
    assert LedgerEntry.objects.count() == 1
