"""Routing a URL to a page with one indexed query per path segment.

wagtail-modeltranslation replaces ``Page.route`` with a version that loads
every child of each page on the path and compares slugs in Python.
With hundreds of products that is hundreds of rows per request. This
``route``, which ``CmsConfig.ready`` puts back on every cms page class,
asks the database for the one child whose slug matches, in the active
language or, where that language has no slug, in the default language
(Arabic): the rule by which wagtail-modeltranslation builds each
language's ``url_path``, so that every URL the site links to is found.
Pages on the way are not turned into their specific class (one query
each) unless they route differently; only the page served is. Where the
cache is shared (``FRAGMENT_CACHE_SECONDS``), the page a path leads to is
kept there, under the page-cache generation: then no query at all.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core import page_cache


def _slug_match(slug: str) -> Q:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    match = Q(**{f"slug_{language}": slug})
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if language != default:
        empty = Q(**{f"slug_{language}": ""}) | Q(**{f"slug_{language}__isnull": True})
        match |= empty & Q(**{f"slug_{default}": slug})
    return match


def route(self, request, path_components):
    if path_components and page_cache.fragment_seconds():
        # Wagtail found the site before routing from its root (and keeps
        # it on the request: asking again costs nothing).
        site = Site.find_for_request(request)
        if site is not None and site.root_page_id == self.pk:
            return _cached_route(self, request, path_components)
    return _route(self, request, path_components)


def _cached_route(root, request, path_components):
    """The page a path leads to, kept in the shared cache under the
    page-cache generation (which publishing, unpublishing, moving or saving
    any page renews) and the language: a page served again is routed with
    no query. Only plain page results are kept, never a 404."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    key = page_cache.shared_key(
        request, "route", root.pk, language, "/".join(path_components)
    )
    page = cache.get(key)
    if page is not None:
        return RouteResult(page)
    result = _route(root, request, path_components)
    page, args, kwargs = result
    if not args and not kwargs and page.live:
        cache.set(key, page, page_cache.fragment_seconds())
    return result


def _route(self, request, path_components):
    if not path_components:
        if self.live:
            return RouteResult(self)
        raise Http404
    slug, remaining = path_components[0], path_components[1:]
    # Several children could match through the fallback; the one
    # whose own-language slug matches comes first (then tree order).
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    # Only what routing reads: the page served is then loaded in full, as
    # its specific class, by `.specific`.
    children = (
        Page.objects.child_of(self)
        .filter(_slug_match(slug))
        .only("id", "path", "depth", "live", "content_type", f"slug_{language}")
    )
    child = None
    for candidate in children.order_by("path")[:5]:
        if getattr(candidate, f"slug_{language}") == slug:
            child = candidate
            break
        child = child or candidate
    if child is None:
        raise Http404
    if remaining and getattr(child.specific_class, "route", None) is route:
        return _route(child, request, remaining)
    return child.specific.route(request, remaining)
