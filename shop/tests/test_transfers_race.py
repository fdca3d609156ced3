"""Two bank transfers recorded at the same moment, each completing the same
order (two staff members, two browser tabs): the order is paid once, one
transfer is recorded, the other refused; two partial transfers at once add
up and the second pays. Real row locks and commits: PostgreSQL only."""

import threading

import pytest
from django.db import connection, connections

from cooperatives.models import today
from shop.models import BankTransfer, LedgerEntry, Order, Payment
from shop.services.transfers import TransferError, transfer_record
from shop.tests.business import business_order
from shop.tests.factories import VariantFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]


def record_at_once(order_id: int, transfers: list[tuple[str, int]]) -> list:
    """Record every (reference, amount) on its own thread and connection at
    the same moment; each answer is "ok", the refusal's class, or a crash."""
    barrier = threading.Barrier(len(transfers))
    answers = [None] * len(transfers)

    def run(index, reference, amount):
        try:
            barrier.wait(timeout=30)
            transfer_record(
                order_id=order_id,
                reference=reference,
                day=today(),
                amount=amount,
                user=None,
            )
            answers[index] = "ok"
        except TransferError:
            answers[index] = "refused"
        except Exception as error:  # noqa: BLE001 - reported by the test
            answers[index] = ("crash", repr(error))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, reference, amount))
        for index, (reference, amount) in enumerate(transfers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def test_two_transfers_completing_the_order_at_once_pay_it_once():
    order = business_order((VariantFactory(price=50000, stock=20), 4))

    answers = record_at_once(order.pk, [("VIR-A", order.total), ("VIR-B", order.total)])

    assert sorted(answers) == ["ok", "refused"], answers
    order.refresh_from_db()
    assert order.status == "paid"
    assert BankTransfer.objects.filter(order=order).count() == 1
    assert Payment.objects.filter(order=order).count() == 1
    assert LedgerEntry.objects.filter(order_line__order=order).count() == 1


def test_the_same_transfer_posted_at_once_is_recorded_once():
    order = business_order((VariantFactory(price=50000, stock=20), 4))

    answers = record_at_once(order.pk, [("VIR-SAME", order.total)] * 3)

    assert answers == ["ok"] * 3, answers
    assert BankTransfer.objects.filter(order=order).count() == 1
    assert Payment.objects.filter(order=order).count() == 1
    assert Order.objects.get(pk=order.pk).status == "paid"


def test_two_partial_transfers_at_once_add_up_and_pay_once():
    order = business_order((VariantFactory(price=50000, stock=20), 4))
    part = order.total // 4

    answers = record_at_once(order.pk, [("VIR-1", part), ("VIR-2", order.total - part)])

    assert answers == ["ok", "ok"], answers
    order.refresh_from_db()
    assert order.status == "paid"
    assert Payment.objects.get(order=order).amount == order.total
    assert LedgerEntry.objects.filter(order_line__order=order).count() == 1
