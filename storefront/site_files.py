"""The files browsers and crawlers ask every site for: /robots.txt,
/favicon.ico and the web app manifest (one per language)."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Theme colours of static/css/site.css: the header's sand, the page's paper.
THEME_COLOR = "#f3e6cf"
BACKGROUND_COLOR = "#fffaf2"

# Pages of one visitor (cart, checkout, orders, account) and the cooperative
# portal are of no use in a search engine; neither are the admin and the
# webhook. Everything else is public and listed in the sitemap.
_PRIVATE_URL_NAMES = (
    "shop:cart",
    "shop:checkout",
    "shop:account",
    "portal:dashboard",
)


def _private_paths() -> list[str]:
    paths = ["/admin/", "/payments/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [reverse(name) for name in _PRIVATE_URL_NAMES]
            paths.append(f"/{code}/orders/")
    return paths


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in _private_paths()]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


@require_GET
@cache_control(max_age=86400, public=True)
def web_manifest(request):
    """The web app manifest in the language of its URL."""
    language = translation.get_language()
    info = translation.get_language_info(language)
    icons = [
        {"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    manifest = {
        "name": _("Tadamon, solidarity shop"),
        "short_name": _("Tadamon"),
        "description": _(
            "Products of Moroccan cooperatives, sold on consignment. Each "
            "cooperative receives its net result for every sale."
        ),
        "lang": language,
        "dir": "rtl" if info["bidi"] else "ltr",
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "browser",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def favicon_ico(request):
    """Browsers ask /favicon.ico whatever the page says."""
    return redirect(static("icons/favicon.ico"), permanent=True)
