from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import Page

register = template.Library()


def _url_in(language: str, request, page: Page | None) -> str:
    if page is not None and page.pk:
        with translation.override(language):
            url = page.get_url(request=request)
        if url:
            return url
    return translate_url(request.get_full_path(), language)


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the page being shown, in each of the other languages."""
    request = context.get("request")
    page = context.get("page") if isinstance(context.get("page"), Page) else None
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
    return {"links": links}
