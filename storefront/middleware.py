import re
from urllib.parse import unquote_plus

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.middleware.locale import LocaleMiddleware
from wagtail.models import Site

from core import page_cache

# A first path segment shaped like a language code ("de", "pt-br"); three
# letters are words of our own URLs ("lot"), not languages we are asked for.
_LANGUAGE_SHAPED = re.compile(r"^/([a-z]{2}(?:[-_][a-z0-9]{2,8})?)(?:/|$)", re.I)


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus one redirect.

    Every page lives under /ar/, /fr/ or /en/. For a path that matches no
    URL, LocaleMiddleware tries again with the visitor's language in front,
    and since Wagtail's catch-all accepts any path, "/de/" would be sent to
    "/ar/de/". A path that starts with a language code we do not serve is a
    plain 404 instead.
    """

    def process_response(self, request, response):
        if response.status_code == 404:
            match = _LANGUAGE_SHAPED.match(request.path_info)
            supported = {code for code, _name in settings.LANGUAGES}
            if match and match.group(1).lower() not in supported:
                return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with one allowance for the Wagtail admin.

    The public site runs under the strict policy of CONTENT_SECURITY_POLICY
    (no inline script or style). Wagtail's page and snippet editors still
    write inline scripts for their widgets, so under /admin/ inline script
    and style are allowed; everything else (sources, frames, forms) stays as
    strict. Editors are signed-in staff behind the lock-out. Through
    django-csp's extension point, get_policy_parts."""

    ADMIN_PREFIX = "/admin/"
    ADMIN_ALLOWANCE = {
        "script-src": ["'unsafe-inline'"],
        "style-src": ["'unsafe-inline'"],
    }

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(self.ADMIN_PREFIX):
            update = {**(parts.update or {})}
            for directive, sources in self.ADMIN_ALLOWANCE.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts


class CachedSiteMiddleware:
    """Wagtail looks up the Site for the request's host in the database on
    every request. Keep it in the cache under the page-cache generation
    (saving a Site starts a new one). Wagtail keeps the site it found on
    the request as ``_wagtail_site``; if that ever changes, this only stops
    saving the query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = f"site:{request.get_host()}"
        if getattr(request, "page_cache_generation", None) is None:
            # The generation and the site in one trip to the cache.
            found = cache.get_many([page_cache.GENERATION_KEY, key])
            if page_cache.GENERATION_KEY in found:
                request.page_cache_generation = found[page_cache.GENERATION_KEY]
            entry = found.get(key)
        else:
            entry = cache.get(key)
        generation = page_cache.current_generation(request)
        if entry is not None and entry[0] == generation:
            request._wagtail_site = entry[1]
            return self.get_response(request)
        response = self.get_response(request)
        # Looked up by whatever needed it (page, menu, sitemap): keep it.
        site = getattr(request, "_wagtail_site", None)
        if isinstance(site, Site):
            cache.set(key, (generation, self._as_stored(site)), 3600)
        return response

    @staticmethod
    def _as_stored(site):
        """The site read again, with its root page in its own class, where
        routing starts (once a generation): what this request left on the
        objects it used (related objects it read, flags of the page served)
        is not shared with the next ones."""
        stored = Site.objects.select_related("root_page").get(pk=site.pk)
        stored.root_page.specific  # noqa: B018 - read now, kept with the site
        return stored


# Control characters no form, path or query of ours has a use for: NUL
# (which PostgreSQL refuses in text, so it made 500s wherever it reached a
# query), and the other C0 controls but tab and line breaks, and DEL.
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


class InvalidCharactersMiddleware:
    """One place that answers 400 to a request whose path, query string or
    form fields (names and values) carry invalid characters, before any view
    or query sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._invalid(request):
            raise BadRequest("Invalid characters in the request.")
        return self.get_response(request)

    @staticmethod
    def _invalid(request) -> bool:
        if _INVALID.search(request.path) or _INVALID.search(
            unquote_plus(request.META.get("QUERY_STRING", ""))
        ):
            return True
        if request.method == "POST" and request.content_type in _FORMS:
            for key, values in request.POST.lists():
                if _INVALID.search(key) or any(_INVALID.search(v) for v in values):
                    return True
            for upload in request.FILES.values():
                if _INVALID.search(upload.name or ""):
                    return True
        return False
