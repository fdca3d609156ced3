"""What storefront.settings.production builds from the environment: Redis
as the cache, the database task queue, S3 media when a bucket is named,
and JSON logs."""

import importlib
import io
import json
import logging
import logging.config
import re
import sys

import pytest
from django.test import RequestFactory


def load(monkeypatch, **env):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    monkeypatch.setenv("PUBLIC_URL", "https://shop.example.org")
    for name in (
        "REDIS_URL",
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_S3_CUSTOM_DOMAIN",
        "DJANGO_ADMINS",
        "SENTRY_DSN",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for module in ("storefront.settings.production", "storefront.settings.base"):
        sys.modules.pop(module, None)
    try:
        return importlib.import_module("storefront.settings.production")
    finally:
        for module in ("storefront.settings.production", "storefront.settings.base"):
            sys.modules.pop(module, None)


def test_redis_cache_and_page_cache_with_redis_url(monkeypatch):
    settings = load(monkeypatch, REDIS_URL="redis://10.0.0.5:6379/1")

    cache = settings.CACHES["default"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache["LOCATION"] == "redis://10.0.0.5:6379/1"
    # A Redis that does not answer is a miss, quickly, and logged.
    assert cache["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert cache["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] <= 0.25
    assert cache["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
    assert settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS is True
    # Carts live in sessions, and sessions in the database alone.
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.PAGE_CACHE_SECONDS == 600


def test_without_redis_the_page_cache_stays_off(monkeypatch):
    settings = load(monkeypatch)

    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert settings.PAGE_CACHE_SECONDS == 0


def test_tasks_go_through_the_database_queue(monkeypatch):
    from django.conf import settings as running

    settings = load(monkeypatch)

    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    # Production builds its own dicts: the running test settings keep theirs.
    assert running.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert running.DATABASES["default"]["CONN_MAX_AGE"] == 0


def test_media_on_s3_when_a_bucket_is_named(monkeypatch):
    local = load(monkeypatch)
    s3 = load(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME="tadamon-media",
        AWS_S3_CUSTOM_DOMAIN="media.tadamon.ma",
    )

    assert local.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    assert s3.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    images = s3.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    assert "https://media.tadamon.ma" in images


@pytest.fixture
def json_log(monkeypatch):
    settings = load(monkeypatch)
    stream = io.StringIO()
    config = json.loads(json.dumps(settings.LOGGING))
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    yield stream
    from django.conf import settings as django_settings

    logging.config.dictConfig(django_settings.LOGGING or {"version": 1})


def test_logs_are_json_lines_without_request_secrets(json_log):
    request = RequestFactory().get(
        "/fr/checkout/", HTTP_COOKIE="sessionid=secret-session-value"
    )

    logging.getLogger("django.request").warning(
        "Bad request: %s", request.path, extra={"request": request, "status_code": 400}
    )

    line = json_log.getvalue().strip().splitlines()[-1]
    record = json.loads(line)
    assert record["level"] == "WARNING" and record["name"] == "django.request"
    assert record["message"] == "Bad request: /fr/checkout/"
    assert record["method"] == "GET" and record["path"] == "/fr/checkout/"
    assert record["status_code"] == 400
    assert "secret-session-value" not in line


def test_warm_up_compiles_every_template_of_the_project():
    from storefront.warmup import template_names, warm_up

    names = template_names()

    assert warm_up() == len(names) > 50
    assert {"base.html", "cms/product_page.html", "locked_out.html"} <= set(names)


def test_the_public_url_is_required_and_must_be_an_address(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    for module in ("storefront.settings.production", "storefront.settings.base"):
        sys.modules.pop(module, None)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(ImproperlyConfigured, match="PUBLIC_URL"):
        importlib.import_module("storefront.settings.production")
    for wrong in ("shop.example.org", "https://shop.example.org/fr/", "ftp://x.org"):
        sys.modules.pop("storefront.settings.production", None)
        sys.modules.pop("storefront.settings.base", None)
        monkeypatch.setenv("PUBLIC_URL", wrong)
        with pytest.raises(ImproperlyConfigured, match="PUBLIC_URL"):
            importlib.import_module("storefront.settings.production")
    sys.modules.pop("storefront.settings.production", None)
    sys.modules.pop("storefront.settings.base", None)

    settings = load(monkeypatch, PUBLIC_URL="https://boutique.tadamon.ma/")

    assert settings.PUBLIC_URL == "https://boutique.tadamon.ma"
    # Wagtail's own emails (moderation, password) use the same address.
    assert settings.WAGTAILADMIN_BASE_URL == "https://boutique.tadamon.ma"


@pytest.mark.django_db
def test_every_email_link_starts_with_the_public_url(settings):
    from django.core import mail

    from shop.emails import send_templated
    from shop.tests.factories import VariantFactory
    from shop.tests.test_ledger import paid_order

    settings.PUBLIC_URL = "https://boutique.tadamon.ma"
    order = paid_order((VariantFactory(stock=5), 1))
    mail.outbox.clear()

    send_templated(order, "payment_received")

    message = mail.outbox[0]
    links = re.findall(r"https?://[^\s\"'<>]+", message.body)
    links += re.findall(r'href="(https?://[^"]+)"', message.alternatives[0][0])
    assert links
    assert all(link.startswith("https://boutique.tadamon.ma/") for link in links)


def test_admins_from_the_environment(monkeypatch):
    settings = load(
        monkeypatch, DJANGO_ADMINS="Amina Alaoui <amina@tadamon.ma>, ops@tadamon.ma"
    )

    assert settings.ADMINS == [
        ("Amina Alaoui", "amina@tadamon.ma"),
        ("ops@tadamon.ma", "ops@tadamon.ma"),
    ]
    assert load(monkeypatch).ADMINS == []


@pytest.fixture
def production_logging(monkeypatch):
    settings = load(monkeypatch)
    stream = io.StringIO()
    config = json.loads(json.dumps(settings.LOGGING))
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    yield stream
    from django.conf import settings as django_settings

    logging.config.dictConfig(django_settings.LOGGING or {"version": 1})


def test_a_server_error_is_mailed_to_the_admins_and_logged(
    production_logging, settings
):
    from django.core import mail

    settings.ADMINS = [("Ops", "ops@tadamon.ma")]
    mail.outbox.clear()
    request = RequestFactory().get("/fr/checkout/")
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            request.path,
            exc_info=True,
            extra={"request": request, "status_code": 500},
        )

    assert [m.to for m in mail.outbox] == [["ops@tadamon.ma"]]
    assert "Internal Server Error: /fr/checkout/" in mail.outbox[0].subject
    assert "ValueError" in mail.outbox[0].body
    record = json.loads(production_logging.getvalue().strip().splitlines()[-1])
    assert record["level"] == "ERROR" and record["path"] == "/fr/checkout/"


def test_an_unreachable_cache_is_reported_once_a_minute(production_logging, settings):
    from django.core import mail

    settings.ADMINS = [("Ops", "ops@tadamon.ma")]
    mail.outbox.clear()
    cache_log = logging.getLogger("storefront.cache")

    for _ in range(50):
        cache_log.error("Exception ignored")

    assert len(mail.outbox) == 1
    lines = production_logging.getvalue().strip().splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["storefront.cache"]


def test_the_once_per_filter_lets_one_through_per_interval():
    from storefront.logging import OncePer

    now = [100.0]
    once = OncePer(seconds=60, clock=lambda: now[0])

    def record(msg):
        return logging.LogRecord("x", logging.ERROR, __file__, 1, msg, None, None)

    first, second, other = record("a"), record("a"), record("b")
    assert once.filter(first) and not once.filter(second) and once.filter(other)
    now[0] += 61
    third = record("a")
    assert once.filter(third) and third.repeated == 1


SENTRY_PROBE = """
import json, logging
import django
django.setup()
import sentry_sdk
from sentry_sdk.transport import Transport

sent = []

class Kept(Transport):
    def capture_envelope(self, envelope):
        sent.append(envelope)

client = sentry_sdk.get_client()
client.transport = Kept(client.options)
logging.getLogger("shop").error("The payment provider answered nonsense")
sentry_sdk.flush()
events = [
    item.payload.json
    for envelope in sent
    for item in envelope.items
    if item.type == "event"
]
print(json.dumps({
    "active": client.is_active(),
    "dsn": client.dsn,
    "pii": client.options["send_default_pii"],
    "messages": [e.get("logentry", {}).get("message") for e in events],
}))
"""


def test_sentry_is_initialised_when_a_dsn_is_set():
    """In a process of its own: Sentry's integrations patch Django for the
    life of the process. The DSN points at a closed port and the transport
    keeps the events: nothing leaves the machine."""
    import os
    import subprocess

    from django.conf import settings

    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "storefront.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "PUBLIC_URL": "https://shop.example.org",
        "SENTRY_DSN": "http://publickey@127.0.0.1:9/1",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SENTRY_PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["active"] is True
    assert probe["dsn"] == "http://publickey@127.0.0.1:9/1"
    assert probe["pii"] is False
    assert probe["messages"] == ["The payment provider answered nonsense"]

    env.pop("SENTRY_DSN")
    probe_off = "import django; django.setup(); import sentry_sdk; " + (
        "print(sentry_sdk.get_client().is_active())"
    )
    without = subprocess.run(
        [sys.executable, "-c", probe_off],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert without.stdout.strip() == "False", without.stderr


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "visitor"),
    [
        # Straight to gunicorn: the socket only, whatever the header says.
        (0, "41.248.10.9", "127.0.0.1"),
        # nginx alone appends the visitor; a forged address before it is
        # never read.
        (1, "41.248.10.9", "41.248.10.9"),
        (1, "105.66.1.2, 41.248.10.9", "41.248.10.9"),
        # A balancer in front of nginx: "visitor, balancer".
        (2, "105.66.1.2, 41.248.10.9, 10.0.0.2", "41.248.10.9"),
    ],
)
def test_lockouts_count_the_visitors_address_behind_n_proxies(
    monkeypatch, proxies, forwarded_for, visitor
):
    from axes.helpers import get_client_ip_address
    from django.test import override_settings

    loaded = load(monkeypatch, AXES_PROXY_COUNT=str(proxies))
    names = [
        name for name in dir(loaded) if name.startswith(("AXES_IPWARE_", "IPWARE_"))
    ]
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR=forwarded_for, REMOTE_ADDR="127.0.0.1"
    )
    with override_settings(**{name: getattr(loaded, name) for name in names}):
        assert get_client_ip_address(request, use_ipware=True) == visitor
