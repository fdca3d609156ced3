"""Local development: debug on, console email, SQLite unless DATABASE_URL."""

from .base import *  # noqa: F403
from .env import env_list, env_str

DEBUG = True
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production"
)
# A demo key for members' encrypted national IDs (never use it in production).
FIELD_ENCRYPTION_KEYS = env_list(
    "FIELD_ENCRYPTION_KEYS", ["ZGV2LW9ubHktZGVtby1rZXktbWVtYmVyLWRhdGEtMzI="]
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Serve the unhashed files while developing so `make demo` needs no collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
