"""Devices syncing at the same moment, on separate connections: the last
unit is sold once, the same sale is recorded once. Row locks need
PostgreSQL; skipped on SQLite."""

import threading

import pytest
from django.db import connection, connections

from pos.models import Sale
from pos.services import pos_sale_record
from pos.tests.conftest import assert_lot_conserved, sale_input
from shop.models import Lot, Order

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]


def race(jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = ("ok", job())
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[index] = ("crash", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, j)) for i, j in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_devices_selling_the_last_unit_make_one_sale_one_shortfall(fair):
    session, honey_lot, _oil = fair
    # Two of the three jars are sold; one is left at the stand.
    pos_sale_record(session_id=session.pk, sale=sale_input([(honey_lot, 2)]))
    sales = [sale_input([(honey_lot, 1)]) for _ in range(2)]

    results = race(
        [
            lambda s=s: pos_sale_record(session_id=session.pk, sale=s)[0].status
            for s in sales
        ]
    )

    assert sorted(results) == [("ok", "accepted"), ("ok", "shortfall")]
    lot = Lot.objects.get(pk=honey_lot.pk)
    assert (lot.at_pos, lot.sold) == (0, 3)
    assert Order.objects.count() == 2
    assert Sale.objects.filter(status="shortfall", order=None).count() == 1
    assert_lot_conserved(lot)


def test_one_sale_sent_by_two_devices_at_once_is_recorded_once(fair):
    session, honey_lot, oil_lot = fair
    sale = sale_input([(honey_lot, 1), (oil_lot, 1)])

    results = race(
        [lambda: pos_sale_record(session_id=session.pk, sale=sale)[1] for _ in range(4)]
    )

    assert sorted(results) == [("ok", False)] * 3 + [("ok", True)]
    assert Sale.objects.count() == 1 and Order.objects.count() == 1
    assert Lot.objects.get(pk=honey_lot.pk).sold == 1
