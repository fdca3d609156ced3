"""Staff on the coverage screens end an enrolment and correct a member
themselves: what changes (coverage, contributions due, the site's counts),
what is recorded, that bad input and a missing permission change nothing,
and that the same form sent twice acts once."""

import datetime
import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from cms.selectors import cooperative_figures, impact_figures
from cooperatives import coverage_selectors
from cooperatives.coverage import (
    Contribution,
    Enrolment,
    EnrolmentStatus,
    Member,
    Payer,
    RosterChange,
    RosterChangeKind,
    RosterChangeStatus,
)
from cooperatives.coverage_staff_services import latest_allowed
from cooperatives.models import today
from cooperatives.tests.coverage_factories import (
    EnrolmentFactory,
    MemberFactory,
    SchemeFactory,
)
from cooperatives.tests.factories import CooperativeFactory
from core import page_cache

pytestmark = pytest.mark.django_db

PASSWORD = "pw-coverage-12345"  # noqa: S105


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return month_start(month_start(day) + datetime.timedelta(days=32))


def previous_month_end(day: datetime.date) -> datetime.date:
    return month_start(day) - datetime.timedelta(days=1)


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user("nadia", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    client.force_login(user)
    return user


@pytest.fixture
def viewer(client, django_user_model):
    """Sees the coverage screens, may change nothing."""
    user = django_user_model.objects.create_user(
        "editor", password=PASSWORD, is_staff=True
    )
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_member"),
        Permission.objects.get(codename="view_enrolment"),
    )
    client.force_login(user)
    return user


@pytest.fixture
def enrolled():
    """A woman enrolled three months ago, until further notice."""
    member = MemberFactory(name="Fadma Ait Ali")
    return EnrolmentFactory(
        member=member,
        starts_on=month_start(today()) - datetime.timedelta(days=80),
    )


def end(client, enrolment, token=None, **values):
    data = {
        "token": str(token or uuid.uuid4()),
        "ends_on": previous_month_end(today()).isoformat(),
        "reason": "left",
        "note": "",
        **values,
    }
    return client.post(reverse("coverage_enrolment_end", args=(enrolment.pk,)), data)


def correct(client, member, token=None, **values):
    data = {
        "token": str(token or uuid.uuid4()),
        "role": member.role,
        "phone": member.phone,
        "left_on": member.left_on.isoformat() if member.left_on else "",
        **values,
    }
    return client.post(reverse("coverage_member_correct", args=(member.pk,)), data)


def snapshot(enrolment):
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    return (
        enrolment.ends_on,
        enrolment.status,
        ModelLogEntry.objects.filter(object_id=str(enrolment.pk)).count(),
    )


# Ending an enrolment ------------------------------------------------------
def test_ending_an_enrolment_uncovers_her_and_stops_contributions(
    client, staff, enrolled
):
    member = enrolled.member
    assert member not in coverage_selectors.members_without_coverage()
    token = uuid.uuid4()
    last_day = previous_month_end(today())

    first = end(client, enrolled, token=token, reason="other", note="Moved to Agadir")
    again = end(client, enrolled, token=token, reason="other", note="Moved to Agadir")

    assert first.status_code == again.status_code == 302
    assert first.url == reverse("coverage_member", args=(member.pk,))
    enrolled.refresh_from_db()
    assert (enrolled.ends_on, enrolled.status) == (last_day, EnrolmentStatus.ENDED)
    (entry,) = ModelLogEntry.objects.filter(action="cooperatives.enrolment_end")
    assert entry.object_id == str(enrolled.pk) and entry.user == staff
    assert entry.data == {
        "ends_on": last_day.isoformat(),
        "previous_ends_on": None,
        "reason": "other",
        "note": "Moved to Agadir",
    }
    assert member in coverage_selectors.members_without_coverage()
    report = client.get(reverse("coverage_report"))
    assert member in report.context["uncovered"]
    assert enrolled not in coverage_selectors.contributions_due(today())
    # A month after the end is no longer accepted either.
    from shop.services.coverage import contribution_record

    with pytest.raises(ValidationError):
        contribution_record(
            enrolment_id=enrolled.pk, month=month_start(today()), paid_on=today()
        )
    assert not Contribution.objects.exists()
    # Her page says why.
    content = client.get(reverse("coverage_member", args=(member.pk,))).content
    content = content.decode()
    assert "Moved to Agadir" in content and "Not covered" in content


def test_an_end_this_month_keeps_this_months_contribution_due_not_the_next(
    client, staff, enrolled
):
    last_day = next_month(today()) - datetime.timedelta(days=1)

    assert end(client, enrolled, ends_on=last_day.isoformat()).status_code == 302

    enrolled.refresh_from_db()
    assert enrolled.ends_on == last_day and enrolled.status == EnrolmentStatus.ACTIVE
    assert enrolled in coverage_selectors.contributions_due(today())
    assert enrolled not in coverage_selectors.contributions_due(next_month(today()))
    assert enrolled in coverage_selectors.enrolments_ending_within(31)
    assert enrolled.member not in coverage_selectors.members_without_coverage()


def test_another_enrolment_in_force_keeps_her_covered(client, staff, enrolled):
    EnrolmentFactory(
        member=enrolled.member,
        scheme=SchemeFactory(name="AMO"),
        starts_on=enrolled.starts_on,
    )

    assert end(client, enrolled).status_code == 302

    assert enrolled.member not in coverage_selectors.members_without_coverage()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"ends_on": "2020-01-31"}, "ends_on"),  # before it started
        ({"ends_on": "2090-01-31"}, "ends_on"),  # far in the future
        ({"ends_on": "31/02/2026"}, "ends_on"),  # not a date
        ({"ends_on": ""}, "ends_on"),
        ({"reason": ""}, "reason"),
        ({"reason": "bored"}, "reason"),
        ({"reason": "other", "note": "  "}, "note"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(client, staff, enrolled, values, field):
    before = snapshot(enrolled)

    response = end(client, enrolled, **values)

    assert response.status_code == 400
    assert f'id="id_{field}-error"' in response.content.decode()
    assert snapshot(enrolled) == before


def test_the_farthest_day_allowed_is_accepted(client, staff, enrolled):
    farthest = latest_allowed(today())

    assert end(client, enrolled, ends_on=farthest.isoformat()).status_code == 302
    assert (
        end(client, enrolled, ends_on=(farthest + datetime.timedelta(1))).status_code
        == 400
    )


def test_an_end_before_a_month_already_paid_is_refused(client, staff, enrolled):
    Contribution.objects.create(
        enrolment=enrolled,
        month=month_start(today()),
        amount=8000,
        payer=Payer.FOUNDATION,
        paid_on=today(),
    )
    before = snapshot(enrolled)

    response = end(client, enrolled)  # the end of last month

    assert response.status_code == 400
    assert 'id="id_ends_on-error"' in response.content.decode()
    assert snapshot(enrolled) == before


def test_an_ended_enrolment_is_not_ended_again(client, staff, enrolled):
    assert end(client, enrolled).status_code == 302
    before = snapshot(enrolled)

    response = end(client, enrolled, ends_on=today().isoformat())

    assert response.status_code == 400
    assert snapshot(enrolled) == before


# Correcting a member -------------------------------------------------------
def test_a_correction_is_applied_once_and_recorded_as_a_roster_change(
    client, staff, enrolled
):
    member = enrolled.member
    token = uuid.uuid4()

    first = correct(
        client, member, token=token, role="treasurer", phone="06 61 23 45 67"
    )
    again = correct(
        client, member, token=token, role="treasurer", phone="06 61 23 45 67"
    )

    assert first.status_code == again.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.phone) == ("treasurer", "06 61 23 45 67")
    (change,) = RosterChange.objects.all()
    assert (change.kind, change.status, change.member) == (
        RosterChangeKind.CHANGE,
        RosterChangeStatus.CONFIRMED,
        member,
    )
    assert change.values == {"role": "treasurer", "phone": "06 61 23 45 67"}
    assert change.proposed_by == change.decided_by == staff
    assert change.token == token
    # Nothing different: nothing recorded.
    assert correct(client, member, role="treasurer").status_code == 302
    assert RosterChange.objects.count() == 1
    content = client.get(reverse("coverage_member", args=(member.pk,))).content
    assert "Treasurer" in content.decode()


def test_a_member_who_left_stops_counting_on_the_site(
    client, staff, enrolled, django_capture_on_commit_callbacks
):
    member = enrolled.member
    cooperative = member.cooperative
    MemberFactory(cooperative=cooperative)  # an uncovered colleague stays
    before = cooperative_figures(cooperative)
    home = impact_figures()
    left_on = today() - datetime.timedelta(days=1)

    generation = page_cache.current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        response = correct(client, member, left_on=left_on.isoformat())

    assert response.status_code == 302
    assert page_cache.current_generation() != generation  # the site counts again
    member.refresh_from_db()
    assert member.left_on == left_on
    after = cooperative_figures(cooperative)
    assert after["members"] == before["members"] - 1
    assert after["women"] == before["women"] - 1
    assert after["women_covered"] == before["women_covered"] - 1
    assert impact_figures()["women"] == home["women"] - 1
    enrolled.refresh_from_db()
    assert enrolled.ends_on == left_on  # her coverage ends the day she left
    change = RosterChange.objects.get()
    assert change.kind == RosterChangeKind.LEAVE
    assert change.values == {"left_on": left_on.isoformat()}
    # She is no longer on the roster, so not among the uncovered either.
    assert member not in coverage_selectors.members_without_coverage()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"role": "queen"}, "role"),
        ({"phone": "call me"}, "phone"),
        ({"phone": "12"}, "phone"),
        ({"left_on": "2001-01-01"}, "left_on"),  # before she joined
        ({"left_on": "2090-01-01"}, "left_on"),  # far in the future
        ({"left_on": "soon"}, "left_on"),
    ],
)
def test_bad_corrections_change_nothing(client, staff, enrolled, values, field):
    member = enrolled.member
    before = Member.objects.filter(pk=member.pk).values().get()

    response = correct(client, member, **{"role": "secretary", **values})

    assert response.status_code == 400
    assert f'id="id_{field}-error"' in response.content.decode()
    assert Member.objects.filter(pk=member.pk).values().get() == before
    assert not RosterChange.objects.exists()
    assert snapshot(enrolled)[0] is None


def test_leaving_before_a_month_already_paid_is_refused(client, staff, enrolled):
    Contribution.objects.create(
        enrolment=enrolled,
        month=month_start(today()),
        amount=8000,
        payer=Payer.FOUNDATION,
        paid_on=today(),
    )

    response = correct(
        client, enrolled.member, left_on=previous_month_end(today()).isoformat()
    )

    assert response.status_code == 400
    assert 'id="id_left_on-error"' in response.content.decode()
    assert Member.objects.get(pk=enrolled.member_id).left_on is None


# Permissions -------------------------------------------------------------
def test_without_the_permission_nothing_changes(client, viewer, enrolled):
    member = enrolled.member
    page = client.get(reverse("coverage_member", args=(member.pk,)))
    assert page.status_code == 200  # she may look
    content = page.content.decode()
    assert "data-correct" not in content
    assert reverse("coverage_enrolment_end", args=(enrolled.pk,)) not in content
    before = Member.objects.filter(pk=member.pk).values().get()

    ended = end(client, enrolled)
    corrected = correct(client, member, role="president", left_on="2026-01-01")
    form = client.get(reverse("coverage_enrolment_end", args=(enrolled.pk,)))

    for refused in (ended, corrected, form):  # Wagtail sends her to the dashboard
        assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    assert snapshot(enrolled) == (None, EnrolmentStatus.ACTIVE, 0)
    assert Member.objects.filter(pk=member.pk).values().get() == before
    assert not RosterChange.objects.exists()


def test_signed_out_nothing_changes(client, enrolled):
    ended = end(client, enrolled)
    corrected = correct(client, enrolled.member, role="president")

    assert ended.status_code == corrected.status_code == 302
    assert "/admin/login/" in ended.url and "/admin/login/" in corrected.url
    assert snapshot(enrolled) == (None, EnrolmentStatus.ACTIVE, 0)
    assert Member.objects.get(pk=enrolled.member_id).role == "member"


def test_an_unknown_member_or_enrolment_answers_404(client, staff):
    for name in ("coverage_member", "coverage_enrolment_end"):
        response = client.get(reverse(name, args=(999,)), follow=True)
        assert response.status_code == 404


def test_the_report_links_each_member_to_her_page(client, staff, enrolled):
    uncovered = MemberFactory(cooperative=CooperativeFactory())

    content = client.get(reverse("coverage_report")).content.decode()

    assert reverse("coverage_member", args=(uncovered.pk,)) in content
    assert reverse("coverage_member", args=(enrolled.member_id,)) in content


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_the_pages_read_in_the_staff_members_language(
    client, staff, enrolled, language
):
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()

    member_page = client.get(reverse("coverage_member", args=(enrolled.member_id,)))
    end_page = client.get(reverse("coverage_enrolment_end", args=(enrolled.pk,)))

    for response in (member_page, end_page):
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()
    with translation.override(language):
        reason = str(translation.gettext("She left the cooperative"))
        label = str(translation.gettext("Role"))
    assert reason in end_page.content.decode()
    assert label in member_page.content.decode()
