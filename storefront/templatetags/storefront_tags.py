from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core import page_cache
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
    # Asked twice a page (the switcher, the hreflang links): made once.
    memo_key = (page.pk if page is not None else None, current)
    memo = getattr(request, "_language_links", None)
    if memo is not None and memo[0] == memo_key:
        return memo[1]
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
    if request is not None:
        request._language_links = (memo_key, links)
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


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or not getattr(request, "fragment_cache_allowed", False):
            return self.nodelist.render(context)
        key = page_cache.fragment_key(
            request,
            self.name.resolve(context),
            # The template asked for (a page's, or 404.html if its view
            # gave up): its base's fragments are its own.
            getattr(context.template, "name", ""),
            *(value.resolve(context) for value in self.vary_on),
        )
        content = cache.get(key)
        if content is None:
            untouched = _nothing_of_the_visitor_read(request)
            content = self.nodelist.render(context)
            if untouched and _nothing_of_the_visitor_read(request):
                cache.set(key, content, page_cache.fragment_seconds())
        return mark_safe(content)  # noqa: S308 - rendered by this template


def _nothing_of_the_visitor_read(request) -> bool:
    """True while the rendering has read neither the session (so neither
    the signed-in user nor the cart), nor the CSRF token, nor the flash
    messages: what it made is then the same for every visitor."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return not (
        (session is not None and session.accessed)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(messages, "used", False)
    )


@register.tag
def fragment(parser, token):
    """``{% fragment "name" [value ...] %}...{% endfragment %}``: a part of a
    public page kept in the shared cache, for every visitor, under the
    page-cache generation (``core.page_cache.fragment_key``: what empties
    the page cache empties these too), the page's address and language, and
    any values given. Only on a Wagtail page that the page cache may share
    (``core.page_cache.mark_cacheable``); elsewhere, and when the part read
    anything of the visitor while it was made, it is rendered every time.
    Context values of the page are read lazily (``cms.models._later``), so
    a part found in the cache runs no query."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
    )


@register.filter
def in_minutes(delta) -> int:
    """A timedelta as whole minutes, at least one (the lock-out page)."""
    try:
        return max(1, round(delta.total_seconds() / 60))
    except AttributeError:
        return 1
