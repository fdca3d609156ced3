"""Pooled purchasing rounds: tiers, orders until closing, one bulk order,
deductions at the tier price the whole round reached, once."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from cooperatives.models import today
from cooperatives.tests.factories import CooperativeFactory
from portal.entries import _SENTENCES, as_text, described
from shop.models import (
    BulkOrder,
    EntryKind,
    LedgerEntry,
    PurchaseItem,
    PurchaseOrder,
    PurchaseReceipt,
    RoundStatus,
)
from shop.money import format_mad
from shop.services.purchasing import (
    AlreadyClosed,
    AlreadyDelivered,
    PurchasingError,
    RoundClosed,
    round_close,
    round_deliver,
    round_order,
    tier_price,
)
from shop.services.settlements import statement_issue
from shop.tests.factories import VariantFactory
from shop.tests.purchasing_fixtures import (
    JARS_500,
    JARS_1000,
    JARS_SOLO,
    LIDS_800,
    LIDS_SOLO,
    make_round,
    past_closing,
)
from shop.tests.test_ledger import paid_order

pytestmark = pytest.mark.django_db


def items(purchasing_round):
    jars, lids = purchasing_round.items.order_by("pk")
    return jars, lids


def deductions(**filters):
    return LedgerEntry.objects.filter(kind=EntryKind.DEDUCTION, **filters)


@pytest.mark.parametrize(
    ("total", "price"),
    [
        (0, JARS_SOLO),
        (1, JARS_SOLO),
        (499, JARS_SOLO),
        (500, JARS_500),
        (501, JARS_500),
        (999, JARS_500),
        (1000, JARS_1000),
        (25_000, JARS_1000),
    ],
)
def test_the_price_is_the_highest_tier_the_round_total_reaches(total, price):
    jars, _lids = items(make_round())
    assert tier_price(jars, total) == price


def test_an_item_without_tiers_costs_the_price_of_buying_alone():
    purchasing_round = make_round()
    item = PurchaseItem.objects.create(
        purchasing_round=purchasing_round, name="Étiquette", solo_price=31
    )
    assert tier_price(item, 10_000) == 31


def three_cooperatives():
    return CooperativeFactory(), CooperativeFactory(), CooperativeFactory()


def test_a_rounds_deductions_add_up_to_the_bulk_order_and_each_is_its_receipt():
    purchasing_round = make_round()
    jars, lids = items(purchasing_round)
    a, b, c = three_cooperatives()
    # 413 + 377 + 211 = 1001 jars: the 1000 tier, by one jar; 799 lids: one
    # short of its tier, so lids stay at the price of buying alone.
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=a.pk,
        quantities={jars.pk: 413, lids.pk: 400},
    )
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=b.pk,
        quantities={jars.pk: 377, lids.pk: 399},
    )
    round_order(
        round_id=purchasing_round.pk, cooperative_id=c.pk, quantities={jars.pk: 211}
    )
    past_closing(purchasing_round)

    bulk = round_close(
        round_id=purchasing_round.pk, supplier="Verrerie", reference="V-1"
    )

    jars.refresh_from_db()
    lids.refresh_from_db()
    assert (jars.quantity, jars.unit_price) == (1001, JARS_1000)
    assert (lids.quantity, lids.unit_price) == (799, LIDS_SOLO)
    assert bulk.cost == 1001 * JARS_1000 + 799 * LIDS_SOLO

    received = {
        (jars.pk, a.pk): 413,
        (lids.pk, a.pk): 400,
        (jars.pk, b.pk): 377,
        (lids.pk, b.pk): 399,
        (jars.pk, c.pk): 211,
    }
    delivered = round_deliver(
        round_id=purchasing_round.pk, received=received, day=today()
    )

    entries = deductions(purchase__item__purchasing_round=purchasing_round)
    assert -sum(entries.values_list("net", flat=True)) == bulk.cost == delivered.cost
    assert BulkOrder.objects.get(pk=bulk.pk).delivered_cost == bulk.cost
    for cooperative, expected in (
        (a, 413 * JARS_1000 + 400 * LIDS_SOLO),
        (b, 377 * JARS_1000 + 399 * LIDS_SOLO),
        (c, 211 * JARS_1000),
    ):
        assert (
            -sum(entries.filter(cooperative=cooperative).values_list("net", flat=True))
            == expected
        )
    for entry in entries.select_related("purchase"):
        assert entry.net == -entry.purchase.quantity * entry.purchase.unit_price
        assert entry.cooperative_id == entry.purchase.cooperative_id
    purchasing_round.refresh_from_db()
    assert purchasing_round.status == RoundStatus.DELIVERED


def test_received_quantities_that_differ_are_deducted_at_the_price_reached():
    purchasing_round = make_round()
    jars, lids = items(purchasing_round)
    a, b, _c = three_cooperatives()
    round_order(
        round_id=purchasing_round.pk, cooperative_id=a.pk, quantities={jars.pk: 300}
    )
    round_order(
        round_id=purchasing_round.pk, cooperative_id=b.pk, quantities={jars.pk: 200}
    )
    past_closing(purchasing_round)
    bulk = round_close(
        round_id=purchasing_round.pk, supplier="Verrerie", reference="V-2"
    )
    assert bulk.cost == 500 * JARS_500

    # The supplier delivered 480: b got 20 fewer jars, and pays for 180 at
    # the price the round reached (not recomputed on what was delivered).
    round_deliver(
        round_id=purchasing_round.pk,
        received={(jars.pk, a.pk): 300, (jars.pk, b.pk): 180},
    )

    assert PurchaseReceipt.objects.get(cooperative=b).ordered == 200
    assert deductions(cooperative=b).get().net == -180 * JARS_500
    assert deductions(cooperative=a).get().net == -300 * JARS_500
    total = -sum(deductions().values_list("net", flat=True))
    assert total == BulkOrder.objects.get().delivered_cost == 480 * JARS_500
    assert lids.receipts.count() == 0


def test_ordering_after_the_closing_date_is_refused_and_changes_nothing():
    purchasing_round = make_round()
    jars, _lids = items(purchasing_round)
    cooperative = CooperativeFactory()
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=cooperative.pk,
        quantities={jars.pk: 40},
    )
    past_closing(purchasing_round)

    with pytest.raises(RoundClosed):
        round_order(
            round_id=purchasing_round.pk,
            cooperative_id=cooperative.pk,
            quantities={jars.pk: 900},
        )
    assert PurchaseOrder.objects.get().quantity == 40

    round_close(round_id=purchasing_round.pk, supplier="S", reference="R")
    with pytest.raises(RoundClosed):
        round_order(
            round_id=purchasing_round.pk,
            cooperative_id=cooperative.pk,
            quantities={jars.pk: 0},
        )
    assert PurchaseOrder.objects.get().quantity == 40


def test_the_same_order_twice_is_one_order_and_a_change_replaces_it():
    purchasing_round = make_round()
    jars, lids = items(purchasing_round)
    cooperative = CooperativeFactory()
    for _ in range(2):
        round_order(
            round_id=purchasing_round.pk,
            cooperative_id=cooperative.pk,
            quantities={jars.pk: 120, lids.pk: 60},
        )
    assert sorted(PurchaseOrder.objects.values_list("quantity", flat=True)) == [60, 120]

    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=cooperative.pk,
        quantities={jars.pk: 150},
    )
    assert PurchaseOrder.objects.get(item=jars).quantity == 150
    assert PurchaseOrder.objects.get(item=lids).quantity == 60

    # None of an item: the order of it is removed, the other one kept.
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=cooperative.pk,
        quantities={lids.pk: 0},
    )
    assert list(PurchaseOrder.objects.values_list("item", "quantity")) == [
        (jars.pk, 150)
    ]


def test_an_item_of_another_round_or_a_negative_quantity_is_refused():
    purchasing_round, other = make_round(), make_round()
    foreign, _lids = items(other)
    jars, _lids = items(purchasing_round)
    cooperative = CooperativeFactory()
    with pytest.raises(PurchasingError):
        round_order(
            round_id=purchasing_round.pk,
            cooperative_id=cooperative.pk,
            quantities={foreign.pk: 5},
        )
    with pytest.raises(PurchasingError) as refused:
        round_order(
            round_id=purchasing_round.pk,
            cooperative_id=cooperative.pk,
            quantities={jars.pk: -5},
        )
    assert refused.value.field == f"item-{jars.pk}"
    assert not PurchaseOrder.objects.exists()


def test_closing_before_the_closing_date_or_twice_is_refused():
    purchasing_round = make_round()
    jars, _lids = items(purchasing_round)
    cooperative = CooperativeFactory()
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=cooperative.pk,
        quantities={jars.pk: 10},
    )
    with pytest.raises(PurchasingError):
        round_close(round_id=purchasing_round.pk, supplier="S", reference="R")
    assert not BulkOrder.objects.exists()

    past_closing(purchasing_round)
    round_close(round_id=purchasing_round.pk, supplier="S", reference="R")
    with pytest.raises(AlreadyClosed):
        round_close(round_id=purchasing_round.pk, supplier="S", reference="R2")
    assert BulkOrder.objects.get().reference == "R"


def test_recording_the_delivery_twice_deducts_once():
    purchasing_round = make_round()
    jars, _lids = items(purchasing_round)
    cooperative = CooperativeFactory()
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=cooperative.pk,
        quantities={jars.pk: 600},
    )
    past_closing(purchasing_round)
    round_close(round_id=purchasing_round.pk, supplier="S", reference="R")
    received = {(jars.pk, cooperative.pk): 600}
    round_deliver(round_id=purchasing_round.pk, received=received)

    with pytest.raises(AlreadyDelivered):
        round_deliver(round_id=purchasing_round.pk, received=received)

    assert deductions().count() == 1
    assert deductions().get().net == -600 * JARS_500


def test_a_delivery_must_answer_every_order_and_only_the_rounds_lines():
    purchasing_round = make_round()
    jars, lids = items(purchasing_round)
    a, b, _c = three_cooperatives()
    round_order(
        round_id=purchasing_round.pk, cooperative_id=a.pk, quantities={jars.pk: 5}
    )
    round_order(
        round_id=purchasing_round.pk, cooperative_id=b.pk, quantities={lids.pk: 5}
    )
    with pytest.raises(PurchasingError):  # still open
        round_deliver(round_id=purchasing_round.pk, received={(jars.pk, a.pk): 5})
    past_closing(purchasing_round)
    round_close(round_id=purchasing_round.pk, supplier="S", reference="R")

    with pytest.raises(PurchasingError):  # b's lids left out
        round_deliver(round_id=purchasing_round.pk, received={(jars.pk, a.pk): 5})
    foreign, _ = items(make_round())
    with pytest.raises(PurchasingError):
        round_deliver(
            round_id=purchasing_round.pk,
            received={(jars.pk, a.pk): 5, (lids.pk, b.pk): 5, (foreign.pk, a.pk): 1},
        )
    assert not deductions().exists()
    assert not PurchaseReceipt.objects.exists()


def test_the_statement_shows_the_deduction_in_arabic_and_still_balances():
    variant = VariantFactory(stock=50, price=20000)
    cooperative = variant.product.cooperative
    paid_order((variant, 3))
    purchasing_round = make_round()
    jars, lids = items(purchasing_round)
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=cooperative.pk,
        quantities={jars.pk: 1000, lids.pk: 800},
    )
    past_closing(purchasing_round)
    round_close(round_id=purchasing_round.pk, supplier="S", reference="R")
    round_deliver(
        round_id=purchasing_round.pk,
        received={(jars.pk, cooperative.pk): 1000, (lids.pk, cooperative.pk): 790},
    )

    statement = statement_issue(cooperative_id=cooperative.pk, period_end=today())

    entries = statement.entries.all()
    expected = 1000 * JARS_1000 + 790 * LIDS_800
    assert statement.deductions == -expected
    assert statement.net_payable == sum(entries.values_list("net", flat=True))
    sales_net = sum(entries.filter(kind=EntryKind.SALE).values_list("net", flat=True))
    assert statement.net_payable == sales_net - expected
    assert (
        statement.closing_balance == statement.opening_balance + statement.net_payable
    )

    with translation.override("ar"):
        rows = [
            row
            for row in described(entries.filter(kind=EntryKind.DEDUCTION))
            if row["purchase_quantity"] == 790
        ]
        text = as_text(rows[0], isolate=False)
        sentence = gettext(_SENTENCES["purchase"])
    assert text == sentence % {
        "round": "مشتريات التعبئة للربيع",
        "quantity": 790,
        "item": "غطاء",
        "price": format_mad(LIDS_800, "ar"),
    }
