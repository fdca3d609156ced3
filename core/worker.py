"""Tasks left running by a worker that died are run again.

django_tasks_db marks a task RUNNING when a worker claims it and SUCCESSFUL
or FAILED when it ends. A worker that dies in between (killed, out of
memory, its database restarted under it) leaves the task RUNNING for ever:
nothing picks it up again. Each worker id made here says where it ran
(host and process id), so a new worker can tell that the process which
claimed a task is gone and put the task back in the queue at once; a task
claimed elsewhere is put back once it has been running longer than any
task should.

Running a task again means its work may be done twice: tasks record what
they did (emails: shop.models.SentEmail) and skip it the second time."""

from __future__ import annotations

import datetime
import os
import secrets
import socket

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

_ID_LENGTH = 64  # django_tasks_db's limit


def _host() -> str:
    # Without ":" (the separator) and short enough for the id to fit.
    return socket.gethostname().replace(":", "-")[:40]


def new_worker_id() -> str:
    """`host:pid:random`, unique across a pool of workers."""
    return f"{_host()}:{os.getpid()}:{secrets.token_hex(4)}"[:_ID_LENGTH]


def _process_gone(worker_id: str) -> bool:
    """True when `worker_id` was made on this host by a process that no
    longer runs. Ids from other hosts or in another shape: False (unknown)."""
    parts = worker_id.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != _host() or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, under another user
        return False
    return False


def requeue_orphans(
    *,
    backend_name: str,
    dead_worker_ids: frozenset[str] | set[str] = frozenset(),
    stale_after: datetime.timedelta,
) -> int:
    """Put back in the queue the RUNNING tasks whose worker is known to be
    dead (one of `dead_worker_ids`, or a process of this host that is gone)
    or that started more than `stale_after` ago. Returns how many."""
    cutoff = timezone.now() - stale_after
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, backend_name=backend_name
    ).values_list("pk", "worker_ids", "started_at")
    requeued = 0
    for pk, worker_ids, started_at in running:
        last = worker_ids[-1] if worker_ids else ""
        orphan = (
            last in dead_worker_ids
            or _process_gone(last)
            or started_at is None
            or started_at < cutoff
        )
        if orphan:
            # Only if nobody moved it meanwhile (finished, or requeued by
            # another worker starting at the same time).
            requeued += DBTaskResult.objects.filter(
                pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
            ).update(status=TaskResultStatus.READY, started_at=None)
    return requeued
