"""Production: everything secret or host-specific comes from the environment."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
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
# (emptied on any publish, price or stock change) and sessions are read
# from the cache and kept in the database. Without Redis each process
# would hold its own copy, so the page cache stays off.
if REDIS_URL:  # noqa: F405
    PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

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
    "filters": {"request": {"()": "storefront.logging.RequestFields"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
