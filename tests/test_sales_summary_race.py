"""Sales of the same product on the same day, paid at the same moment on
separate connections, all count in its sales summary: no increment is lost,
no transaction fails on the new row, none deadlocks.

These need real concurrency: they run on PostgreSQL (CI's second pass) and
are skipped on SQLite, which writes one transaction at a time."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.db.models import Sum

from cooperatives.models import today
from cooperatives.tests.factories import AgreementFactory
from shop.models import Cart, CartLine, EntryKind, LedgerEntry, SalesSummary
from shop.orders.states import OrderStatus, order_transition
from shop.services.checkout import CheckoutDetails, order_place
from shop.services.ledger import ledger_entries_write, sale_parts
from shop.services.payments import cash_collected
from shop.tests.factories import DeliveryMethodFactory, VariantFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL (set DATABASE_URL)",
    ),
]


def delivered_order(delivery, *items):
    """A cash-on-delivery order of [(variant, quantity)], delivered, its cash
    not yet collected: nothing in the ledger yet."""
    cart = Cart.objects.create()
    for variant, quantity in items:
        CartLine.objects.create(cart=cart, variant=variant, quantity=quantity)
    order = order_place(
        cart=cart,
        details=CheckoutDetails(
            email="b@example.ma",
            phone="+212612345678",
            full_name="B",
            address_line="1 rue",
            city="Rabat",
            postal_code="",
            country="MA",
            delivery_method_id=delivery.pk,
            payment_method="cod",
            discount_code="",
        ),
        language="fr",
    )
    for step in (OrderStatus.PREPARING, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        order_transition(order=order, to=step)
    return order


def race(jobs):
    """Run the callables at the same moment, each on its own connection;
    the error of each, or None."""
    barrier = threading.Barrier(len(jobs))
    errors = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=30)
            job()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors[index] = repr(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.fixture
def products():
    honey = VariantFactory(price=12000, stock=1000)
    soap = VariantFactory(
        price=2500, stock=1000, product__cooperative=honey.product.cooperative
    )
    AgreementFactory(cooperative=honey.product.cooperative)
    return honey, soap


def assert_summaries_equal_the_ledger():
    ledger = LedgerEntry.objects.filter(kind=EntryKind.SALE).aggregate(
        quantity=Sum("quantity"), gross=Sum("gross"), net=Sum("net")
    )
    summaries = SalesSummary.objects.aggregate(
        quantity=Sum("quantity"), gross=Sum("gross"), net=Sum("net")
    )
    assert summaries == ledger


def test_cash_collected_at_once_for_twelve_orders_counts_every_unit(products):
    honey, soap = products
    delivery = DeliveryMethodFactory()
    orders = [delivered_order(delivery, (honey, 1), (soap, 2)) for _ in range(12)]

    errors = race(
        [
            lambda order=order: cash_collected(
                order_id=order.pk, courier="Amana", amount=order.total, user=None
            )
            for order in orders
        ]
    )

    assert errors == [None] * 12
    rows = dict(SalesSummary.objects.values_list("sku", "quantity"))
    assert rows == {honey.sku: 12, soap.sku: 24}
    assert_summaries_equal_the_ledger()


def test_writers_holding_their_rows_wait_for_each_other_and_never_deadlock(products):
    """Each writer adds to both products' rows, half of them listing the
    products in the opposite order, and keeps its transaction open a moment:
    the others wait on the rows (the first writers even on a row not yet
    committed), then add, in the same key order for all."""
    honey, soap = products
    delivery = DeliveryMethodFactory()
    orders = [delivered_order(delivery, (honey, 1), (soap, 1)) for _ in range(10)]

    def write(order, reverse):
        lines = list(order.lines.order_by("pk"))
        if reverse:
            lines.reverse()
        entries = [
            LedgerEntry(
                cooperative_id=line.cooperative_id,
                kind=EntryKind.SALE,
                channel=order.channel,
                occurred_on=today(),
                payable_on=today(),
                order_line=line,
                quantity=line.quantity,
                commission_bp=1500,
                **sale_parts(line, commission_bp=1500, foundation_bears_discount=True),
            )
            for line in lines
        ]
        with transaction.atomic():
            ledger_entries_write(entries)
            time.sleep(0.05)

    errors = race([lambda o=o, r=i % 2: write(o, r) for i, o in enumerate(orders)])

    assert errors == [None] * 10
    rows = dict(SalesSummary.objects.values_list("sku", "quantity"))
    assert rows == {honey.sku: 10, soap.sku: 10}
    assert_summaries_equal_the_ledger()
