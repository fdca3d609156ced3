"""The surprise inspections the system draws each month: reproducible from
the recorded seed and weights, weighted toward riskier lots, drawn once per
month, shown to staff only; and the routine inspections each cooperative is
due."""

import datetime
import math
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from cooperatives.models import today
from cooperatives.tests.factories import CooperativeFactory
from shop.models import Inspection, InspectionPlan, RoutineCalendar
from shop.services.quality import (
    PARAMETERS,
    add_months,
    inspection_plan_draw,
    inspection_plan_replay,
    risk_weight,
    routine_due,
    weighted_draw,
)
from shop.tests.factories import ProductFactory, VariantFactory
from shop.tests.quality_factories import DAY, GOOD, honey_book, inspect, receive_lot

pytestmark = pytest.mark.django_db

SAFE = {"risk_class": "low", "failures": 0, "days_since_inspection": 10, "sold": 3}
RISKY = {"risk_class": "high", "failures": 2, "days_since_inspection": 200, "sold": 300}


def test_riskier_factors_weigh_more():
    base = risk_weight(SAFE, PARAMETERS)
    for factor, value in [
        ("risk_class", "high"),
        ("failures", 1),
        ("days_since_inspection", 120),
        ("sold", 500),
    ]:
        assert risk_weight({**SAFE, factor: value}, PARAMETERS) > base, factor


def test_the_draw_is_the_same_from_the_same_seed_and_weights():
    candidates = [(lot, 10 + lot * 7 % 13) for lot in range(1, 60)]

    first = weighted_draw(candidates, seed=20261130, size=6)

    assert weighted_draw(list(reversed(candidates)), seed=20261130, size=6) == first
    assert len(set(first)) == 6
    assert weighted_draw(candidates, seed=20261131, size=6) != first


@pytest.mark.parametrize(
    "riskier",
    [
        RISKY,  # every factor worse: about 380 times the weight
        {**SAFE, "risk_class": "high"},  # only the product's class: 4 times
        {**SAFE, "failures": 1},  # one failure last year: 3 times
    ],
)
def test_over_2000_draws_the_risky_lot_comes_up_as_often_as_its_weight_says(
    riskier,
):
    """Two lots, one riskier; one lot drawn per month over 2,000 months
    (seeds 0..1999, fixed). Under a fair coin the riskier lot would come up
    about 1,000 times; weighted, it must come up significantly more, at the
    rate its weight gives."""
    safe, risky = risk_weight(SAFE, PARAMETERS), risk_weight(riskier, PARAMETERS)
    runs = 2000

    hits = sum(
        weighted_draw([(1, safe), (2, risky)], seed=seed, size=1) == [2]
        for seed in range(runs)
    )

    expected = risky / (safe + risky)
    spread = math.sqrt(runs * expected * (1 - expected))
    # Far above what an unweighted draw gives (z > 10 against p = 0.5) ...
    assert (hits - runs / 2) / math.sqrt(runs / 4) > 10
    # ... and within 4 standard deviations of the weighted expectation.
    assert abs(hits - runs * expected) < 4 * spread


def test_with_many_lots_the_riskier_half_is_drawn_more():
    """40 lots, the even ones riskier; 2,000 monthly plans of 4 lots."""
    candidates = [
        (lot, risk_weight(RISKY if lot % 2 == 0 else SAFE, PARAMETERS))
        for lot in range(1, 41)
    ]
    counts = {"risky": 0, "safe": 0}
    for seed in range(2000):
        for lot in weighted_draw(candidates, seed=seed, size=4):
            counts["risky" if lot % 2 == 0 else "safe"] += 1

    assert counts["risky"] + counts["safe"] == 8000
    assert counts["risky"] > 3 * counts["safe"]


@pytest.fixture
def lots():
    """Three honey lots of three cooperatives; the second's cooperative
    failed an inspection last month and its book is high risk."""
    honey_book(version="LOW", in_force_from=today() - 400 * DAY, risk="low")
    made = []
    for index in range(3):
        variant = VariantFactory(stock=0, sku=f"HON-{index}")
        made.append(receive_lot(variant, f"L-{index}", quantity=20))
    inspect(made[1], {**GOOD, "Moisture": Decimal("25")}, day=today() - 30 * DAY)
    # The failure put it on hold: another lot of that cooperative is drawn.
    risky_variant = VariantFactory(
        stock=0,
        sku="HON-RISKY",
        product=ProductFactory(cooperative=made[1].cooperative),
    )
    made[1] = receive_lot(risky_variant, "L-RISKY", quantity=20)
    return made


def test_a_plan_records_seed_weights_and_factors_and_replays(lots):
    plan = inspection_plan_draw(month=today(), size=2, seed=77)

    entries = {entry.lot_id: entry for entry in plan.entries.all()}
    assert set(entries) == {lot.pk for lot in lots}
    assert plan.seed == 77
    assert plan.method == "weighted-randrange-v1"
    risky = entries[lots[1].pk]
    assert risky.factors["failures"] == 1
    assert risky.weight > entries[lots[0].pk].weight
    assert sorted(e.rank for e in entries.values() if e.rank) == [1, 2]
    audit = inspection_plan_replay(plan)
    assert audit == {
        "weights_match": True,
        "draw_matches": True,
        "drawn": [
            e.lot_id for e in sorted(entries.values(), key=lambda e: e.rank or 99)
        ][:2],
    }


def test_a_tampered_plan_fails_its_audit(lots):
    plan = inspection_plan_draw(month=today(), size=1, seed=5)
    drawn = plan.entries.get(rank=1)
    other = plan.entries.exclude(pk=drawn.pk).first()
    plan.entries.filter(pk=drawn.pk).update(rank=None)
    plan.entries.filter(pk=other.pk).update(rank=1)

    assert inspection_plan_replay(plan)["draw_matches"] is False
    plan.entries.filter(pk=other.pk).update(weight=other.weight + 1)
    assert inspection_plan_replay(plan)["weights_match"] is False


def test_a_month_is_drawn_once(lots):
    first = inspection_plan_draw(month=today(), size=2)

    again = inspection_plan_draw(month=today().replace(day=1), size=3, seed=1)

    assert again.pk == first.pk
    assert again.seed == first.seed
    assert InspectionPlan.objects.count() == 1
    assert first.entries.filter(rank__isnull=False).count() == 2


def test_held_and_empty_lots_are_not_candidates(lots):
    held = lots[0]
    inspect(held, {**GOOD, "HMF": Decimal("99")})

    plan = inspection_plan_draw(month=today(), size=5)

    assert held.pk not in set(plan.entries.values_list("lot_id", flat=True))


def test_the_monthly_command_draws_the_plan(lots, capsys):
    call_command("inspection_plan_draw", "--seed", "42", "--size", "2")

    plan = InspectionPlan.objects.get()
    assert (plan.seed, plan.size, plan.month) == (42, 2, today().replace(day=1))
    assert "42" in capsys.readouterr().out
    call_command("inspection_plan_draw")
    assert InspectionPlan.objects.count() == 1


def staff_user(django_user_model, username="inspector", **perms):
    user = django_user_model.objects.create_user(username, password="x")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    user.is_staff = True
    user.save()
    for codename in perms.get("without", ()):
        user.groups.get().permissions.remove(Permission.objects.get(codename=codename))
    return user


def test_staff_draw_the_plan_from_the_admin_button(client, django_user_model, lots):
    client.force_login(staff_user(django_user_model))

    response = client.post(reverse("shop_inspection_plans"), {"size": "2"})
    again = client.post(reverse("shop_inspection_plans"), {"size": "2"})

    plan = InspectionPlan.objects.get()
    assert response.status_code == 302 and again.status_code == 302
    assert plan.entries.filter(rank__isnull=False).count() == 2
    page = client.get(reverse("shop_inspection_plan", args=(plan.pk,)))
    assert page.status_code == 200
    assert str(plan.seed) in page.content.decode()


def test_a_user_without_the_plan_permission_sees_no_plan(
    client, django_user_model, lots
):
    """An admin user outside the staff group: the admin refuses (Wagtail
    answers a refusal with a redirect to the dashboard) and draws nothing."""
    plan = inspection_plan_draw(month=today().replace(month=1, day=1), size=2)
    editor = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    for response in (
        client.get(reverse("shop_inspection_plans")),
        client.post(reverse("shop_inspection_plans"), {"size": "3"}),
        client.get(reverse("shop_inspection_plan", args=(plan.pk,))),
    ):
        assert response.status_code in (302, 403)
        assert response.get("Location", "/admin/") == "/admin/"
        assert str(plan.seed) not in response.content.decode()
    assert InspectionPlan.objects.count() == 1


def test_add_months_keeps_the_end_of_month():
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2026, 1, 15), 12) == datetime.date(2027, 1, 15)


def test_routine_inspections_are_due_by_each_cooperatives_calendar():
    never = CooperativeFactory(slug="never")
    recent = CooperativeFactory(slug="recent")
    yearly = CooperativeFactory(slug="yearly")
    RoutineCalendar.objects.create(cooperative=yearly, every_months=12)
    for cooperative, days in ((recent, 30), (yearly, 200)):
        Inspection.objects.create(
            kind="routine",
            date=today() - days * DAY,
            body="onssa",
            cooperative=cooperative,
            result="pass",
        )
    # A surprise inspection does not reset the routine calendar.
    Inspection.objects.create(
        kind="surprise",
        date=today(),
        body="foundation",
        cooperative=never,
        result="pass",
    )

    rows = {row["cooperative"].slug: row for row in routine_due()}

    assert rows["never"]["overdue"] is True
    assert rows["recent"]["due_on"] == add_months(today() - 30 * DAY, 6)
    assert rows["recent"]["overdue"] is False
    assert rows["yearly"]["due_on"] == add_months(today() - 200 * DAY, 12)
    assert rows["yearly"]["every_months"] == 12
    assert routine_due()[0]["cooperative"].slug == "never"
