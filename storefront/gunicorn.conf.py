"""gunicorn settings: `gunicorn -c storefront/gunicorn.conf.py storefront.wsgi`.

Every value can be set from the environment (GUNICORN_* or the usual
WEB_CONCURRENCY), so one file serves the stack command and real hosts.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Sync workers: each request holds one worker; the page cache keeps the
# common requests short. Recycle workers now and then against slow leaks.
worker_class = "sync"
# The application is loaded once in the master and forked: a recycled
# worker is ready at once instead of importing Django and Wagtail again
# while requests wait (that wait showed as seconds of p95 in the benchmark).
preload_app = True
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Behind a reverse proxy on another machine, list its address here so the
# X-Forwarded-Proto header it sets is believed.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs as JSON lines on stderr, like the application's own.
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") != "0" else None
access_log_format = "%(m)s %(U)s %(s)s %(B)s bytes %(D)sus"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "gunicorn.error": {
            "handlers": ["stderr"],
            "level": loglevel.upper(),
            "propagate": False,
        },
        "gunicorn.access": {
            "handlers": ["stderr"],
            "level": "INFO",
            "propagate": False,
        },
    },
}


def when_ready(server):
    """In the master, after preloading: import the views and compile the
    templates once, so forked workers start with them (storefront/warmup.py).
    The benchmark serves its reference projects with this file too: they
    are left as they are."""
    if not os.environ.get("DJANGO_SETTINGS_MODULE", "").startswith("storefront."):
        return
    import gc

    from storefront.warmup import warm_up

    server.log.info("warmed up: %d templates compiled", warm_up())
    # Everything loaded so far lives as long as the process: move it out of
    # the garbage collector's sight, so that collections in the workers scan
    # only what requests create (full collections over the whole of Django
    # and Wagtail showed as p95 spikes), and pages stay shared after fork.
    gc.collect()
    gc.freeze()
