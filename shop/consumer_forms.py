"""The buyer's withdrawal form (law 31-08): which units of a delivered
order go back, and why."""

import secrets

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core import fallback
from shop.forms import no_control_characters
from shop.models import WithdrawalReason


class WithdrawalForm(forms.Form):
    """One quantity field per line that can still be withdrawn (`lines`:
    [(order line, units left)]), the reason and a comment. The form's
    one-time token makes a second sending find the request it made."""

    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("Choose a reason")), *WithdrawalReason.choices],
        error_messages={"required": _("Please choose a reason.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=1000,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: anything that helps us handle the return."),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, lines, **kwargs):
        kwargs.setdefault("initial", {}).setdefault(
            "form_token", secrets.token_urlsafe(32)
        )
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line, left in lines:
            self.fields[self.line_field(line)] = forms.IntegerField(
                label=self.line_label(line),
                min_value=0,
                max_value=left,
                initial=0,
                required=False,
                help_text=_("Up to %(count)s") % {"count": left},
                error_messages={
                    "max_value": _("At most %(limit_value)s can be returned."),
                    "min_value": _("Please enter 0 or more."),
                    "invalid": _("Please enter a whole number."),
                },
            )

    @staticmethod
    def line_label(line):
        """The line's product and variant, each marked with its language
        where it is not the page's (snapshots in the order's language)."""
        language = line.order.language
        return format_html(
            "{} ({})",
            *(
                fallback.mark_inline(text, fallback.snapshot_language(text, language))
                for text in (line.product_name, line.variant_label)
            ),
        )

    @staticmethod
    def line_field(line) -> str:
        return f"line-{line.pk}"

    def line_fields(self):
        return [self[self.line_field(line)] for line, _left in self.lines]

    def quantities(self) -> dict[int, int]:
        return {
            line.pk: self.cleaned_data.get(self.line_field(line)) or 0
            for line, _left in self.lines
        }

    def clean(self):
        data = super().clean()
        if not self.errors and not any(self.quantities().values()):
            raise forms.ValidationError(
                _("Please give the quantity of at least one product to return.")
            )
        return data
