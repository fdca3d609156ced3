"""Production: everything secret or host-specific comes from the environment."""

from .base import *  # noqa: F403
from .env import env_admins, env_bool, env_int, env_list, env_origin, env_str

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Required: links in emails (order, password, statement) start with it.
PUBLIC_URL = env_origin("PUBLIC_URL")
WAGTAILADMIN_BASE_URL = PUBLIC_URL

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# A load balancer checks /healthz over plain HTTP, where a redirect to
# https would count as a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Cookies only over HTTPS. The one-machine stack serves plain HTTP on
# loopback for benchmarks and turns this off there.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# With the file backend (the one-machine stack), one file per message here.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", "") or None

# New dicts, never changes to base's: base's objects are shared with every
# module that imported it.
DATABASES = {
    "default": {
        **DATABASES["default"],  # noqa: F405
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
    }
}

# Emails and other background work go through the database queue and
# `manage.py db_worker`, unless TASKS_BACKEND says otherwise.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env_str("TASKS_BACKEND", "database")]
    }
}

# With Redis shared by every process, pages are cached for ten minutes
# (emptied on any publish, price or stock change). Without Redis each
# process would hold its own copy, so the page cache stays off. Sessions
# (and so carts) stay in the database alone: a Redis that is down, or
# comes back with an older copy of its data, loses no cart.
if REDIS_URL:  # noqa: F405
    PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
    FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 600)
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Errors reach staff: every ERROR record (a 500, a failed task, the task
# worker or the cache losing their server) is mailed to ADMINS
# ("Name <address>, address"), from SERVER_EMAIL.
ADMINS = env_admins("DJANGO_ADMINS")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
EMAIL_SUBJECT_PREFIX = "[Tadamon] "

# One JSON object per line on stderr, for whatever collects the logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        }
    },
    "filters": {
        "request": {"()": "storefront.logging.RequestFields"},
        # An unreachable Redis is reported once a minute per process, not
        # at every cache call of every request.
        "once_a_minute": {"()": "storefront.logging.OncePer", "seconds": 60},
    },
    "handlers": {
        # Before the console: RequestFields takes the request off the
        # record, and the mail shows it.
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
        },
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request"],
        },
    },
    "root": {
        "handlers": ["mail_admins", "console"],
        "level": env_str("LOG_LEVEL", "INFO"),
    },
    "loggers": {
        # Django's own logging gave "django" a mail handler too: one mail,
        # from the root's.
        "django": {"handlers": []},
        "django.request": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "storefront.cache": {"filters": ["once_a_minute"]},
        # Requests naming a host we do not serve come from scanners: logged,
        # not mailed.
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "propagate": False,
        },
    },
}

# Sentry, when a DSN is set: unhandled errors and ERROR records, with no
# personal data (no cookies, addresses or user ids).
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
    )
