"""What storefront.middleware.CachedSiteMiddleware saves on each uncached
request: Wagtail's lookup of the request's Site (a query joining the site
and its root page, and the Page built from it) against reading the Site
kept in the cache (Redis in production).

    DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/site_lookup_bench.py

The database must hold a site (`manage.py load_demo`). Run with the
production settings' cache and connection reuse, one process."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.production")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ.setdefault("PUBLIC_URL", "http://127.0.0.1:8000")

import django  # noqa: E402

django.setup()

from django.core.cache import cache, caches  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from wagtail.models import Site  # noqa: E402


def per_call_us(function, rounds: int = 7, number: int = 200) -> list[float]:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(number):
            function()
        timings.append((time.perf_counter() - started) / number * 1e6)
    return timings


def main() -> None:
    factory = RequestFactory()

    def looked_up():
        # What Wagtail does for a request without a kept site.
        return Site.find_for_request(factory.get("/fr/", HTTP_HOST="127.0.0.1"))

    cache.set("bench:site", looked_up(), 600)

    def from_cache():
        request = factory.get("/fr/", HTTP_HOST="127.0.0.1")
        request._wagtail_site = cache.get("bench:site")
        return Site.find_for_request(request)

    def request_only():
        return factory.get("/fr/", HTTP_HOST="127.0.0.1")

    base = statistics.median(per_call_us(request_only))
    lookup = statistics.median(per_call_us(looked_up)) - base
    cached = statistics.median(per_call_us(from_cache)) - base
    backend = type(caches["default"]).__module__
    print(f"cache backend: {backend}; database: {django.db.connection.vendor}")
    print(f"Wagtail's lookup: {lookup:,.0f} µs per request (median of 7 x 200)")
    print(f"from the cache:   {cached:,.0f} µs per request")
    cache.delete("bench:site")


if __name__ == "__main__":
    main()
