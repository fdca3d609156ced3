"""Form widgets every app may use."""

from django import forms


class NativeDateInput(forms.DateInput):
    """The browser's own date picker (`<input type="date">`). Its value must
    be ISO (YYYY-MM-DD) whatever the language: a date written in the
    active locale's format (31/12/2026) would show as an empty field."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
