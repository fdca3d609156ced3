from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cooperatives.validators import normalise_digits, validate_ice
from shop.forms import no_control_characters
from shop.models.catalog import MAX_STOCK
from shop.places import country_choices
from trade.models import MAX_TERMS_DAYS, ClientGroup

QUICK_ORDER_ROWS = 8


class ApplyForm(forms.Form):
    company_name = forms.CharField(
        label=_("Company name"), max_length=150, validators=[no_control_characters]
    )
    ice = forms.CharField(
        label=_("ICE"),
        max_length=25,
        help_text=_("15 digits, on the company's invoices and tax documents."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_control_characters],
    )
    city = forms.CharField(
        label=_("City"), max_length=80, validators=[no_control_characters]
    )
    country = forms.ChoiceField(label=_("Country"))
    contact_name = forms.CharField(
        label=_("Contact person"), max_length=120, validators=[no_control_characters]
    )
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"dir": "ltr"})
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
        validators=[no_control_characters],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices(get_language() or "ar")
        self.fields["country"].initial = "MA"

    def clean_ice(self):
        ice = normalise_digits(self.cleaned_data["ice"])
        validate_ice(ice)
        return ice


class QuickOrderRow(forms.Form):
    sku = forms.CharField(
        label=_("SKU"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"dir": "ltr", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    quantity = forms.IntegerField(
        label=_("Quantity"),
        required=False,
        min_value=1,
        max_value=MAX_STOCK,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "1"}),
    )

    def clean(self):
        data = super().clean()
        sku = (data.get("sku") or "").strip().upper()
        data["sku"] = sku
        if sku and data.get("quantity") is None and "quantity" not in self.errors:
            self.add_error("quantity", _("Enter a quantity."))
        if not sku and data.get("quantity") is not None:
            self.add_error("sku", _("Enter the SKU of this row."))
        return data


QuickOrderFormSet = forms.formset_factory(
    QuickOrderRow, extra=0, min_num=1, max_num=50, absolute_max=50
)


class QuoteNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for our team (delivery, deadline)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ApproveForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Client group"), queryset=ClientGroup.objects.all()
    )
    payment_terms_days = forms.IntegerField(
        label=_("Payment terms (days)"),
        min_value=0,
        validators=[MaxValueValidator(MAX_TERMS_DAYS)],
    )
    member_emails = forms.CharField(
        label=_("Members' emails"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: customer accounts that buy for this company. The "
            "applicant's account is linked anyway."
        ),
    )

    def clean_member_emails(self):
        emails = [
            line.strip()
            for line in self.cleaned_data["member_emails"].splitlines()
            if line.strip()
        ]
        field = forms.EmailField()
        for email in emails:
            field.clean(email)
        return tuple(emails)
