"""Test settings: fast hashing, in-memory email, plain static storage."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWtleS1tZW1iZXItZGF0YS0zMmJ5dGU="]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "tmp" / "test-media"  # noqa: F405
PUBLIC_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Card payments are on in tests, against nothing real: tests inject an HTTP
# client or start localstripe; this loopback port answers nothing.
STRIPE_SECRET_KEY = "sk_test_tadamon"  # noqa: S105
STRIPE_PUBLISHABLE_KEY = "pk_test_tadamon"
STRIPE_WEBHOOK_SECRET = "whsec_test_tadamon"  # noqa: S105
STRIPE_API_BASE = "http://127.0.0.1:9"
STRIPE_JS_URL = "/static/js/stripe-test-stub.js"
