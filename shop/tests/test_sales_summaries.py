"""The sales summaries always equal the sums of the ledger entries they
stand for, whatever was sold, refunded, restored or deducted."""

import importlib
import itertools
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cooperatives.models import today
from cooperatives.tests.factories import AgreementFactory
from shop.models import LedgerEntry, PooledCost, Refund, SalesSummary
from shop.services.ledger import (
    SUMMARY_FIELDS,
    SUMMARY_KINDS,
    ledger_restore_refund,
    pooled_cost_allocate,
)
from shop.services.refunds import refund_create
from shop.tests.factories import VariantFactory
from shop.tests.test_ledger import days_later, paid_order

pytestmark = pytest.mark.django_db


def ledger_totals() -> dict[tuple, tuple]:
    """The summaries as they should be: the entries' sums, by key."""
    rows = (
        LedgerEntry.objects.filter(kind__in=SUMMARY_KINDS)
        .values("cooperative_id", "occurred_on", "order_line__sku", "channel")
        .annotate(**{f"sum_{name}": Sum(name) for name in SUMMARY_FIELDS})
    )
    return {
        (r["cooperative_id"], r["occurred_on"], r["order_line__sku"], r["channel"]): (
            tuple(r[f"sum_{name}"] for name in SUMMARY_FIELDS)
        )
        for r in rows
    }


def summary_totals() -> dict[tuple, tuple]:
    return {
        tuple(row[:4]): tuple(row[4:])
        for row in SalesSummary.objects.values_list(
            "cooperative_id", "day", "sku", "channel", *SUMMARY_FIELDS
        )
    }


@pytest.fixture
def variants():
    made = [VariantFactory(price=price, stock=1000) for price in (12000, 4550)]
    # A second product of the first cooperative: two SKUs, one cooperative.
    made.append(
        VariantFactory(
            price=999, stock=1000, product__cooperative=made[0].product.cooperative
        )
    )
    for variant in made[:2]:
        AgreementFactory(cooperative=variant.product.cooperative)
    return made


def test_sales_refunds_restores_and_deductions_keep_summaries_equal_to_the_ledger(
    variants,
):
    honey, oil, soap = variants
    order = paid_order((honey, 3), (soap, 2))
    paid_order((honey, 1), (oil, 4))
    honey_line = order.lines.get(variant=honey)
    refund = refund_create(order_id=order.pk, quantities={honey_line.pk: 1})
    with days_later(2):
        # A refund reported failed two days later: restored on that day.
        ledger_restore_refund(refund, day=today())
        refund_create(order_id=order.pk, quantities={honey_line.pk: 2})
    cost = PooledCost.objects.create(label="Bocaux", incurred_on=today(), amount=9000)
    pooled_cost_allocate(
        cost_id=cost.pk,
        weights={honey.product.cooperative_id: 1, oil.product.cooperative_id: 2},
    )

    summaries = summary_totals()
    assert summaries == ledger_totals()
    # One row per cooperative, day, SKU and channel: today's honey, soap and
    # oil, and the honey of two days later (the refund restored, +1, and
    # the second refund, -2), whatever the day the sales were.
    assert len(summaries) == 4
    cooperative = honey.product.cooperative_id
    assert summaries[(cooperative, today(), honey.sku, "online")][0] == 3 + 1 - 1
    with days_later(2):
        assert summaries[(cooperative, today(), honey.sku, "online")][0] == 1 - 2
    assert not SalesSummary.objects.filter(sku="").exists()  # no deduction rows


def test_the_migration_backfills_what_the_service_adds_up(variants):
    honey, oil, _soap = variants
    order = paid_order((honey, 2), (oil, 1))
    refund_create(order_id=order.pk, quantities={order.lines.first().pk: 1})
    expected = summary_totals()
    SalesSummary.objects.all().delete()

    migration = importlib.import_module("shop.migrations.0016_sales_summaries")
    migration.backfill(apps, None)

    assert summary_totals() == expected == ledger_totals()


_examples = itertools.count(1)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    orders=st.lists(
        st.tuples(
            st.lists(
                st.tuples(st.integers(0, 2), st.integers(1, 3)), min_size=1, max_size=3
            ),
            st.lists(st.tuples(st.integers(0, 2), st.integers(1, 2)), max_size=2),
            st.booleans(),
            st.integers(0, 3),
        ),
        min_size=1,
        max_size=3,
    ),
    deduction=st.integers(0, 20000),
)
def test_summaries_equal_the_ledger_whatever_happens(variants, orders, deduction):
    for items, refunds, restore, later in orders:
        merged = {}
        for index, quantity in items:
            merged[index] = merged.get(index, 0) + quantity
        with days_later(later):
            order = paid_order(*[(variants[i], q) for i, q in merged.items()])
        lines = list(order.lines.order_by("pk"))
        for pick, quantity in refunds:
            line = lines[pick % len(lines)]
            try:
                refund_create(order_id=order.pk, quantities={line.pk: quantity})
            except Exception:  # noqa: BLE001 - more than is left on the line
                continue
        last = Refund.objects.filter(order=order, booked=True).last()
        if restore and last is not None:
            ledger_restore_refund(last, day=today())
    if deduction:
        cost = PooledCost.objects.create(
            label=f"c{next(_examples)}", incurred_on=today(), amount=deduction
        )
        pooled_cost_allocate(
            cost_id=cost.pk,
            weights={v.product.cooperative_id: 1 for v in variants},
        )

    assert summary_totals() == ledger_totals()


def test_entries_are_written_only_by_the_service_that_keeps_the_summaries():
    """A second place writing ledger entries would leave the summaries
    behind: application code writes them through `ledger_entries_write`."""
    writes = re.compile(
        r"LedgerEntry\.objects\.(create|bulk_create|get_or_create|update_or_create)"
        r"|ledger_entries\.create\(|SalesSummary\.objects\.(create|bulk_create|update)"
    )
    root = Path(django_settings.BASE_DIR)
    found = [
        str(path.relative_to(root))
        for app in ("core", "cms", "shop", "cooperatives", "portal", "storefront")
        for path in (root / app).rglob("*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and writes.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["shop/services/ledger.py"]
