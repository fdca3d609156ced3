from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from core import page_cache


def site_chrome(request):
    """What the header and footer need on every page: the menu (site
    root's children shown in menus) and the footer links (its other
    children: about, terms, privacy, contact). Kept in the cache under the
    page-cache generation, so publishing or moving a page renews it; read
    only if the template shows them (not when its fragment is cached)."""
    chrome = SimpleLazyObject(lambda: _chrome(request))
    return {
        name: SimpleLazyObject(lambda name=name: chrome[name])
        for name in ("menu_pages", "footer_pages", "site_root")
    }


def _chrome(request) -> dict:
    site = Site.find_for_request(request)
    if site is None:
        return {"menu_pages": [], "footer_pages": [], "site_root": None}
    key = f"site-chrome:{site.pk}:{page_cache.current_generation(request)}"
    chrome = cache.get(key)
    if chrome is None:
        root = site.root_page
        children = list(Page.objects.child_of(root).live().public().order_by("path"))
        chrome = {
            "menu_pages": [page for page in children if page.show_in_menus],
            "footer_pages": [page for page in children if not page.show_in_menus],
            "site_root": root,
        }
        cache.set(key, chrome, 3600)
    return chrome
