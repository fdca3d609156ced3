"""The same "place order" form fired five times at once, as a double click or
a phone re-sending it does, by one buyer (one session cookie): one order.

Each request runs on its own thread and database connection, so this needs
real row locks and commits: it runs on PostgreSQL and is skipped on SQLite.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from shop.models import Order, Payment
from shop.tests.conftest import CHECKOUT_POST, add_to_cart
from shop.tests.factories import DeliveryMethodFactory, VariantFactory
from shop.tests.test_money_trust import receipt_url, review_form

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]
REVIEW = "/fr/checkout/review/"


def same_buyer(client: Client) -> Client:
    """Another client (a thread's) holding `client`'s session cookie."""
    twin = Client()
    for name, morsel in client.cookies.items():
        twin.cookies[name] = morsel.value
    return twin


def post_at_once(clients, data) -> list:
    """POST `data` to the review page from every client at the same moment;
    each answer as (status, Location) or ("crash", the exception)."""
    barrier = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def run(index, client):
        try:
            barrier.wait(timeout=30)
            response = client.post(REVIEW, data)
            answers[index] = (response.status_code, response.get("Location"))
        except Exception as error:  # noqa: BLE001 - reported by the test
            answers[index] = ("crash", repr(error))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, client))
        for index, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


@pytest.mark.parametrize("method", ["cod", "stripe"])
def test_five_identical_placements_at_once_make_one_order(method):
    variant = VariantFactory(stock=10)
    checkout_post = {**CHECKOUT_POST, "delivery_method": DeliveryMethodFactory().pk}
    buyer = Client()
    add_to_cart(buyer, variant.sku, 2)
    form = review_form(buyer, checkout_post, payment_method=method)  # opened once

    answers = post_at_once([same_buyer(buyer) for _ in range(5)], form)

    assert Order.objects.count() == 1, answers
    order = Order.objects.get()
    assert order.payment_method == method
    assert answers == [(302, receipt_url(order))] * 5
    variant.refresh_from_db()
    assert variant.stock == 8
    assert order.lines.get().quantity == 2
    assert not Payment.objects.exists()  # a card is charged on its payment page


def test_a_twin_that_checked_before_the_first_committed_still_finds_the_order(
    monkeypatch,
):
    """The late request looked for an order with its token before the first
    committed; by the time it reads the cart, the order is placed and the
    cart empty: it is sent to that order, not back to the checkout."""
    import shop.views

    variant = VariantFactory(stock=10)
    post = {**CHECKOUT_POST, "delivery_method": DeliveryMethodFactory().pk}
    buyer = Client()
    add_to_cart(buyer, variant.sku, 2)
    form = review_form(buyer, post)
    waiting, first_done = threading.Event(), threading.Event()
    real_cart_get = shop.views.cart_get

    def cart_get(request, **kwargs):
        if threading.current_thread().name == "late":
            waiting.set()
            first_done.wait(30)
        return real_cart_get(request, **kwargs)

    monkeypatch.setattr(shop.views, "cart_get", cart_get)
    answers = {}

    def late():
        try:
            answers["late"] = same_buyer(buyer).post(REVIEW, form)["Location"]
        finally:
            connections.close_all()

    thread = threading.Thread(target=late, name="late")
    thread.start()
    waiting.wait(30)
    answers["first"] = same_buyer(buyer).post(REVIEW, form)["Location"]
    first_done.set()
    thread.join(60)

    order = Order.objects.get()
    assert answers == {"first": receipt_url(order), "late": receipt_url(order)}
