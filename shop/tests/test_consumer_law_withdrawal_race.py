"""The withdrawal form sent four times at once (a double tap, a phone
re-sending it), and two different forms asking for the same units at once:
one request each time. Threads with their own connections need real row
locks: PostgreSQL only."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from shop.models import WithdrawalLine, WithdrawalRequest
from shop.tests.conftest import CHECKOUT_POST
from shop.tests.consumer_fixtures import deliver, placed_order
from shop.tests.factories import DeliveryMethodFactory, VariantFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]


def post_at_once(url, forms) -> list:
    barrier = threading.Barrier(len(forms))
    answers = [None] * len(forms)

    def run(index, data):
        try:
            barrier.wait(timeout=30)
            answers[index] = Client().post(url, data).status_code
        except Exception as error:  # noqa: BLE001 - reported by the test
            answers[index] = repr(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, data))
        for index, data in enumerate(forms)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


@pytest.fixture
def order(client):
    delivery = DeliveryMethodFactory()
    variant = VariantFactory(stock=5)
    post = {**CHECKOUT_POST, "delivery_method": str(delivery.pk)}
    return deliver(placed_order(client, variant, post, quantity=2), days_ago=1)


def _form(order, token, quantity=2):
    line = order.lines.get()
    return {"form_token": token, f"line-{line.pk}": quantity, "reason": "other"}


def _url(order):
    return f"/fr/orders/{order.number}/withdrawal/?token={order.access_token}"


def test_the_same_form_sent_four_times_at_once_makes_one_request(order):
    answers = post_at_once(_url(order), [_form(order, "one-form")] * 4)

    assert answers == [302] * 4
    assert WithdrawalRequest.objects.count() == 1
    assert WithdrawalLine.objects.get().quantity == 2


def test_two_forms_for_the_same_units_at_once_make_one_request(order):
    answers = post_at_once(
        _url(order), [_form(order, "first-form"), _form(order, "second-form")]
    )

    assert sorted(answers) == [200, 302]
    assert WithdrawalRequest.objects.count() == 1
