from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.seo import DESCRIPTION_LENGTH, OG_LOCALES, meta_description, shorten

register = template.Library()

SITE_DESCRIPTION = _(
    "Products of Moroccan cooperatives, sold on consignment. Each cooperative "
    "receives its net result for every sale."
)


def _url_in(language: str, request, page: Page | None) -> str:
    """The URL of what is being shown, in another language."""
    if page is not None and page.pk:
        with translation.override(language):
            url = page.get_url(request=request)
        if url:
            return url
    return translate_url(request.get_full_path(), language)


def _current_page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


def language_links(context) -> list[dict]:
    request = context.get("request")
    page = _current_page(context)
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": _url_in(code, request, page) if request else f"/{code}/",
                "current": code == current,
                "dir": "rtl" if info["bidi"] else "ltr",
            }
        )
    return links


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the page being shown, in each of the other languages."""
    return {"links": language_links(context)}


@register.inclusion_tag("components/seo_head.html", takes_context=True)
def seo_head(context):
    """Canonical URL, hreflang alternates and OpenGraph tags."""
    request = context.get("request")
    if request is None:
        return {}
    page = _current_page(context)
    links = language_links(context)
    absolute = {link["code"]: request.build_absolute_uri(link["url"]) for link in links}
    current = translation.get_language()
    # Pages that are not CMS pages (search, cart, sign-in) say what the
    # shop is.
    description = shorten(str(SITE_DESCRIPTION), DESCRIPTION_LENGTH)
    image_url = ""
    if page is not None:
        specific = page.specific
        description = meta_description(page) or description
        image = getattr(specific, "image", None) or getattr(
            specific, "hero_image", None
        )
        if image is not None:
            image_url = request.build_absolute_uri(
                image.get_rendition("fill-1200x630").url
            )
    return {
        "canonical": absolute.get(current, request.build_absolute_uri()),
        "alternates": absolute,
        "x_default": absolute.get(settings.LANGUAGE_CODE),
        "title": (page.seo_title or page.title) if page is not None else "",
        "description": description,
        "image_url": image_url,
        "og_locale": OG_LOCALES.get(current, current),
        "og_type": "article" if page is not None and page.depth > 2 else "website",
        "noindex": request.GET.urlencode() != "",
    }


@register.filter
def in_minutes(delta) -> int:
    """A timedelta as whole minutes, at least one (the lock-out page)."""
    try:
        return max(1, round(delta.total_seconds() / 60))
    except AttributeError:
        return 1
