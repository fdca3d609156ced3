"""Page editor panels arranged by language, Arabic first.

wagtail-modeltranslation turns a panel of a translated field into one panel
per language, field after field (title ar, fr, en, then intro ar, fr, en...).
Editors write a page in Arabic, then perhaps translate it, so the editor
shows one section per language instead: the Arabic one (title, address and
that language's text) first, then the fields every language shares, then
French and English, each optional and said to fall back. Panels that name a
language's field (``title_ar``) are left as they are by wagtail-modeltranslation.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGES = [DEFAULT] + [
    code for code in settings.MODELTRANSLATION_LANGUAGES if code != DEFAULT
]
# As MODELTRANSLATION_FALLBACK_LANGUAGES has it.
FALLBACK_HELP = {
    "fr": _("Optional: what is left empty is shown in Arabic."),
    "en": _("Optional: what is left empty is shown in French, or else in Arabic."),
}


class LanguageSection(MultiFieldPanel):
    """One language's fields. A class of its own: wagtail-modeltranslation
    rebuilds every MultiFieldPanel it meets and would drop the help text."""


def _section(code: str, children: list) -> LanguageSection:
    return LanguageSection(
        children,
        heading=settings.LANGUAGE_AUTONYMS[code],
        help_text=FALLBACK_HELP.get(code, ""),
        classname=f"language-section language-{code}",
    )


def _fields(code: str, fields) -> list:
    return [FieldPanel(f"{name}_{code}") for name in fields]


def content_by_language(*fields: str, shared=()) -> list:
    """The content tab: each language's title, address and `fields` together.

    The Arabic section comes first, then the `shared` panels (images, dates,
    choices that every language shows), then French and English.
    """
    sections = []
    for code in LANGUAGES:
        children = [
            # No placeholder: in the admin's language, it would read
            # backwards in a right-to-left input; the label says it all.
            TitleFieldPanel(
                f"title_{code}", targets=[f"slug_{code}"], placeholder=False
            ),
            FieldPanel(f"slug_{code}"),
            *_fields(code, fields),
        ]
        sections.append(_section(code, children))
    first, *others = sections
    return [first, *shared, *others]


def promote_by_language() -> list:
    """The promote tab: each language's search-engine title and description."""
    return [
        *(
            _section(code, _fields(code, ("seo_title", "search_description")))
            for code in LANGUAGES
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
    ]
