"""Log records as flat JSON: Django attaches the request object to its
records; keep only what is safe and useful from it (never cookies,
bodies or headers)."""

import logging
import threading
import time


class RequestFields(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            record.method = request.method
            record.path = request.path
            del record.request
        # Django's server loggers attach the socket or response; not JSON.
        for name in ("server_time", "socket", "response"):
            if hasattr(record, name):
                delattr(record, name)
        return True


class OncePer(logging.Filter):
    """Lets one record through per `seconds` (per logger name and message
    template), and counts the others into the next one: a fault met at
    every call (Redis down) is reported, not repeated thousands of times,
    to the logs, the staff's mailbox and Sentry alike."""

    def __init__(self, seconds: float = 60.0, clock=time.monotonic):
        super().__init__()
        self.seconds = seconds
        self.clock = clock
        self._last: dict[tuple[str, str], float] = {}
        self._dropped: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = self.clock()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.seconds:
                self._dropped[key] = self._dropped.get(key, 0) + 1
                return False
            self._last[key] = now
            record.repeated = self._dropped.pop(key, 0)
        return True
