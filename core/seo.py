"""Structured data and link metadata for search engines and link previews."""

import json

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

# Inside <script>, "</script>" or "<!--" in a value would end or break the
# element; escaping <, > and & keeps the JSON valid and inert.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

OG_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en_GB"}

# Search engines show about this much of a description under the title.
DESCRIPTION_LENGTH = 160
# Where a page keeps words about itself, best first: what the editor wrote
# for search engines, then the page's own summary (a model's `description`
# property), its introduction, the home page's hero text.
DESCRIPTION_FIELDS = ("search_description", "description", "intro", "hero_text")


def meta_description(page) -> str:
    """The page's own words for <meta name="description">, in the active
    language (translated fields follow it), cut at a word near 160 characters."""
    specific = page.specific
    for name in DESCRIPTION_FIELDS:
        text = " ".join(strip_tags(str(getattr(specific, name, "") or "")).split())
        if text:
            return shorten(text, DESCRIPTION_LENGTH)
    return ""


def shorten(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.،؛") + "…"


def ld_json(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped above


def organization_ld(page, request) -> SafeString:
    """schema.org Organization for a cooperative page. No bank or private data."""
    cooperative = page.cooperative
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": cooperative.name,
        "url": request.build_absolute_uri(page.get_url(request)),
        "foundingDate": str(cooperative.year_founded),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": cooperative.commune,
            "addressRegion": cooperative.province.name,
            "addressCountry": "MA",
        },
    }
    if cooperative.summary:
        data["description"] = cooperative.summary
    if cooperative.email:
        data["email"] = cooperative.email
    if cooperative.phone:
        data["telephone"] = cooperative.phone
    if page.image_id:
        rendition = page.image.get_rendition("fill-640x400")
        data["image"] = request.build_absolute_uri(rendition.url)
    return ld_json(data)


def product_ld(page, request, variants) -> SafeString:
    """schema.org Product with one Offer per variant, prices in MAD."""
    product = page.product
    url = request.build_absolute_uri(page.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description,
        "category": product.category.name,
        "brand": {"@type": "Organization", "name": product.cooperative.name},
        "url": url,
        "offers": [
            {
                "@type": "Offer",
                "sku": variant.sku,
                "name": variant.label,
                "price": f"{variant.price // 100}.{variant.price % 100:02d}",
                "priceCurrency": "MAD",
                "availability": "https://schema.org/InStock"
                if variant.stock > 0
                else "https://schema.org/OutOfStock",
                "url": url,
            }
            for variant in variants
        ],
    }
    if page.image_id:
        rendition = page.image.get_rendition("fill-800x800")
        data["image"] = request.build_absolute_uri(rendition.url)
    return ld_json(data)
