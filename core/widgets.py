"""Form widgets every app may use."""

from django import forms


class NativeDateInput(forms.DateInput):
    """The browser's own date picker (`<input type="date">`). Its value must
    be ISO (YYYY-MM-DD) whatever the language: a date written in the
    active locale's format (31/12/2026) would show as an empty field."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LanguageMarkedSelect(forms.Select):
    """A select whose options say their text's language where it is not the
    page's (core.fallback): on a French page, the option naming a
    cooperative named only in Arabic reads ``lang="ar" dir="rtl"``.

    ``languages`` maps an option's value to the language of its text (as
    ``fallback.shown_language`` gave it when the choices were read)."""

    def __init__(self, attrs=None, choices=(), languages=None):
        super().__init__(attrs, choices)
        self.languages = dict(languages or {})

    def create_option(self, name, value, *args, **kwargs):
        from core import fallback

        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"].update(
            fallback.language_attr_dict(self.languages.get(str(value)))
        )
        return option
