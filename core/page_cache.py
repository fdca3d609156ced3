"""A full-page cache for the public pages, shared by every visitor.

Public pages (home, catalogue, product, cooperative, story) carry nothing
of the visitor in their HTML: the cart count, the account link label and
the CSRF token for add-to-cart come from ``/<lang>/cart/status/`` after
the page loads (static/js/visitor.js). So one rendering serves everyone.

Nor do they carry a stock figure, so that sales leave them cached: a page
says only whether each variant can be bought ("Out of stock", or "In stock"
with its add-to-cart form); how many are left ("Only 3 left"), the quantity
field's maximum and a sell-out since the page was stored come with the same
status request (``?sku=...`` for the variants the page shows). Without
JavaScript the cart refuses, with a message, what stock cannot serve.

What is stored: only a Wagtail page served by ``GET`` with status 200,
without view restrictions, whose rendering touched neither the session
nor the CSRF token and set no cookie. A visitor with a flash message
waiting (the ``messages`` cookie) is always served a fresh rendering.

How it is emptied: every entry carries the *generation* it was made in;
publishing, unpublishing or moving a page, saving a product, variant,
cooperative, certification, lot or image (storefront/signals.py), and a
stock movement that sells a variant out or brings it back
(``shop.services.locks.variant_stock_add``; any other sale or restock
leaves every page cached) replace the generation with a new random one
(after the transaction commits), so older entries are never served again.
A random value rather than a counter: if the cache ever loses the
generation key, the new one cannot match old entries.

What the page cache misses (its entry expired or emptied, or the page cache
off) is made again from parts kept under the same generation
(``FRAGMENT_CACHE_SECONDS``, with a shared cache): the page each address
leads to (cms/routing.py), which pages have view restrictions, and the two
fragments of base.html around the flash messages (``{% fragment %}``,
storefront_tags). Emptied with the pages, by the same events.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from core.release import release

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


def _guarded_paths(request) -> tuple[str, ...]:
    """Tree paths below which Wagtail must check view restrictions itself:
    the restricted pages, and every alias page (an alias follows its
    source's restrictions, wherever the source is). Kept under the
    generation, which every page save or move and every restriction change
    renews; read once per request."""
    paths = getattr(request, "_page_cache_guarded_paths", None)
    if paths is None:
        from wagtail.models import Page, PageViewRestriction

        key = f"page-cache:guarded-paths:{current_generation(request)}"
        paths = cache.get(key)
        if paths is None:
            restricted = PageViewRestriction.objects.values_list("page__path")
            aliases = Page.objects.filter(alias_of__isnull=False).values_list("path")
            paths = tuple(
                path
                for (path,) in restricted.order_by().union(aliases.order_by(), all=True)
            )
            cache.set(key, paths, fragment_seconds())
        request._page_cache_guarded_paths = paths
    return paths


def mark_cacheable(request, page) -> None:
    """Called for a Wagtail page about to be served (``before_serve_page``):
    a page behind a restriction, or below one, is never shared, neither
    whole nor in fragments. Where none can apply (nor an alias's), the page
    is told so: it then spares Wagtail's restriction check its two queries
    (``cms.translated.TranslatedPage.get_view_restrictions``)."""
    if fragment_seconds():
        shared = not any(page.path.startswith(path) for path in _guarded_paths(request))
        if shared:
            page.view_restrictions_ruled_out = True
            if request.method in ("GET", "HEAD"):
                request.fragment_cache_allowed = True
    else:
        shared = not any(page.path.startswith(path) for path in _restricted_paths())
    if settings.PAGE_CACHE_SECONDS and shared:
        request.page_cache_allowed = True


def fragment_seconds() -> int:
    """Seconds that fragments of public pages, and what routing to them
    reads, are kept (``FRAGMENT_CACHE_SECONDS``); 0: not at all. Only with a
    cache every process shares: an invalidation must reach them all."""
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)


def shared_key(request, kind: str, *parts) -> str:
    """A cache key for something shown or read by the public pages, under
    the generation in force: what empties the page cache empties these too.
    The day is part of it, as in the page cache's own keys."""
    digest = hashlib.md5(
        "\x1f".join(str(part) for part in parts).encode(), usedforsecurity=False
    ).hexdigest()
    return (
        f"page-cache:{kind}:{timezone.localdate():%Y%m%d}:{release()}:"
        f"{current_generation(request)}:{digest}"
    )


def fragment_key(request, name: str, *parts) -> str:
    """The key of a template fragment (``{% fragment %}`` in storefront_tags):
    its name, and what the page it belongs to varies by (address with its
    query string, host and scheme for absolute links, language)."""
    return shared_key(
        request,
        "fragment",
        name,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        get_language(),
        *parts,
    )


def _key(request) -> str:
    # The scheme is part of the key: a plain-HTTP request never meets the
    # HTTPS page and is redirected by the security middleware instead. So is
    # the day: pages show what is true today (lots expire, certifications
    # and agreements end at midnight), so no page outlives its day. So is the
    # release (core/release.py): no page outlives the code that made it.
    # The address is hashed: a long query string would otherwise make a key
    # longer than cache backends accept (memcached: 250 characters), and a
    # visitor could choose its length.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:{timezone.localdate():%Y%m%d}:{release()}:{digest}"


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
