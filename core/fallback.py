"""Which language a translated text is really in, and how to say so in HTML.

A translated field read in a language it has no text in shows another
language's text (settings.MODELTRANSLATION_FALLBACK_LANGUAGES): a French page
shows the Arabic name of a product only named in Arabic. Unmarked, a screen
reader reads that Arabic with a French voice and the bidi algorithm lays its
punctuation and numbers out left to right. This module is the one place that
knows which language a value came from (the same resolution order as
modeltranslation's own descriptor) and that writes the ``lang`` and ``dir``
the shown text needs, only when it differs from the page's language.

Snapshots (an order line's product name) keep no per-field languages: the
order keeps the language it was placed in, and the text's own script corrects
it when the snapshot itself was a fallback (see ``snapshot_language``).
"""

import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info
from modeltranslation import settings as mt_settings
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, resolution_order
from modeltranslation.utils import get_language as mt_language

# Arabic letters (the Arabic blocks and presentation forms) and Latin ones.
_ARABIC = re.compile(
    r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def page_language() -> str:
    """The language the page is written in (its ``<html lang>``)."""
    return (get_language() or "").split("-")[0]


def is_bidi(language: str) -> bool:
    try:
        return bool(get_language_info(language)["bidi"])
    except KeyError:
        return False


def shown_language(instance, field: str) -> str | None:
    """The language of the text ``getattr(instance, field)`` shows now: the
    page's own, or the fallback modeltranslation took. None when the field is
    not translated (its text has no known language) or empty everywhere."""
    # __class__, not type(): a lazy context value (SimpleLazyObject) answers
    # with the class of the object it stands for.
    descriptor = getattr(instance.__class__, field, None)
    if not isinstance(descriptor, TranslationFieldDescriptor):
        return None
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    for language in resolution_order(mt_language(), descriptor.fallback_languages):
        value = getattr(instance, build_localized_fieldname(field, language), None)
        if descriptor.meaningful_value(value, undefined):
            return language
    return None


def snapshot_language(text: str, language: str) -> str:
    """The language of a snapshot taken in ``language`` (an order line's
    product name, frozen in the order's language).

    The snapshot was itself read with fallbacks: a French order of a product
    named only in Arabic froze the Arabic name. The script tells: Arabic
    letters and no Latin ones are Arabic; Latin letters and none Arabic in a
    snapshot taken in a right-to-left language are the first left-to-right
    language that language falls back to."""
    language = (language or "").split("-")[0]
    if not text:
        return language
    arabic, latin = bool(_ARABIC.search(text)), bool(_LATIN.search(text))
    if arabic and not latin and not is_bidi(language):
        return "ar"
    if latin and not arabic and is_bidi(language):
        for candidate in resolution_order(language):
            if candidate in mt_settings.AVAILABLE_LANGUAGES and not is_bidi(candidate):
                return candidate
    return language


def language_attrs(language: str | None) -> SafeString:
    """`` lang="ar" dir="rtl"`` for text in ``language`` on this page, or
    nothing when it is the page's own language (or unknown)."""
    if not language or language == page_language():
        return mark_safe("")  # noqa: S308 (a constant)
    direction = "rtl" if is_bidi(language) else "ltr"
    return format_html(' lang="{}" dir="{}"', language, direction)


def language_attr_dict(language: str | None) -> dict[str, str]:
    """The same attributes as a dictionary, for what is not written in a
    template: a form widget's options, a JSON payload a script marks."""
    if not language or language == page_language():
        return {}
    return {"lang": language, "dir": "rtl" if is_bidi(language) else "ltr"}


def mark_inline(text, language: str | None) -> SafeString:
    """``text`` escaped, inside ``<span lang dir>`` when its language is not
    the page's. A span with ``dir`` is isolated from the text around it."""
    attrs = language_attrs(language)
    if text in (None, ""):
        return mark_safe("")  # noqa: S308 (a constant)
    if not attrs:
        return conditional_escape(text)
    return format_html("<span{}>{}</span>", attrs, text)


def translated_html(instance, field: str) -> SafeString:
    """The field as the page shows it, marked when it is a fallback."""
    return mark_inline(getattr(instance, field), shown_language(instance, field))


def translated_attrs(instance, field: str) -> SafeString:
    """The ``lang``/``dir`` attributes for the block element holding the
    field (rich text, a StreamField, a paragraph of its own)."""
    return language_attrs(shown_language(instance, field))
