"""The task worker (`manage.py run_worker`) outlives the database: it waits
while the database is unreachable and starts again; a task left RUNNING by
a worker that died is run again, and its email is still sent only once."""

import datetime
import os
import subprocess

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from core import worker
from core.database import retry_on_connection_errors
from shop.emails import send_order_confirmation
from shop.models import SentEmail
from shop.tests.factories import VariantFactory
from shop.tests.test_ledger import paid_order
from storefront.management.commands import run_worker

# The worker's own transactions (exclusive on SQLite) need real commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def waits(monkeypatch):
    """The worker's waits, recorded instead of slept."""
    recorded = []
    monkeypatch.setattr(run_worker, "_sleep", recorded.append)
    return recorded


@pytest.fixture
def order(queue):
    placed = paid_order((VariantFactory(stock=5), 1))
    # Each test enqueues what it needs; placing queued the confirmation.
    DBTaskResult.objects.all().delete()
    mail.outbox.clear()
    return placed


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def left_running(result_id, worker_id, started_minutes_ago=0):
    DBTaskResult.objects.filter(pk=result_id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=[worker_id],
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago),
    )


def test_the_worker_waits_out_a_database_outage_and_goes_on(order, waits, monkeypatch):
    result = send_order_confirmation.enqueue(order.pk)
    real_get_locked = DBTaskResultQuerySet.get_locked
    outage = {"left": 3}

    def restarting(queryset):
        if outage["left"]:
            outage["left"] -= 1
            raise OperationalError("server closed the connection unexpectedly")
        return real_get_locked(queryset)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", restarting)

    call_command("run_worker", "--interval", "0", "--max-tasks", "1", verbosity=0)

    # db_worker alone would have exited at the first error.
    assert waits == [0.5, 0.5, 0.5]  # the database answered between attempts
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1


def test_the_wait_grows_while_the_database_stays_down(waits, monkeypatch, queue):
    attempts = {"left": 5}
    real_requeue = run_worker.requeue_orphans

    def down(**kwargs):
        if attempts["left"]:
            attempts["left"] -= 1
            raise OperationalError("could not connect to server")
        return real_requeue(**kwargs)

    monkeypatch.setattr(run_worker, "requeue_orphans", down)

    call_command("run_worker", "--interval", "0", "--max-tasks", "0", verbosity=0)

    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0]


def test_a_task_left_running_by_a_dead_worker_is_run_again(order, waits):
    result = send_order_confirmation.enqueue(order.pk)
    left_running(result.id, f"{worker._host()}:{dead_pid()}:0bad")

    call_command("run_worker", "--interval", "0", "--max-tasks", "1", verbosity=0)

    done = DBTaskResult.objects.get(pk=result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert len(done.worker_ids) == 2  # the dead one, then ours
    assert len(mail.outbox) == 1


def test_a_task_that_died_after_sending_does_not_send_again(order, waits):
    """The worker died after the email went and was recorded, before the
    task was marked done: run again, it finds the key and sends nothing."""
    result = send_order_confirmation.enqueue(order.pk)
    SentEmail.objects.create(
        key=f"order_confirmation:{order.pk}",
        status=SentEmail.Status.SENT,
        sent_at=timezone.now(),
    )
    left_running(result.id, f"{worker._host()}:{dead_pid()}:0bad")

    call_command("run_worker", "--interval", "0", "--max-tasks", "1", verbosity=0)

    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert mail.outbox == []


def test_only_tasks_of_dead_or_silent_workers_are_requeued(order):
    alive_here = send_order_confirmation.enqueue(order.pk)
    elsewhere_recent = send_order_confirmation.enqueue(order.pk)
    elsewhere_old = send_order_confirmation.enqueue(order.pk)
    ours_dead = send_order_confirmation.enqueue(order.pk)
    left_running(alive_here.id, f"{worker._host()}:{os.getppid()}:a")
    left_running(elsewhere_recent.id, "other-host:1234:b", started_minutes_ago=5)
    left_running(elsewhere_old.id, "other-host:1234:c", started_minutes_ago=20)
    left_running(ours_dead.id, "some-id-we-ran")

    requeued = worker.requeue_orphans(
        backend_name="default",
        dead_worker_ids={"some-id-we-ran"},
        stale_after=datetime.timedelta(minutes=15),
    )

    status = {str(pk): s for pk, s in DBTaskResult.objects.values_list("pk", "status")}
    assert requeued == 2
    assert status[alive_here.id] == TaskResultStatus.RUNNING
    assert status[elsewhere_recent.id] == TaskResultStatus.RUNNING
    assert status[elsewhere_old.id] == TaskResultStatus.READY
    assert status[ours_dead.id] == TaskResultStatus.READY


def test_worker_ids_fit_and_name_this_process():
    made = worker.new_worker_id()
    host, pid, _nonce = made.rsplit(":", 2)

    assert len(made) <= 64 and host == worker._host() and pid.isdigit()
    assert made != worker.new_worker_id()


def test_a_task_waits_out_a_database_restart_instead_of_failing():
    calls, waited = [], []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("the database system is starting up")
        return "done"

    assert retry_on_connection_errors(flaky, sleep=waited.append) == "done"
    assert waited == [0.5, 1.0]

    def always_down():
        raise OperationalError("could not connect to server")

    waited.clear()
    with pytest.raises(OperationalError):
        retry_on_connection_errors(always_down, seconds=3, sleep=waited.append)
    assert waited == [0.5, 1.0, 2.0]  # the next wait would pass the deadline


@pytest.mark.django_db(transaction=False)
def test_the_documented_deployment_restarts_the_worker_whatever_its_exit():
    import configparser
    from pathlib import Path

    from django.conf import settings

    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(Path(settings.BASE_DIR) / "deploy/systemd/tadamon-worker.service")

    assert unit["Service"]["ExecStart"].endswith("manage.py run_worker")
    assert unit["Service"]["Restart"] == "always"
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"  # never gives up
