"""The page editor's form: inputs in their language's direction, and a clear
answer when a page's address is already taken."""

import re

from django.conf import settings
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGES = settings.MODELTRANSLATION_LANGUAGES
# The language a form field is written in: title_ar, intro_fr.
LANGUAGE_SUFFIX = re.compile(r"_({})$".format("|".join(LANGUAGES)))


def field_language(name: str) -> str | None:
    match = LANGUAGE_SUFFIX.search(name)
    return match.group(1) if match else None


def language_attrs(code: str) -> dict:
    """lang and dir for an input holding text in that language."""
    return {"lang": code, "dir": "rtl" if get_language_info(code)["bidi"] else "ltr"}


class TranslatedPageForm(WagtailAdminPageForm):
    """Every Arabic input writes right to left, French and English left to
    right, whatever the admin's own language; rich text, StreamField blocks
    and inline panels, drawn in the browser, get the same from
    cms/static/cms/admin/field-direction.js.

    A page's address must be free among its siblings in every language. The
    usual cause of a clash is a draft saved by an earlier, interrupted try:
    the error says so, in the editor's language, next to the address field
    of the language concerned, and links to that page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            code = field_language(name)
            if code:
                field.widget.attrs.update(language_attrs(code))

    def clean(self):
        cleaned_data = super().clean()
        self._check_addresses(cleaned_data)
        return cleaned_data

    def _check_addresses(self, cleaned_data):
        fields = [f"slug_{code}" for code in LANGUAGES]
        if self.parent_page is None or not all(f in self.fields for f in fields):
            return
        own = {code: cleaned_data.get(f"slug_{code}") for code in LANGUAGES}
        if not own[DEFAULT]:
            return
        siblings = self.parent_page.get_children()
        if self.instance.pk:
            siblings = siblings.not_page(self.instance)
        siblings = list(siblings.values("pk", "draft_title", "live", *fields))
        for code in LANGUAGES:
            field = f"slug_{code}"
            # A language without its own slug is at the Arabic one's address:
            # a clash there is already said next to the Arabic slug.
            if field in self.errors or (
                not own[code] and self.has_error(f"slug_{DEFAULT}")
            ):
                continue
            address = own[code] or own[DEFAULT]
            for sibling in siblings:
                if address == (sibling[f"slug_{code}"] or sibling[f"slug_{DEFAULT}"]):
                    self.add_error(field, self._taken(sibling))
                    break

    def _taken(self, sibling: dict):
        url = reverse("wagtailadmin_pages:edit", args=(sibling["pk"],))
        if sibling["live"]:
            message = _(
                "The page “%(title)s” already has this address. Choose another address."
            )
        else:
            message = _(
                "A draft already has this address: “%(title)s”, perhaps saved "
                "by an earlier try. Continue that draft, or choose another "
                "address."
            )
        # The title may be in another script than the sentence: isolated.
        title = format_html("<bdi>{}</bdi>", sibling["draft_title"])
        text = mark_safe(conditional_escape(message) % {"title": title})  # noqa: S308
        return format_html('{} <a href="{}">{}</a>', text, url, _("Open that page"))
