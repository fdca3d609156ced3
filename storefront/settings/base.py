"""Settings shared by every environment."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_int, env_list, env_origin, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose models it
    # translates; its two sub-apps replace makemigrations and migrate so that
    # the translated columns of wagtailcore.Page never need a migration there.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    # Domain-free, no models: an app only for its template tags (fallback_tags).
    "core",
    "storefront",
    "cooperatives",
    "shop",
    "cms",
    "portal",
    "pos",
    "trade",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "axes",
]

# The page cache comes first: a cached page is answered before anything
# else runs, with the headers (security, CSP, frame options) the chain gave
# it when it was stored.
MIDDLEWARE = [
    # Outermost, so that every answer leaves compressed, from the page
    # cache or not (core/compression.py says why it stays safe).
    "core.compression.TextGZipMiddleware",
    # Before anything reads the request: invalid characters get a 400.
    "storefront.middleware.InvalidCharactersMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "storefront.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "storefront.middleware.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "storefront.middleware.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lock-out into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "storefront.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "storefront" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "storefront.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "storefront.wsgi.application"

# With no DATABASE_URL the project runs on a SQLite file next to manage.py.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=0,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

# Languages. Arabic first: it is the fallback for visitors whose browser
# asks for none of the three, and the language editors write first (the
# Arabic title and address of a page are required, the others optional).
LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("fr", _("French")),
    ("en", _("English")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Africa/Casablanca"

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "fr", "en")
# Text missing in a language is shown in the next one that has it: French
# falls back to Arabic (often all there is), English to French, then Arabic
# (Latin script first for its readers), Arabic to French. A page's address
# follows wagtail-modeltranslation's rule instead: its own language's slug,
# else the Arabic one (cms/routing.py routes by the same rule).
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("ar", "fr", "en"),
    "en": ("fr", "ar"),
}
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False
# Each language named in its own script: the admin's language choices, its
# field labels ("Titre (العربية)") and the language sections of the editor.
LANGUAGE_AUTONYMS = {"ar": "العربية", "fr": "Français", "en": "English"}


def _localized_verbose_name(verbose_name, language: str) -> str:
    # Called lazily by modeltranslation, when the label is shown.
    return f"{verbose_name} ({LANGUAGE_AUTONYMS.get(language, language)})"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _localized_verbose_name

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Uploads on the file system (unless on S3, below), in a folder every app
# node of a machine shares and nginx serves; the stack puts it in its own.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", "") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

WAGTAIL_SITE_NAME = "Tadamon"
# The site's public address: every link in an email starts with it (an
# email has no request to take the host from). Required in production.
PUBLIC_URL = env_origin("PUBLIC_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = PUBLIC_URL
# Wagtail's database backend: FTS5 on SQLite, full text on PostgreSQL. What
# it indexes is already folded per language (core/search.py, cms/search.py),
# so PostgreSQL's "simple" configuration: no English stemming or stop words
# applied to Arabic and French. Changing it asks for `update_index`.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "simple",
    }
}
WAGTAIL_I18N_ENABLED = False
# The admin asks no third party: no Gravatar images, no update check
# (both would also be refused by the Content-Security-Policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = list(LANGUAGE_AUTONYMS.items())

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "boutique@tadamon.localhost")

# The foundation as its documents name it (statements, later invoices): legal
# name, ICE (15 digits) and address. The defaults are the demo's.
FOUNDATION_NAME = env_str("FOUNDATION_NAME", "Fondation Tadamon")
FOUNDATION_ICE = env_str("FOUNDATION_ICE", "002718281000031")
FOUNDATION_ADDRESS = env_str(
    "FOUNDATION_ADDRESS", "12, rue Oued Sebou, Agdal, 10090 Rabat, Maroc"
)
# The other identifiers an invoice must show (CGI art. 145): tax identifier
# (IF), trade register (RC, with its court), professional tax (patente) and
# social security (CNSS); the bank account pro-formas ask transfers to; the
# personal-data declaration (CNDP, law 09-08) the privacy page names.
FOUNDATION_IF = env_str("FOUNDATION_IF", "40123456")
FOUNDATION_RC = env_str("FOUNDATION_RC", "Rabat 98765")
FOUNDATION_PATENTE = env_str("FOUNDATION_PATENTE", "25123456")
FOUNDATION_CNSS = env_str("FOUNDATION_CNSS", "7654321")
FOUNDATION_BANK_NAME = env_str("FOUNDATION_BANK_NAME", "Banque Solidaire du Maroc")
FOUNDATION_RIB = env_str("FOUNDATION_RIB", "011 810 0000012345678901 23")
FOUNDATION_IBAN = env_str("FOUNDATION_IBAN", "MA64 0118 1000 0001 2345 6789 0123")
FOUNDATION_SWIFT = env_str("FOUNDATION_SWIFT", "BSMAMAMC")
FOUNDATION_CNDP_DECLARATION = env_str("FOUNDATION_CNDP_DECLARATION", "D-W-123/2026")

# Fernet keys for fields encrypted at rest (core/encryption.py: members'
# national ID numbers), comma-separated, newest first. None by default in
# production: storing such a field then fails until they are set. Generate
# one with `python -c "from cryptography.fernet import Fernet;
# print(Fernet.generate_key().decode())"`.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", [])

LOGIN_URL = "shop:login"
LOGOUT_REDIRECT_URL = "/"
SHOP_DELIVERY_VAT_BP = 2000  # delivery is charged VAT at the standard rate
SHOP_UNPAID_ORDER_MINUTES = 60  # online payments not made within this are cancelled

# What each payment provider keeps of a payment when its answer does not say:
# basis points of the amount plus a fixed part in centimes. Card terminals at
# the stores and fairs are "card"; cash at the till costs nothing.
SHOP_PAYMENT_FEES = {
    "stripe": (
        env_int("SHOP_FEE_STRIPE_BP", 290),
        env_int("SHOP_FEE_STRIPE_FIXED", 300),
    ),
    "cod": (env_int("SHOP_FEE_COD_BP", 0), env_int("SHOP_FEE_COD_FIXED", 0)),
    "card": (env_int("SHOP_FEE_CARD_BP", 150), env_int("SHOP_FEE_CARD_FIXED", 0)),
    "cash": (0, 0),
}

# Card payments with Stripe: shown only when the three keys are set. The API
# base and the Stripe.js address can point at localstripe for tests and demos.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "https://api.stripe.com")
STRIPE_JS_URL = env_str("STRIPE_JS_URL", "https://js.stripe.com/v3/")
STRIPE_WEBHOOK_TOLERANCE = 300  # seconds: older signatures are refused

# Uploads: images up to 10 MB (Wagtail checks type and size), documents only
# PDF up to 10 MB (Wagtail checks the name and size; storefront.forms the content).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents always go through Wagtail's view, which checks who may read
# them (collection restrictions, shop.document_hooks): never a redirect to
# the file's own address, public on an S3 bucket.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "storefront.forms.DocumentForm"
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Caches. With REDIS_URL set (production, the stack command) every process
# shares one Redis cache: pages and the page-cache generation, the site
# menu. Without it each process keeps its own memory cache, fine for one
# process. A Redis that is down or slow is a cache miss, never an error
# (django-redis' IGNORE_EXCEPTIONS, logged by storefront.logging): pages
# are rendered uncached, carts and checkout (sessions in the database) go
# on, and the cache is used again as soon as Redis answers.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tadamon",
            "TIMEOUT": 3600,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # Seconds. A request makes a few cache calls: with Redis
                # unreachable each waits this long at most.
                "SOCKET_CONNECT_TIMEOUT": 0.1,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tadamon",
        }
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "storefront.cache"

# Full-page cache for anonymous page views (core/page_cache.py):
# seconds a page is kept; 0 turns it off. Publishing a page or changing a
# price empties it at once, whatever this says; a stock movement only when
# a variant sells out or comes back (the figure comes from cart/status).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
# Seconds that parts of those pages ({% fragment %} in base.html) and the
# page each address leads to are kept in the cache, for the pages the page
# cache misses; emptied with it. 0 turns them off: they need a cache every
# process shares (Redis), or an invalidation would reach only one process.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 0)

# Flash messages live in a cookie, so the page cache can see that a visitor
# has one waiting and render the page for them instead.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Background tasks (emails). "immediate" runs them in the request, which
# needs no worker (demo, tests); "database" queues them in PostgreSQL or
# SQLite for `manage.py db_worker`.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
# Seconds after which `manage.py run_worker` takes a task still RUNNING, whose
# worker it cannot check (another machine), for lost and runs it again.
TASKS_RUNNING_TIMEOUT = env_int("TASKS_RUNNING_TIMEOUT", 900)
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND],
    }
}

# Lock-out after repeated failed sign-ins, on every login form (shop,
# portal, Wagtail admin): django-axes counts failures per user name and
# address and answers 429 with storefront/locked_out.html.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
# AXES_PROXY_COUNT: how many reverse proxies stand between the visitor and
# gunicorn (nginx alone: 1; a load balancer and nginx: 2). The visitor's
# address is then the one the outermost proxy appended to X-Forwarded-For,
# counted from the right, so an address a visitor forges at the left of the
# header is never read. With 0 (the default) it comes from the socket only.
_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
if _PROXY_COUNT:
    # ipware counts the proxies *listed in* the header: the one next to
    # gunicorn appends its peer and is not listed itself.
    AXES_IPWARE_PROXY_COUNT = _PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    # Not strict: a header longer than the proxies (a visitor who sent one
    # of their own) is still read from the right, at the trusted position.
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Media: on S3-compatible storage when a bucket is named, local files
# otherwise. Credentials come from the usual AWS_* variables.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", "") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN", "") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}


def _origin(url: str) -> str | None:
    """scheme://host[:port] of an absolute URL; None for a local path."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Content-Security-Policy: no inline script anywhere on the public site
# (JSON-LD and json_script data are not executed). Stripe's Payment
# Element needs its script, its frames and its API.
_STRIPE_JS = _origin(STRIPE_JS_URL)
_STRIPE_API = _origin(STRIPE_API_BASE)
_MEDIA_HOST = None
if AWS_STORAGE_BUCKET_NAME:
    _MEDIA_HOST = (
        f"https://{AWS_S3_CUSTOM_DOMAIN}"
        if AWS_S3_CUSTOM_DOMAIN
        else _origin(AWS_S3_ENDPOINT_URL or "")
        or f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    )
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *filter(None, [_STRIPE_JS])],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            "data:",
            "https://*.stripe.com",
            *filter(None, [_MEDIA_HOST]),
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *filter(None, [_STRIPE_API, _STRIPE_JS])],
        "frame-src": [
            "'self'",
            *filter(None, [_STRIPE_JS, "https://hooks.stripe.com"]),
        ],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
CSRF_FAILURE_VIEW = "storefront.views.csrf_failure"

# Moroccan cards through the CMI's hosted payment page (the NestPay
# "3D_PAY_HOSTING" protocol, through which the acquirers that took over the
# CMI's merchants still route payments): offered at checkout when the client
# id, the store key and the gateway's address are set. The API user is for
# status queries (`manage.py cmi_settle_pending`, run by cron), captures and
# refunds; without it refunds are made in the acquirer's merchant centre and
# recorded by staff with its reference. scripts/fake_cmi.py plays the gateway
# for tests and `make demo-cmi`. The pay page may post its form to the
# gateway (shop.payment_views adds its origin to that page's form-action).
CMI_CLIENT_ID = env_str("CMI_CLIENT_ID", "")
CMI_STORE_KEY = env_str("CMI_STORE_KEY", "")
CMI_GATEWAY_URL = env_str("CMI_GATEWAY_URL", "")  # https://.../fim/est3Dgate
CMI_API_URL = env_str("CMI_API_URL", "")  # https://.../fim/api
CMI_API_USER = env_str("CMI_API_USER", "")
CMI_API_PASSWORD = env_str("CMI_API_PASSWORD", "")
CMI_API_TIMEOUT = env_int("CMI_API_TIMEOUT", 20)  # seconds
# Orders still waiting for the CMI this long after being placed are asked
# about (their callback never came) by cmi_settle_pending.
CMI_SETTLE_AFTER_MINUTES = env_int("CMI_SETTLE_AFTER_MINUTES", 10)
# The acquirer's commission on each payment, as its contract says: a
# percentage ("1.75", two decimals at most) and a fixed part in centimes.
# Who bears it is set per partnership agreement, like Stripe's fees.
CMI_FEE_PERCENT = env_str("CMI_FEE_PERCENT", "1.75")
CMI_FEE_FIXED = env_int("CMI_FEE_FIXED", 0)


def _percent_as_bp(name: str, value: str) -> int:
    from decimal import Decimal, InvalidOperation

    from django.core.exceptions import ImproperlyConfigured

    try:
        bp = Decimal(value.strip()) * 100
    except InvalidOperation:
        bp = Decimal(-1)
    if bp != bp.to_integral_value() or not 0 <= bp <= 10000:
        raise ImproperlyConfigured(
            f"{name} must be a percentage between 0 and 100 with two decimals "
            f"at most, like 1.75, not {value!r}."
        )
    return int(bp)


SHOP_PAYMENT_FEES["cmi"] = (
    _percent_as_bp("CMI_FEE_PERCENT", CMI_FEE_PERCENT),
    CMI_FEE_FIXED,
)
