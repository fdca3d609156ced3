import phonenumbers
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from shop.models import DeliveryMethod
from shop.payments import available_providers
from shop.places import CITY_KEYS, city_choices, country_choices


class CheckoutForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        help_text=_("The courier calls this number. Abroad: start with +."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    country = forms.ChoiceField(label=_("Country"))
    city = forms.ChoiceField(label=_("City in Morocco"), required=False)
    city_abroad = forms.CharField(
        label=_("City (outside Morocco)"), max_length=80, required=False
    )
    address_line = forms.CharField(label=_("Address"), max_length=255)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    delivery_method = forms.ModelChoiceField(
        label=_("Delivery"),
        queryset=DeliveryMethod.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    payment_method = forms.ChoiceField(label=_("Payment"), widget=forms.RadioSelect)
    discount_code = forms.CharField(
        label=_("Discount code"), max_length=30, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language()
        self.fields["country"].choices = country_choices(language)
        self.fields["city"].choices = [
            ("", _("Choose your city")),
            *city_choices(language),
        ]
        self.fields["delivery_method"].queryset = DeliveryMethod.objects.filter(
            is_active=True
        )
        self.fields["payment_method"].choices = [
            (provider.code, provider.label) for provider in available_providers()
        ]
        autocomplete = {
            "email": "email",
            "phone": "tel",
            "full_name": "name",
            "country": "country",
            "city_abroad": "address-level2",
            "address_line": "street-address",
            "postal_code": "postal-code",
        }
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["phone"].widget.input_type = "tel"

    def clean_phone(self):
        raw = self.cleaned_data["phone"]
        try:
            number = phonenumbers.parse(raw, "MA")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(
                _("Please enter a valid phone number, such as 06 12 34 56 78.")
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean(self):
        data = super().clean()
        country = data.get("country")
        if country == "MA":
            if data.get("city") not in CITY_KEYS:
                self.add_error("city", _("Please choose your city."))
            else:
                data["city_key"] = data["city"]
        elif country:
            if not (data.get("city_abroad") or "").strip():
                self.add_error("city_abroad", _("Please enter your city."))
            else:
                data["city_key"] = data["city_abroad"].strip()
        method = data.get("delivery_method")
        if method and country and "city_key" in data:
            if not method.serves(country=country, city=data["city_key"]):
                self.add_error(
                    "delivery_method",
                    _("This delivery method does not serve your address."),
                )
        return data

    def details_dict(self) -> dict:
        data = self.cleaned_data
        return {
            "email": data["email"],
            "phone": data["phone"],
            "full_name": data["full_name"],
            "address_line": data["address_line"],
            "city": data["city_key"],
            "postal_code": data.get("postal_code", ""),
            "country": data["country"],
            "delivery_method_id": data["delivery_method"].pk,
            "payment_method": data["payment_method"],
            "discount_code": data.get("discount_code", ""),
        }

    @classmethod
    def initial_from(cls, details: dict) -> dict:
        initial = dict(details)
        initial["delivery_method"] = details.get("delivery_method_id")
        if details.get("country") == "MA":
            initial["city"] = details.get("city")
        else:
            initial["city_abroad"] = details.get("city")
        return initial


class ReviewForm(forms.Form):
    accept_terms = forms.BooleanField(
        label=_("I have read and accept the terms of sale."),
        error_messages={"required": _("Please accept the terms of sale.")},
    )
    # One per review page shown: placing the order stores it, so the same
    # form sent twice leads to the order it placed.
    checkout_token = forms.CharField(
        widget=forms.HiddenInput, max_length=64, required=False
    )


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        min_length=10,
    )
