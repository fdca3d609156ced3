"""Two staff members give money back for the same order at the same moment:
together they would give back more than the order holds, so only one is
recorded; the same return posted at once is recorded once. Real row locks
and commits: PostgreSQL only."""

import threading

import pytest
from django.db import connection, connections

from cooperatives.models import today
from shop.models import BankTransfer, OrderEvent
from shop.services.transfers import (
    TransferError,
    transfer_record,
    transfer_return,
    transfers_received,
)
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


def give_back_at_once(order_id: int, returns: list[tuple[str, int]]) -> list:
    """Give back every (reference, amount) on its own thread and connection
    at the same moment; each answer is "ok", "refused", or a crash."""
    barrier = threading.Barrier(len(returns))
    answers = [None] * len(returns)

    def run(index, reference, amount):
        try:
            barrier.wait(timeout=30)
            transfer_return(
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
        for index, (reference, amount) in enumerate(returns)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def held_order(received: int):
    order = business_order((VariantFactory(price=50000, stock=20), 4))
    transfer_record(
        order_id=order.pk, reference="VIR-IN", day=today(), amount=received, user=None
    )
    return order


def test_two_returns_at_once_exceeding_what_was_received_record_one():
    order = held_order(100000)

    answers = give_back_at_once(order.pk, [("VIR-OUT-A", 60000), ("VIR-OUT-B", 60000)])

    assert sorted(answers) == ["ok", "refused"], answers
    returned = BankTransfer.objects.filter(order=order, kind="returned")
    assert list(returned.values_list("amount", flat=True)) == [60000]
    assert transfers_received(order) == 40000
    assert (
        OrderEvent.objects.filter(
            order=order, message__startswith="bank transfer given back"
        ).count()
        == 1
    )


def test_the_same_return_posted_at_once_is_recorded_once():
    order = held_order(100000)

    answers = give_back_at_once(order.pk, [("VIR-OUT-SAME", 30000)] * 3)

    assert answers == ["ok"] * 3, answers
    assert BankTransfer.objects.filter(order=order, kind="returned").count() == 1
    assert transfers_received(order) == 70000
