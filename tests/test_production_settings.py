"""What storefront.settings.production builds from the environment: Redis
as the cache, the database task queue, S3 media when a bucket is named,
and JSON logs."""

import importlib
import io
import json
import logging
import logging.config
import sys

import pytest
from django.test import RequestFactory


def load(monkeypatch, **env):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    for name in ("REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_CUSTOM_DOMAIN"):
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


def test_redis_cache_sessions_and_page_cache_with_redis_url(monkeypatch):
    settings = load(monkeypatch, REDIS_URL="redis://10.0.0.5:6379/1")

    assert settings.CACHES["default"]["BACKEND"].endswith("SharedClientRedisCache")
    assert settings.CACHES["default"]["LOCATION"] == "redis://10.0.0.5:6379/1"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
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


def test_the_redis_cache_reuses_one_client_per_pool():
    from storefront.cache import SharedClientRedisCache

    cache = SharedClientRedisCache("redis://127.0.0.1:9/0", {})

    first = cache._cache.get_client(write=True)

    assert cache._cache.get_client("any", write=True) is first
    assert first.connection_pool is cache._cache._get_connection_pool(True)
