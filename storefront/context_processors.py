from wagtail.models import Page, Site


def site_chrome(request):
    """What the header and footer need on every page: menu and site root.

    One query for the menu, whatever the number of entries.
    """
    site = Site.find_for_request(request)
    if site is None:
        return {"menu_pages": [], "site_root": None}
    root = site.root_page
    menu = Page.objects.child_of(root).live().public().in_menu().specific()
    return {"menu_pages": list(menu), "site_root": root}
