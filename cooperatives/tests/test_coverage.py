"""Rosters and enrolments: what is kept, how changes are confirmed, and
that the public figures are counted from the roster."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from cms.selectors import impact_figures
from cooperatives.coverage import (
    Enrolment,
    Member,
    RosterChange,
    RosterChangeKind,
)
from cooperatives.coverage_services import (
    AlreadyDecided,
    enrolment_create,
    roster_change_confirm,
    roster_change_propose,
    roster_change_reject,
)
from cooperatives.models import today
from cooperatives.tests.coverage_factories import (
    EnrolmentFactory,
    MemberFactory,
    SchemeFactory,
)
from cooperatives.tests.factories import CooperativeFactory
from core import page_cache

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Yamna Akhiat",
    "role": "member",
    "sex": "f",
    "birth_year": 1990,
    "phone": "",
    "joined_on": datetime.date(2024, 5, 1),
    "consent_on": datetime.date(2024, 5, 1),
    "consent_method": "signed_form",
}


def test_national_id_is_stored_encrypted(django_user_model):
    member = MemberFactory(national_id="EE123456")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT national_id FROM cooperatives_member WHERE id = %s", [member.pk]
        )
        (raw,) = cursor.fetchone()

    assert "EE123456" not in raw and raw.startswith("gAAAA")  # a Fernet token
    assert Member.objects.get(pk=member.pk).national_id == "EE123456"
    assert Member.objects.get(pk=member.pk).national_id_masked == "•••••456"


def test_a_proposal_is_applied_once_when_confirmed(django_user_model):
    user = django_user_model.objects.create_user("p", password="pw-12345678")
    cooperative = CooperativeFactory()
    token = uuid.uuid4()
    first = roster_change_propose(
        cooperative_id=cooperative.pk,
        user=user,
        kind=RosterChangeKind.ADD,
        values=NEW,
        token=token,
    )
    again = roster_change_propose(
        cooperative_id=cooperative.pk,
        user=user,
        kind=RosterChangeKind.ADD,
        values=NEW,
        token=token,
    )
    assert first.pk == again.pk and RosterChange.objects.count() == 1
    assert not cooperative.members.exists()  # a proposal changes no roster

    member = roster_change_confirm(change_id=first.pk, user=user)
    roster_change_confirm(change_id=first.pk, user=user)

    assert list(cooperative.members.all()) == [member]
    assert member.name == "Yamna Akhiat" and member.national_id == ""
    with pytest.raises(AlreadyDecided):
        roster_change_reject(change_id=first.pk, user=user)


def test_a_rejected_proposal_cannot_be_confirmed(django_user_model):
    user = django_user_model.objects.create_user("p", password="pw-12345678")
    change = roster_change_propose(
        cooperative_id=CooperativeFactory().pk,
        user=user,
        kind=RosterChangeKind.ADD,
        values=NEW,
        token=uuid.uuid4(),
    )
    roster_change_reject(change_id=change.pk, user=user)

    with pytest.raises(AlreadyDecided):
        roster_change_confirm(change_id=change.pk, user=user)
    assert not Member.objects.exists()


def test_a_change_cannot_name_another_cooperatives_member(django_user_model):
    user = django_user_model.objects.create_user("p", password="pw-12345678")
    theirs = MemberFactory()

    with pytest.raises(Member.DoesNotExist):
        roster_change_propose(
            cooperative_id=CooperativeFactory().pk,
            user=user,
            kind=RosterChangeKind.LEAVE,
            values={"left_on": today()},
            token=uuid.uuid4(),
            member_id=theirs.pk,
        )
    assert not RosterChange.objects.exists()


def test_a_departure_ends_her_enrolments(django_user_model):
    user = django_user_model.objects.create_user("p", password="pw-12345678")
    enrolment = EnrolmentFactory()
    member = enrolment.member
    change = roster_change_propose(
        cooperative_id=member.cooperative_id,
        user=user,
        kind=RosterChangeKind.LEAVE,
        values={"left_on": today(), "name": "ignored"},
        token=uuid.uuid4(),
        member_id=member.pk,
    )
    roster_change_confirm(change_id=change.pk, user=user)

    member.refresh_from_db()
    enrolment.refresh_from_db()
    assert member.left_on == today() and member.name != "ignored"
    assert enrolment.ends_on == today()
    assert not Member.objects.current(today()).filter(pk=member.pk).exists()


def test_a_scheme_that_requires_the_national_id_refuses_to_enrol_without_it():
    member = MemberFactory()
    scheme = SchemeFactory(requires_national_id=True)

    with pytest.raises(ValidationError) as error:
        enrolment_create(member_id=member.pk, scheme_id=scheme.pk, starts_on=today())

    assert "national_id" in error.value.message_dict
    assert not Enrolment.objects.exists()
    enrolment = enrolment_create(
        member_id=member.pk,
        scheme_id=scheme.pk,
        starts_on=today(),
        national_id="ee 654321",
    )
    again = enrolment_create(
        member_id=member.pk, scheme_id=scheme.pk, starts_on=today()
    )
    assert again.pk == enrolment.pk
    member.refresh_from_db()
    assert member.national_id == "EE654321"


def test_a_scheme_without_the_requirement_keeps_no_national_id():
    member = MemberFactory()
    enrolment_create(
        member_id=member.pk,
        scheme_id=SchemeFactory().pk,
        starts_on=today(),
        national_id="EE1",
    )
    member.refresh_from_db()
    assert member.national_id == ""


def test_impact_figures_are_counted_from_the_roster():
    cooperative = CooperativeFactory()
    MemberFactory.create_batch(3, cooperative=cooperative)
    MemberFactory(cooperative=cooperative, sex="m")
    MemberFactory(cooperative=cooperative, left_on=today())  # left today
    EnrolmentFactory(member=MemberFactory(cooperative=cooperative))

    figures = impact_figures()

    assert figures["members"] == 5
    assert figures["women"] == 4
    assert figures["women_covered"] == 1


def test_every_roster_change_empties_the_page_cache(
    django_user_model, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("p", password="pw-12345678")
    member = MemberFactory()
    scheme = SchemeFactory()
    change = roster_change_propose(
        cooperative_id=member.cooperative_id,
        user=user,
        kind=RosterChangeKind.ADD,
        values=NEW,
        token=uuid.uuid4(),
    )
    for write in (
        lambda: roster_change_confirm(change_id=change.pk, user=user),
        lambda: enrolment_create(
            member_id=member.pk, scheme_id=scheme.pk, starts_on=today()
        ),
    ):
        before = page_cache.current_generation()
        with django_capture_on_commit_callbacks(execute=True):
            write()
        assert page_cache.current_generation() != before
