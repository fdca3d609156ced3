"""The staff's end-of-enrolment and correction forms sent four times at once
(a double click on a slow line): one end recorded, one roster change. Each
post runs on its own thread and connection and commits for real, so this
needs PostgreSQL's row locks; skipped on SQLite."""

import datetime
import threading
import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cooperatives.coverage import Enrolment, EnrolmentStatus, Member, RosterChange
from cooperatives.models import today
from cooperatives.tests.coverage_factories import EnrolmentFactory, MemberFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]


def post_at_once(user, url, data, times=4) -> list:
    clients = []
    for _ in range(times):
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(times)
    answers = [None] * times

    def send(index):
        try:
            barrier.wait(timeout=30)
            answers[index] = clients[index].post(url, data).status_code
        except Exception as error:  # noqa: BLE001 - the test reports it
            answers[index] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("nadia", password="pw-12345678")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    return user


def test_the_end_form_four_times_at_once_ends_and_records_once(staff):
    start = today().replace(day=1) - datetime.timedelta(days=80)
    enrolment = EnrolmentFactory(member=MemberFactory(), starts_on=start)
    last_day = today().replace(day=1) - datetime.timedelta(days=1)
    form = {
        "token": str(uuid.uuid4()),
        "ends_on": last_day.isoformat(),
        "reason": "her_request",
    }

    answers = post_at_once(
        staff, reverse("coverage_enrolment_end", args=(enrolment.pk,)), form
    )

    assert answers == [302] * 4
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    assert (enrolment.ends_on, enrolment.status) == (last_day, EnrolmentStatus.ENDED)
    assert (
        ModelLogEntry.objects.filter(action="cooperatives.enrolment_end").count() == 1
    )


def test_the_correction_four_times_at_once_is_one_roster_change(staff):
    member = MemberFactory()
    left_on = today() - datetime.timedelta(days=3)
    form = {
        "token": str(uuid.uuid4()),
        "role": "secretary",
        "phone": "+212 6 61 00 00 00",
        "left_on": left_on.isoformat(),
    }

    answers = post_at_once(
        staff, reverse("coverage_member_correct", args=(member.pk,)), form
    )

    assert answers == [302] * 4
    member = Member.objects.get(pk=member.pk)
    assert (member.role, member.left_on) == ("secretary", left_on)
    assert RosterChange.objects.count() == 1
