from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from core import page_cache
from shop.services.consumer import legal_pages


def site_chrome(request):
    """What the header and footer need on every page: the menu (site
    root's children shown in menus) and the footer links (its other
    children: about, terms, privacy, contact). Kept in the cache under the
    page-cache generation, so publishing or moving a page renews it; read
    only if the template shows them (not when its fragment is cached)."""
    chrome = SimpleLazyObject(lambda: _chrome(request))
    return {
        name: SimpleLazyObject(lambda name=name: chrome[name])
        for name in ("menu_pages", "footer_pages", "site_root", "legal_pages")
    }


def _chrome(request) -> dict:
    site = Site.find_for_request(request)
    if site is None:
        return {
            "menu_pages": [],
            "footer_pages": [],
            "site_root": None,
            "legal_pages": [],
        }
    key = f"site-chrome:{site.pk}:{page_cache.current_generation(request)}"
    chrome = cache.get(key)
    if chrome is None:
        root = site.root_page
        children = list(Page.objects.child_of(root).live().public().order_by("path"))
        # The terms of sale and the privacy notice the site's settings name
        # (law 31-08 and 09-08), wherever they stand in the tree: linked
        # from every page, first among the footer's links.
        legal = [page for page in legal_pages(site).values() if page is not None]
        legal_ids = {page.pk for page in legal}
        chrome = {
            "menu_pages": [page for page in children if page.show_in_menus],
            "footer_pages": [
                page
                for page in children
                if not page.show_in_menus and page.pk not in legal_ids
            ],
            "site_root": root,
            "legal_pages": legal,
        }
        cache.set(key, chrome, 3600)
    return chrome
