"""The roster form posted at once (a double tap on a slow phone) and a
proposal confirmed by two staff members at the same moment: one proposal,
one member. Each call runs on its own thread and connection, so this needs
PostgreSQL's row locks and unique checks; skipped on SQLite."""

import threading
import uuid

import pytest
from django.db import connection, connections

from cooperatives.coverage import Member, RosterChange, RosterChangeKind
from cooperatives.coverage_services import roster_change_confirm, roster_change_propose
from cooperatives.tests.factories import CooperativeFactory
from cooperatives.tests.test_coverage import NEW

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (set DATABASE_URL); SQLite has none",
    ),
]


def at_once(job, times=4):
    barrier = threading.Barrier(times)
    results = []

    def run():
        try:
            barrier.wait(timeout=30)
            results.append(("ok", job()))
        except Exception as error:  # noqa: BLE001 - reported by the test
            results.append(("crash", repr(error)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_one_form_posted_at_once_is_one_proposal_then_one_member(
    django_user_model,
):
    user = django_user_model.objects.create_user("p", password="pw-12345678")
    cooperative = CooperativeFactory()
    token = uuid.uuid4()

    proposed = at_once(
        lambda: (
            roster_change_propose(
                cooperative_id=cooperative.pk,
                user=user,
                kind=RosterChangeKind.ADD,
                values=NEW,
                token=token,
            ).pk
        )
    )
    assert [kind for kind, _pk in proposed] == ["ok"] * 4, proposed
    assert len({pk for _kind, pk in proposed}) == 1
    assert RosterChange.objects.count() == 1

    change_id = proposed[0][1]
    confirmed = at_once(
        lambda: roster_change_confirm(change_id=change_id, user=user).pk
    )
    assert [kind for kind, _pk in confirmed] == ["ok"] * 4, confirmed
    assert Member.objects.filter(cooperative=cooperative).count() == 1
