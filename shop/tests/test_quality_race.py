"""The quality writes at the same moment, on their own threads and database
connections (real row locks and commits: PostgreSQL only): the same
checklist form sent three times records one inspection; two staff drawing
the month's plan together get one plan."""

import threading
import uuid
from decimal import Decimal

import pytest
from django.db import connection, connections

from cooperatives.models import today
from shop.models import CriterionResult, Inspection, InspectionPlan, LotStatus
from shop.services.quality import inspection_plan_draw
from shop.tests.factories import VariantFactory
from shop.tests.quality_factories import GOOD, honey_book, inspect, receive_lot

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]


def at_once(calls) -> list:
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            answers[index] = call()
        except Exception as error:  # noqa: BLE001 - reported by the test
            answers[index] = ("crash", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


@pytest.fixture
def lot():
    honey_book()
    return receive_lot(VariantFactory(stock=0, sku="TIF-THYM-250"), "L-RACE")


def test_the_same_checklist_sent_three_times_at_once_records_once(lot):
    token = uuid.uuid4()
    failing = {**GOOD, "Moisture": Decimal("22")}

    answers = at_once([lambda: inspect(lot, failing, token=token).pk] * 3)

    assert len(set(answers)) == 1, answers
    assert Inspection.objects.count() == 1
    assert CriterionResult.objects.count() == 4
    lot.refresh_from_db()
    assert lot.status == LotStatus.ON_HOLD


def test_two_staff_drawing_the_month_together_get_one_plan(lot):
    answers = at_once(
        [
            lambda: inspection_plan_draw(month=today(), size=1, seed=1).pk,
            lambda: inspection_plan_draw(month=today(), size=1, seed=2).pk,
        ]
    )

    assert len(set(answers)) == 1, answers
    assert InspectionPlan.objects.count() == 1
    assert InspectionPlan.objects.get().entries.count() == 1
