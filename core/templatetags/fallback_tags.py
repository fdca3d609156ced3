"""Translated text marked with its language where it is not the page's
(core/fallback.py says why).

    <h1>{% translated page "title" %}</h1>
    <p class="lead"{% translated_attrs page "intro" %}>{{ page.intro }}</p>
    {% translated_attrs page "story" as block_lang %}  (StreamField blocks
        put {{ block_lang }} on their wrapper)
    {{ line.product_name|in_language:order.language }}  (a snapshot)
    {{ row.name|by_script }}  (text of unknown language: judged by its script)
    {{ row.name|marked_as:row.name_language }}  (text whose language a
        selector or a query told)
"""

from django import template

from core import fallback

register = template.Library()


@register.simple_tag
def translated(instance, field):
    """The field's text, in ``<span lang dir>`` when it fell back to another
    language than the page's."""
    if instance is None:
        return ""
    return fallback.translated_html(instance, field)


@register.simple_tag
def translated_attrs(instance, field):
    """`` lang=".." dir=".."`` for the element holding the field, or
    nothing when the field is in the page's language."""
    if instance is None:
        return ""
    return fallback.translated_attrs(instance, field)


@register.filter
def in_language(text, language):
    """A snapshot's text (an order line's product name), marked when the
    language it was taken in is not the page's."""
    return fallback.mark_inline(text, fallback.snapshot_language(text, language))


@register.filter
def language_of(text, language):
    """The attributes for an element holding a snapshot's text."""
    return fallback.language_attrs(fallback.snapshot_language(text, language))


@register.filter
def by_script(text):
    """Text whose language was not kept (a name read elsewhere with
    fallbacks): the page's language unless its script says otherwise."""
    return fallback.mark_inline(
        text, fallback.snapshot_language(text, fallback.page_language())
    )


@register.filter
def marked_as(text, language):
    """Text whose language is known (a query read it with the language
    its value came from): marked when that is not the page's."""
    return fallback.mark_inline(text, language)
