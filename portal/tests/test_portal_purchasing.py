"""Pooled purchasing in the portal: a member orders for its own cooperative,
until the closing date, and sees its own lines and nothing of others'."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cooperatives.models import CooperativeMembership
from cooperatives.tests.factories import CooperativeFactory
from shop.models import LedgerEntry, PurchaseOrder
from shop.services.purchasing import round_close, round_deliver, round_order
from shop.tests.purchasing_fixtures import (
    JARS_500,
    JARS_SOLO,
    make_round,
    past_closing,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(django_user_model):
    found = {}
    for name in ("mine", "theirs"):
        cooperative = CooperativeFactory(slug=f"coop-{name}")
        user = django_user_model.objects.create_user(name, password="pw-12345678")
        CooperativeMembership.objects.create(user=user, cooperative=cooperative)
        found[name] = (user, cooperative)
    return found


def test_a_member_orders_and_the_same_form_twice_is_one_order(client, members):
    user, cooperative = members["mine"]
    purchasing_round = make_round()
    jars, lids = purchasing_round.items.order_by("pk")
    client.force_login(user)
    url = reverse("portal:purchasing_round", args=(purchasing_round.pk,))
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="item-{jars.pk}"' in page.content.decode()

    form = {f"item-{jars.pk}": "600", f"item-{lids.pk}": ""}
    for _ in range(2):
        answer = client.post(url, form)
        assert answer.status_code == 302
    order = PurchaseOrder.objects.get()
    assert (order.cooperative, order.item, order.quantity) == (cooperative, jars, 600)
    assert order.updated_by == user

    # The page shows the member's order at the tier the round reached.
    body = client.get(url).content.decode()
    assert 'value="600"' in body


def test_a_bad_quantity_is_explained_beside_its_field_and_changes_nothing(
    client, members
):
    user, cooperative = members["mine"]
    purchasing_round = make_round()
    jars, _lids = purchasing_round.items.order_by("pk")
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=cooperative.pk,
        quantities={jars.pk: 30},
    )
    client.force_login(user)
    url = reverse("portal:purchasing_round", args=(purchasing_round.pk,))

    answer = client.post(url, {f"item-{jars.pk}": "-4"})

    assert answer.status_code == 200
    body = answer.content.decode()
    assert f'id="id_item-{jars.pk}_error"' in body
    assert f'aria-describedby="id_item-{jars.pk}_error"' in body
    assert 'aria-invalid="true"' in body
    assert PurchaseOrder.objects.get().quantity == 30


def test_ordering_after_the_closing_date_is_refused_with_a_message(client, members):
    user, cooperative = members["mine"]
    purchasing_round = make_round()
    jars, _lids = purchasing_round.items.order_by("pk")
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=cooperative.pk,
        quantities={jars.pk: 30},
    )
    past_closing(purchasing_round)
    client.force_login(user)
    url = reverse("portal:purchasing_round", args=(purchasing_round.pk,))

    answer = client.post(url, {f"item-{jars.pk}": "900"})

    assert answer.status_code == 200
    body = answer.content.decode()
    assert 'role="alert"' in body
    assert f'name="item-{jars.pk}"' not in body  # no form to fill any more
    assert PurchaseOrder.objects.get().quantity == 30


def test_staff_reading_a_portal_cannot_order_for_the_cooperative(
    client, members, django_user_model
):
    _user, cooperative = members["mine"]
    staff = django_user_model.objects.create_user("staff", password="pw-12345678")
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    purchasing_round = make_round()
    jars, _lids = purchasing_round.items.order_by("pk")
    client.force_login(staff)
    url = reverse("portal:purchasing_round", args=(purchasing_round.pk,))

    assert client.get(url, {"c": cooperative.slug}).status_code == 200
    answer = client.post(f"{url}?c={cooperative.slug}", {f"item-{jars.pk}": "5"})

    assert answer.status_code == 403
    assert not PurchaseOrder.objects.exists()


def delivered_round(members):
    """A delivered round in which only "theirs" took part."""
    _user, theirs = members["theirs"]
    purchasing_round = make_round()
    jars, _lids = purchasing_round.items.order_by("pk")
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=theirs.pk,
        quantities={jars.pk: 517},
    )
    past_closing(purchasing_round)
    round_close(round_id=purchasing_round.pk, supplier="S", reference="R")
    round_deliver(round_id=purchasing_round.pk, received={(jars.pk, theirs.pk): 509})
    return purchasing_round


def test_another_cooperatives_round_and_portal_answer_404(client, members):
    purchasing_round = delivered_round(members)
    user, _mine = members["mine"]
    _their_user, theirs = members["theirs"]
    client.force_login(user)
    url = reverse("portal:purchasing_round", args=(purchasing_round.pk,))

    assert client.get(url).status_code == 404
    assert client.get(url, {"c": theirs.slug}).status_code == 404
    assert (
        client.get(reverse("portal:purchasing"), {"c": theirs.slug}).status_code == 404
    )
    listing = client.get(reverse("portal:purchasing")).content.decode()
    assert purchasing_round.name not in listing
    assert "509" not in listing and "517" not in listing


def test_an_open_round_shows_the_round_total_but_never_anothers_order(client, members):
    user, _mine = members["mine"]
    _their_user, theirs = members["theirs"]
    purchasing_round = make_round()
    jars, _lids = purchasing_round.items.order_by("pk")
    round_order(
        round_id=purchasing_round.pk,
        cooperative_id=theirs.pk,
        quantities={jars.pk: 517},
    )
    client.force_login(user)
    body = client.get(
        reverse("portal:purchasing_round", args=(purchasing_round.pk,))
    ).content.decode()

    # The round's total (517, the tier it reached) is everyone's business;
    # nothing names the cooperative that ordered it.
    assert theirs.name not in body and theirs.slug not in body
    assert "<bdi>517</bdi>" in body
    assert 'value="517"' not in body


def test_a_member_sees_what_it_received_the_price_reached_and_its_saving(
    client, members
):
    purchasing_round = delivered_round(members)
    their_user, theirs = members["theirs"]
    client.force_login(their_user)

    body = client.get(
        reverse("portal:purchasing_round", args=(purchasing_round.pk,))
    ).content.decode()
    listing = client.get(reverse("portal:purchasing")).content.decode()

    entry = LedgerEntry.objects.get(cooperative=theirs)
    assert entry.net == -509 * JARS_500
    assert "<bdi>509</bdi>" in body and "<bdi>517</bdi>" in body
    # Arabic amounts: the saving is 509 × (4,55 − 3,87) = 346,12 MAD.
    assert 509 * (JARS_SOLO - JARS_500) == 34612
    assert "346,12" in body and "346,12" in listing
    assert "1.969,83" in body  # 509 × 3,87 deducted
