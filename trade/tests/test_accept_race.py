"""A pro-forma accepted five times at once (a double click, a phone sending
the form again, two colleagues): one order, stock taken once.

Each request has its own thread and database connection: real row locks
and commits, so this runs on PostgreSQL and is skipped on SQLite."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from shop.models import Order
from shop.tests.factories import VariantFactory
from trade.models import ClientGroup, Quote, QuoteLine
from trade.services import quote_send

from .conftest import make_account, make_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]


def test_five_acceptances_at_once_place_one_order():
    honey = VariantFactory(sku="RACE-1KG", stock=100)
    group = ClientGroup.objects.create(name="Race")
    buyer = make_user("race@hotel.ma")
    account = make_account(ice="004444444000044", group=group, user=buyer)
    quote = Quote.objects.create(
        account=account, number="PF-RACE-1", language="fr", request_token="race"
    )
    QuoteLine.objects.create(quote=quote, variant=honey, quantity=30, unit_price=9000)
    quote_send(quote_id=quote.pk)
    clients = []
    for _ in range(5):
        client = Client()
        client.force_login(buyer)
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def run(index, client):
        try:
            barrier.wait(timeout=30)
            response = client.post(f"/fr/trade/quotes/{quote.number}/accept/")
            answers[index] = (response.status_code, response.get("Location"))
        except Exception as error:  # noqa: BLE001 - reported by the test
            answers[index] = ("crash", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert Order.objects.count() == 1, answers
    order = Order.objects.get()
    assert answers == [(302, f"/fr/orders/{order.number}/")] * 5
    honey.refresh_from_db()
    assert honey.stock == 70
