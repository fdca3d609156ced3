from django.http import Http404
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase


class TranslatedPageTestCase(WagtailPageTestCase):
    """WagtailPageTestCase for a site whose URLs start with a language code.

    Wagtail's routing check walks the whole URL from the site root, but Django
    strips the /ar/, /fr/ or /en/ prefix before Wagtail sees the path.
    """

    def assertPageIsRoutable(self, page, route_path="/", msg=None):  # noqa: N802
        path = page.get_url(self.dummy_request)
        prefix = f"/{translation.get_language()}/"
        assert path.startswith(prefix), f"{path} has no {prefix} prefix"
        components = [part for part in path[len(prefix) :].split("/") if part]
        try:
            routed = page.get_site().root_page.specific.route(
                self.dummy_request, components
            )
        except Http404 as error:
            raise self.failureException(
                msg or f"{path} does not route to {page!r}"
            ) from error
        assert routed.page.pk == page.pk, msg or f"{path} routes to {routed.page!r}"
