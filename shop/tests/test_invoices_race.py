"""Twenty orders paid at the same moment, each on its own thread and
database connection: twenty invoices numbered 1 to 20, no gap, no repeat.

The series' counter row is locked by each paying transaction, so this needs
real row locks and commits: it runs on PostgreSQL and is skipped on SQLite.
"""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from shop.models import Invoice
from shop.orders.states import OrderStatus, order_transition
from shop.services.payments import cash_collected
from shop.tests.factories import VariantFactory
from shop.tests.test_invoices import placed

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]
ORDERS = 20


def test_twenty_orders_paid_at_once_get_twenty_consecutive_numbers():
    # A product each: orders of one product would also wait for each other
    # on its sales summary row, hiding a missing lock on the numbers.
    orders = [placed((VariantFactory(stock=2), 1)) for _ in range(ORDERS)]
    for order in orders:
        for step in (
            OrderStatus.PREPARING,
            OrderStatus.SHIPPED,
            OrderStatus.DELIVERED,
        ):
            order_transition(order=order, to=step)
    barrier = threading.Barrier(ORDERS)
    errors = []

    def collect(order):
        try:
            barrier.wait(timeout=30)
            cash_collected(
                order_id=order.pk, courier="Amana", amount=order.total, user=None
            )
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=collect, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    year = timezone.localdate().year
    invoices = list(Invoice.objects.order_by("sequence"))
    assert [invoice.sequence for invoice in invoices] == list(range(1, ORDERS + 1))
    assert [invoice.number for invoice in invoices] == [
        f"FA-{year}-{sequence:06d}" for sequence in range(1, ORDERS + 1)
    ]
    assert sorted(invoice.order_id for invoice in invoices) == sorted(
        order.pk for order in orders
    )
    for invoice in invoices:
        assert invoice.total == invoice.order.total
