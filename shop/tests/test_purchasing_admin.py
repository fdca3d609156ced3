"""Staff run a purchasing round in the Wagtail admin: closing and delivery
need their permission, a repeated submission does the work once, and what
a round offers cannot change once it closed."""

import threading

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection, connections
from django.urls import reverse
from wagtail.admin.panels import ObjectList

from cooperatives.tests.factories import CooperativeFactory
from shop.models import (
    BulkOrder,
    EntryKind,
    LedgerEntry,
    PurchaseItem,
    PurchasingRound,
    RoundStatus,
)
from shop.services.purchasing import (
    AlreadyDelivered,
    round_close,
    round_deliver,
    round_order,
)
from shop.tests.purchasing_fixtures import JARS_500, make_round, past_closing


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("staff", password="x-pass-12345")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    return user


def ordered_round():
    purchasing_round = make_round()
    jars, _lids = purchasing_round.items.order_by("pk")
    cooperative = CooperativeFactory()
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=cooperative.pk,
        quantities={jars.pk: 700},
    )
    past_closing(purchasing_round)
    return purchasing_round, jars, cooperative


def url(purchasing_round):
    return reverse("shop_purchasing_round", args=(purchasing_round.pk,))


@pytest.mark.django_db
def test_without_the_run_permission_closing_is_forbidden_and_changes_nothing(
    client, django_user_model
):
    purchasing_round, _jars, _cooperative = ordered_round()
    reader = django_user_model.objects.create_user("reader", password="x-pass-12345")
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_purchasinground"),
    )
    client.force_login(reader)

    assert client.get(url(purchasing_round)).status_code == 200
    answer = client.post(
        url(purchasing_round), {"close": "1", "supplier": "S", "reference": "R"}
    )

    # Wagtail answers a PermissionDenied in its admin with a redirect home.
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "wagtailadmin_home"
    )
    purchasing_round.refresh_from_db()
    assert purchasing_round.status == RoundStatus.OPEN
    assert not BulkOrder.objects.exists()


@pytest.mark.django_db
def test_staff_close_and_record_the_delivery_twice_deducting_once(client, staff):
    purchasing_round, jars, cooperative = ordered_round()
    client.force_login(staff)

    blank = client.post(
        url(purchasing_round), {"close": "1", "supplier": "", "reference": "R"}
    )
    assert blank.status_code == 200 and not BulkOrder.objects.exists()
    closed = client.post(
        url(purchasing_round),
        {"close": "1", "supplier": "Verrerie du Souss", "reference": "VS-88"},
    )
    assert closed.status_code == 302
    assert BulkOrder.objects.get().cost == 700 * JARS_500

    field = f"received-{jars.pk}-{cooperative.pk}"
    page = client.get(url(purchasing_round)).content.decode()
    assert f'name="{field}"' in page and 'value="700"' in page
    for _ in range(2):
        client.post(url(purchasing_round), {"deliver": "1", field: "690"})

    entries = LedgerEntry.objects.filter(kind=EntryKind.DEDUCTION)
    assert list(entries.values_list("cooperative", "net")) == [
        (cooperative.pk, -690 * JARS_500)
    ]
    purchasing_round.refresh_from_db()
    assert purchasing_round.status == RoundStatus.DELIVERED
    summary = client.get(url(purchasing_round)).content.decode()
    assert "700 / 690" in summary


@pytest.mark.django_db
def test_a_bad_received_quantity_is_shown_beside_its_field_and_deducts_nothing(
    client, staff
):
    purchasing_round, jars, cooperative = ordered_round()
    round_close(round_id=purchasing_round.pk, supplier="S", reference="R")
    client.force_login(staff)

    field = f"received-{jars.pk}-{cooperative.pk}"
    answer = client.post(url(purchasing_round), {"deliver": "1", field: "-3"})

    assert answer.status_code == 200
    assert answer.context["delivery_form"].errors[field]
    assert not LedgerEntry.objects.exists()


def item_form(instance, **data):
    form_class = (
        ObjectList(PurchaseItem.panels).bind_to_model(PurchaseItem).get_form_class()
    )
    post = {
        "purchasing_round": str(instance.purchasing_round_id),
        "name_fr": "Bocal",
        "name_ar": "برطمان",
        "name_en": "Jar",
        "unit": "piece",
        "solo_price": "455",
        "tiers-TOTAL_FORMS": "1",
        "tiers-INITIAL_FORMS": "0",
        "tiers-MIN_NUM_FORMS": "0",
        "tiers-MAX_NUM_FORMS": "1000",
        "tiers-0-min_quantity": "500",
        "tiers-0-unit_price": "390",
        **data,
    }
    return form_class(post, instance=instance)


@pytest.mark.django_db
def test_what_a_round_offers_cannot_change_once_it_closed():
    purchasing_round, jars, _cooperative = ordered_round()
    assert item_form(jars).is_valid()
    assert not item_form(jars, **{"tiers-0-unit_price": "460"}).is_valid()

    round_close(round_id=purchasing_round.pk, supplier="S", reference="R")

    form = item_form(jars, solo_price="999")
    assert not form.is_valid()
    added = item_form(PurchaseItem(purchasing_round=purchasing_round))
    assert not added.is_valid()


def at_once(calls):
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            answers[index] = call()
        except Exception as error:  # noqa: BLE001 - reported by the test
            answers[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
)
def test_two_deliveries_at_the_same_moment_deduct_once():
    purchasing_round, jars, cooperative = ordered_round()
    round_close(round_id=purchasing_round.pk, supplier="S", reference="R")
    received = {(jars.pk, cooperative.pk): 700}

    answers = at_once(
        [
            lambda: round_deliver(round_id=purchasing_round.pk, received=received)
            for _ in range(3)
        ]
    )

    assert sum(isinstance(answer, AlreadyDelivered) for answer in answers) == 2
    assert LedgerEntry.objects.filter(kind=EntryKind.DEDUCTION).count() == 1
    assert PurchasingRound.objects.get().status == RoundStatus.DELIVERED
