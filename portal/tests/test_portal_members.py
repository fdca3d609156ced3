"""The roster and coverage pages of the portal: a member sees her own
cooperative's members, proposes changes, and reaches nobody else's."""

import uuid

import pytest
from django.urls import reverse

from cooperatives.coverage import RosterChange
from cooperatives.models import CooperativeMembership
from cooperatives.tests.coverage_factories import EnrolmentFactory, MemberFactory
from cooperatives.tests.factories import CooperativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(django_user_model):
    mine, theirs = CooperativeFactory(), CooperativeFactory()
    user = django_user_model.objects.create_user("mine", password="pw-12345678")
    CooperativeMembership.objects.create(user=user, cooperative=mine)
    return {
        "user": user,
        "mine": mine,
        "theirs": theirs,
        "my_member": MemberFactory(cooperative=mine, name="Hafida Mine"),
        "their_member": EnrolmentFactory(
            member=MemberFactory(cooperative=theirs, name="Tuda Theirs")
        ).member,
    }


def test_another_cooperatives_roster_and_members_answer_404(client, two):
    client.force_login(two["user"])
    theirs = two["theirs"]

    for name in ("members", "members_coverage"):
        url = reverse(f"portal:{name}")
        assert client.get(url, {"c": theirs.slug}).status_code == 404
        assert client.get(url).status_code == 200
    crafted = reverse("portal:member", args=(two["their_member"].pk,))
    assert client.get(crafted).status_code == 404
    assert client.get(crafted, {"c": theirs.slug}).status_code == 404
    response = client.post(
        crafted, {"kind": "leave", "token": uuid.uuid4(), "left_on": "2026-01-01"}
    )
    assert response.status_code == 404
    assert not RosterChange.objects.exists()


def test_pages_name_only_the_members_own(client, two):
    client.force_login(two["user"])

    roster = client.get(reverse("portal:members")).content.decode()
    coverage = client.get(reverse("portal:members_coverage")).content.decode()

    assert "Hafida Mine" in roster and "Tuda Theirs" not in roster
    assert "Tuda Theirs" not in coverage


def test_a_member_proposes_a_new_member_once(client, two):
    client.force_login(two["user"])
    form = {
        "token": str(uuid.uuid4()),
        "name": "Ijja Amellal",
        "role": "member",
        "sex": "f",
        "birth_year": "1985",
        "joined_on": "2025-01-10",
        "consent_on": "2025-01-10",
        "consent_method": "thumbprint",
    }

    first = client.post(reverse("portal:members"), form)
    client.post(reverse("portal:members"), form)

    assert first.status_code == 302
    change = RosterChange.objects.get()
    assert change.cooperative == two["mine"] and change.values["name"] == "Ijja Amellal"
    assert not two["mine"].members.filter(name="Ijja Amellal").exists()


def test_bad_input_is_shown_next_to_the_field_and_changes_nothing(client, two):
    client.force_login(two["user"])

    response = client.post(
        reverse("portal:members"),
        {"token": str(uuid.uuid4()), "name": "", "sex": "x", "birth_year": "2030"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="field__error"') >= 3
    assert not RosterChange.objects.exists()


def test_a_correction_by_the_foundation_is_shown_as_such(
    client, two, django_user_model
):
    from django.utils import translation

    from cooperatives.coverage_services import (
        roster_change_confirm,
        roster_change_propose,
    )
    from cooperatives.coverage_staff_services import member_correct

    staff = django_user_model.objects.create_user("agent", password="pw-12345678")
    member = two["my_member"]
    member_correct(
        member_id=member.pk,
        user=staff,
        token=uuid.uuid4(),
        role=member.role,
        phone="0612345678",
        left_on=None,
    )
    # The cooperative's own proposal, confirmed by staff: no such mention.
    proposal = roster_change_propose(
        cooperative_id=two["mine"].pk,
        user=two["user"],
        kind="leave",
        values={"left_on": "2026-01-01"},
        token=uuid.uuid4(),
        member_id=member.pk,
    )
    roster_change_confirm(change_id=proposal.pk, user=staff)
    client.force_login(two["user"])
    with translation.override("fr"):
        page = client.get(reverse("portal:members")).content.decode()
    assert page.count("corrigé par la fondation") == 1
    assert "Modifications de notre liste" in page
