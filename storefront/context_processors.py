from wagtail.models import Page, Site


def site_chrome(request):
    """What the header and footer need on every page, in one query:
    the menu (site root's children shown in menus) and the footer links
    (its other children: about, terms, privacy, contact)."""
    site = Site.find_for_request(request)
    if site is None:
        return {"menu_pages": [], "footer_pages": [], "site_root": None}
    root = site.root_page
    children = list(Page.objects.child_of(root).live().public().order_by("path"))
    return {
        "menu_pages": [page for page in children if page.show_in_menus],
        "footer_pages": [page for page in children if not page.show_in_menus],
        "site_root": root,
    }
