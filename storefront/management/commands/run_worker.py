"""The task worker, made to outlive database restarts.

django_tasks_db's `db_worker` exits on the first database error it meets
(PostgreSQL restarting, a dropped connection), and a task it was running
stays RUNNING for ever. This command runs `db_worker` and, when the database
fails under it, waits (0.5 s, 1 s, 2 s... up to 10 s between attempts),
puts back in the queue the tasks its dead worker had claimed, and starts it
again. On start it also requeues tasks left by workers that died before it
(core/worker.py says how they are recognised).

SIGTERM or Ctrl-C stop it as they stop `db_worker`: after the running task.
A process supervisor (systemd, scripts/stack.py) restarts it if it exits
for any other reason."""

from __future__ import annotations

import datetime
import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS

from core.database import CONNECTION_ERRORS, backoff_delays
from core.worker import new_worker_id, requeue_orphans

logger = logging.getLogger("storefront.worker")

# After this many failed attempts in a row (about a minute of waiting),
# the outage is logged as an error, which reaches staff.
_ATTEMPTS_BEFORE_ERROR = 8


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


class Command(BaseCommand):
    help = "Run the task worker; survive database restarts and requeue lost tasks."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="default")
        parser.add_argument(
            "--interval",
            default="1",
            help="seconds between polls of an empty queue (db_worker's option)",
        )
        parser.add_argument(
            "--stale-after",
            type=int,
            default=None,
            help="seconds after which a task still RUNNING whose worker cannot "
            "be checked is run again (default: TASKS_RUNNING_TIMEOUT)",
        )
        parser.add_argument(
            "--max-tasks",
            default=None,
            help="exit after this many tasks (db_worker's option, for tests)",
        )

    def handle(self, *, queue_name, interval, stale_after, max_tasks, **options):
        stale = datetime.timedelta(
            seconds=stale_after
            if stale_after is not None
            else settings.TASKS_RUNNING_TIMEOUT
        )
        worker_args = ["--no-reload", "--no-startup-delay"]
        worker_args += ["--queue-name", queue_name, "--interval", str(interval)]
        if max_tasks is not None:
            worker_args += ["--max-tasks", str(max_tasks)]
        self.supervise(worker_args, stale, options["verbosity"])

    def supervise(self, worker_args, stale, verbosity) -> None:
        dead: set[str] = set()
        delays = backoff_delays()
        failures = 0
        while True:
            try:
                requeued = requeue_orphans(
                    backend_name=DEFAULT_TASK_BACKEND_ALIAS,
                    dead_worker_ids=dead,
                    stale_after=stale,
                )
                if requeued:
                    logger.warning("Requeued %d task(s) of a dead worker", requeued)
                # The database answers: the next outage starts from a short wait.
                delays, failures = backoff_delays(), 0
                worker_id = new_worker_id()
                # Whatever way db_worker ends, this id is not running any more.
                dead.add(worker_id)
                call_command(
                    "db_worker",
                    *worker_args,
                    "--worker-id",
                    worker_id,
                    verbosity=verbosity,
                )
                return  # stopped by a signal or --max-tasks
            except CONNECTION_ERRORS as error:
                failures += 1
                delay = next(delays)
                level = (
                    logging.ERROR
                    if failures >= _ATTEMPTS_BEFORE_ERROR
                    else logging.WARNING
                )
                logger.log(
                    level,
                    "Task worker lost the database (%s); starting again in %.1f s",
                    error,
                    delay,
                )
                connections.close_all()
                _sleep(delay)
