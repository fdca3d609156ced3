from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import NativeDateInput
from shop.models.sessions import SessionChannel


class SessionOpenForm(forms.Form):
    channel = forms.ChoiceField(label=_("channel"), choices=SessionChannel.choices)
    place = forms.CharField(label=_("place"), max_length=120)
    date = forms.DateField(label=_("date"), widget=NativeDateInput())


class CloseForm(forms.Form):
    """One count per device and payment method that made sales, in MAD."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[self.field_name(row)] = forms.DecimalField(
                min_value=0, max_digits=9, decimal_places=2, localize=True
            )

    @staticmethod
    def field_name(row) -> str:
        return f"count-{row.device_id}-{row.payment_method}"

    def counted(self) -> dict:
        """{(device id, method): centimes} of a valid form."""
        return {
            (str(row.device_id), row.payment_method): int(
                self.cleaned_data[self.field_name(row)] * 100
            )
            for row in self.rows
        }
