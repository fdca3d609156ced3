"""A full-page cache for the public pages, shared by every visitor.

Public pages (home, catalogue, product, cooperative, story) carry nothing
of the visitor in their HTML: the cart count, the account link label and
the CSRF token for add-to-cart come from ``/<lang>/cart/status/`` after
the page loads (static/js/visitor.js). So one rendering serves everyone.

What is stored: only a Wagtail page served by ``GET`` with status 200,
without view restrictions, whose rendering touched neither the session
nor the CSRF token and set no cookie. A visitor with a flash message
waiting (the ``messages`` cookie) is always served a fresh rendering.

How it is emptied: every entry carries the *generation* it was made in;
publishing or unpublishing a page, saving a product, variant,
cooperative, certification, lot or image, and every stock movement
replace the generation with a new random one (after the transaction
commits), so older entries are never served again. A random value rather
than a counter: if the cache ever loses the generation key, the new one
cannot match old entries.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
# Per-response headers never replayed from the cache.
_DROPPED_HEADERS = {"set-cookie", "content-length", "vary", "date", HEADER.lower()}


def current_generation(request=None) -> str:
    """The generation in force: read once per request by the middleware,
    or from the cache. Other cached data that must follow the pages (the
    site menu) is keyed by it."""
    generation = getattr(request, "page_cache_generation", None)
    if generation is None:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            generation = uuid.uuid4().hex
            if not cache.add(GENERATION_KEY, generation, None):
                generation = cache.get(GENERATION_KEY, generation)
        if request is not None:
            request.page_cache_generation = generation
    return generation


def invalidate() -> None:
    """Forget every cached page, now."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def invalidate_on_commit() -> None:
    """Forget every cached page once the current transaction commits (at
    once outside a transaction), so no page is re-cached from data that a
    rollback would undo."""
    transaction.on_commit(invalidate)


RESTRICTED_KEY = "page-cache:restricted-paths"


def _restricted_paths() -> list[str]:
    """Tree paths of the pages behind a password, a login or a group,
    kept in the cache (emptied when a restriction changes), so serving a
    page costs no query for this."""
    from wagtail.models import PageViewRestriction

    paths = cache.get(RESTRICTED_KEY)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(RESTRICTED_KEY, paths, None)
    return paths


def forget_restrictions() -> None:
    cache.delete(RESTRICTED_KEY)


def mark_cacheable(request, page) -> None:
    """Called for a Wagtail page about to be served (``before_serve_page``):
    a page behind a restriction, or below one, is never shared."""
    if settings.PAGE_CACHE_SECONDS and not any(
        page.path.startswith(path) for path in _restricted_paths()
    ):
        request.page_cache_allowed = True


def _key(request) -> str:
    # The scheme is part of the key: a plain-HTTP request never meets the
    # HTTPS page and is redirected by the security middleware instead. So is
    # the day: pages show what is true today (lots expire, certifications
    # and agreements end at midnight), so no page outlives its day.
    return (
        f"page-cache:{timezone.localdate():%Y%m%d}:{request.scheme}:"
        f"{request.get_host()}:{request.get_full_path()}"
    )


def _storable(request, response) -> bool:
    if not getattr(request, "page_cache_allowed", False):
        return False
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    # The rendering read the visitor's session or CSRF token: it is theirs.
    session = getattr(request, "session", None)
    if session is not None and session.accessed:
        return False
    return not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


class PageCacheMiddleware:
    """First in the chain: a hit is answered before anything else runs,
    with the headers the rest of the chain (security, CSP, frame options)
    gave the response when it was stored."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.skipped_prefixes = (settings.STATIC_URL, settings.MEDIA_URL, "/admin/")

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or request.path_info.startswith(self.skipped_prefixes)
            or request.COOKIES.get(CookieStorage.cookie_name)
        ):
            return self.get_response(request)

        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        if GENERATION_KEY in found:
            request.page_cache_generation = found[GENERATION_KEY]
        generation = current_generation(request)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            _generation, content, headers = entry
            response = HttpResponse(content, headers=headers)
            response[HEADER] = "hit"
            response["Content-Length"] = str(len(content))
            return response

        response = self.get_response(request)
        if _storable(request, response):
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() not in _DROPPED_HEADERS
            }
            cache.set(key, (generation, response.content, headers), seconds)
            response[HEADER] = "miss"
        return response
