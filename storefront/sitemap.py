"""sitemap.xml: every live public page in every language, with hreflang links."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page, Site


def sitemap(request):
    site = Site.find_for_request(request)
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .order_by("path")
        if site
        else Page.objects.none()
    )
    languages = [code for code, _name in settings.LANGUAGES]
    entries = []
    for page in pages:
        urls = {}
        for language in languages:
            with translation.override(language):
                url = page.get_url(request)
            if url:
                urls[language] = request.build_absolute_uri(url)
        for url in urls.values():
            entries.append(
                {
                    "loc": url,
                    "lastmod": page.last_published_at,
                    "alternates": urls,
                    "x_default": urls.get(settings.LANGUAGE_CODE),
                }
            )
    xml = render_to_string("sitemap.xml", {"entries": entries})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
