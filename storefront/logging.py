"""Log records as flat JSON: Django attaches the request object to its
records; keep only what is safe and useful from it (never cookies,
bodies or headers)."""

import logging


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
