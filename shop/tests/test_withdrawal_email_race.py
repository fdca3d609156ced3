"""The withdrawal form sent four times at once (a double tap, a phone
sending it again): one request, and the buyer hears back once. Each
request commits for real and its emails go after the commit, as in
production. Threads with their own connections need real row locks:
PostgreSQL only."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client

from shop.models import SentEmail, WithdrawalRequest
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


def _send_together(url: str, data: dict, times: int) -> list:
    barrier = threading.Barrier(times)
    answers = [None] * times

    def send(index):
        try:
            barrier.wait(timeout=30)
            answers[index] = Client().post(url, data).status_code
        except Exception as error:  # noqa: BLE001 - the test reports it
            answers[index] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def test_the_same_form_four_times_at_once_sends_one_acknowledgement(client):
    delivery = DeliveryMethodFactory()
    variant = VariantFactory(stock=5)
    post = {**CHECKOUT_POST, "delivery_method": str(delivery.pk)}
    order = deliver(placed_order(client, variant, post, quantity=2), days_ago=1)
    mail.outbox.clear()  # the order's confirmation
    line = order.lines.get()
    url = f"/fr/orders/{order.number}/withdrawal/?token={order.access_token}"
    form = {"form_token": "tapped-twice", f"line-{line.pk}": 2, "reason": "damaged"}

    answers = _send_together(url, form, 4)

    assert answers == [302] * 4
    request = WithdrawalRequest.objects.get()
    to_buyer = [message for message in mail.outbox if message.to == [order.email]]
    assert len(to_buyer) == 1
    assert order.number in to_buyer[0].subject
    sent = SentEmail.objects.filter(key__startswith="return_request_received:")
    assert list(sent.values_list("key", "status")) == [
        (f"return_request_received:{request.pk}", SentEmail.Status.SENT)
    ]
