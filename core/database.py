"""Waiting out a database restart instead of failing.

A background task or the task worker that meets a database which is
restarting (PostgreSQL answers again after a few seconds) should wait and
try again, not fail for good: a failed email task is never run again."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Errors of a database that cannot be reached or dropped the connection;
# not IntegrityError and the like, which trying again would not change.
CONNECTION_ERRORS = (OperationalError, InterfaceError)


def backoff_delays(first: float = 0.5, cap: float = 10.0):
    """0.5, 1, 2, 4, 8, 10, 10... seconds."""
    delay = first
    while True:
        yield delay
        delay = min(cap, delay * 2)


def _in_transaction() -> bool:
    return any(connection.in_atomic_block for connection in connections.all())


def retry_on_connection_errors(
    function: Callable[[], T],
    *,
    seconds: float = 120.0,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call `function` until it runs without a connection error, waiting
    longer between attempts, for up to `seconds`; then the last error is
    raised. Inside a transaction an error is raised at once: the caller's
    transaction is lost, only the caller can start it again."""
    deadline = time.monotonic() + seconds
    delays = backoff_delays()
    while True:
        try:
            return function()
        except CONNECTION_ERRORS as error:
            if _in_transaction():
                raise
            delay = next(delays)
            if time.monotonic() + delay > deadline:
                raise
            logger.warning(
                "Database unreachable (%s); trying again in %.1f s", error, delay
            )
            # A connection that failed is closed: the next query opens a
            # new one.
            for connection in connections.all():
                connection.close_if_unusable_or_obsolete()
            sleep(delay)


def survives_database_restarts(function: Callable[..., T]) -> Callable[..., T]:
    """Decorator for task functions: the whole call is tried again while the
    database is unreachable. Only for functions that can run twice: what
    they send or write must be recorded so that a second run skips it."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return retry_on_connection_errors(lambda: function(*args, **kwargs))

    return wrapper
