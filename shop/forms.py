import re
import secrets
import unicodedata

import phonenumbers
from django import forms
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from shop.models import DeliveryMethod, Order
from shop.models.delivery import DeliveryZone
from shop.payments import available_providers
from shop.payments.cod import CashOnDelivery
from shop.places import country_choices, province_choices, province_region


def no_control_characters(value: str) -> None:
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise forms.ValidationError(
            _("Please remove the special characters from this field.")
        )


class ProvinceSelect(forms.Select):
    """Each province names its region, for static/js/places.js to show the
    delivery methods of the narrowest zone, as the server will price it."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["data-region"] = province_region(str(value))
        return option


# What store pick-up does not ask for: the server ignores these fields when
# the buyer collects the order (the page hides them with static/js/pickup.js).
ADDRESS_FIELDS = ("country", "province", "city", "address_line", "postal_code")
STORE_COUNTRY = "MA"


class CheckoutForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_(
            "For your confirmation. Optional if you pay cash on delivery: "
            "we reach you by phone."
        ),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        help_text=_("The courier calls this number. Abroad: start with +."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    country = forms.ChoiceField(label=_("Country"))
    province = forms.ChoiceField(
        label=_("Province or prefecture (Morocco)"),
        required=False,
        widget=ProvinceSelect,
        help_text=_("It sets the price of home delivery."),
    )
    city = forms.CharField(
        label=_("Town or village"),
        max_length=80,
        validators=[no_control_characters],
        error_messages={"required": _("Please enter your town or village.")},
        help_text=_(
            "Type a few letters and choose it from the list, or write it in full."
        ),
    )
    address_line = forms.CharField(
        label=_("Address"), max_length=255, validators=[no_control_characters]
    )
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
    # Law 09-08: consent asked where the data is collected (17c); the page
    # links the label to the privacy notice.
    privacy_consent = forms.BooleanField(
        label=_(
            "I agree to my personal data being processed to handle my order, "
            "as the privacy notice describes."
        ),
        error_messages={
            "required": _("Please agree to the processing of your personal data.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language()
        self.fields["country"].choices = country_choices(language)
        self.fields["province"].choices = [
            ("", _("Choose your province or prefecture")),
            *province_choices(language),
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
            "province": "address-level1",
            "city": "address-level2",
            "address_line": "address-line1",
            "postal_code": "postal-code",
        }
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["phone"].widget.input_type = "tel"
        # static/js/places.js offers the localities found here as one types.
        self.fields["city"].widget.attrs.update(
            {
                "data-places-url": reverse("shop:places"),
                "data-places-label": _("Localities found"),
            }
        )

    @property
    def offers_pickup(self) -> bool:
        return (
            self.fields["delivery_method"]
            .queryset.filter(zone=DeliveryZone.PICKUP)
            .exists()
        )

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
        self._require_email_unless_cash(data)
        method = data.get("delivery_method")
        if method is not None and method.zone == DeliveryZone.PICKUP:
            # Collected at the store: no address, whatever was typed in it.
            for name in ADDRESS_FIELDS:
                self.errors.pop(name, None)
                data[name] = ""
            data["country"] = STORE_COUNTRY
            return data
        country = data.get("country")
        if country == "MA":
            if not data.get("province"):
                self.add_error(
                    "province", _("Please choose your province or prefecture.")
                )
        elif country:
            data["province"] = ""
        if method and country and "province" not in self.errors:
            serving = DeliveryMethod.objects.for_address(
                country=country, province=data.get("province", "")
            )
            if method not in serving:
                names = ", ".join(str(other) for other in serving)
                self.add_error(
                    "delivery_method",
                    _("This delivery method does not serve your address."),
                )
                if names:
                    self.add_error(
                        "delivery_method",
                        _("For this address, choose: %(methods)s.")
                        % {"methods": names},
                    )
        return data

    def _require_email_unless_cash(self, data) -> None:
        """Cash on delivery needs only the phone (checked valid in
        clean_phone): the courier calls it. Paying by card needs an email."""
        if data.get("email") or "email" in self.errors:
            return
        if data.get("payment_method") != CashOnDelivery.code:
            self.add_error(
                "email",
                _(
                    "Please enter your email address: only cash on delivery "
                    "can do without it."
                ),
            )

    def details_dict(self) -> dict:
        data = self.cleaned_data
        return {
            "email": data.get("email", ""),
            "phone": data["phone"],
            "full_name": data["full_name"],
            "address_line": data.get("address_line", ""),
            "city": data.get("city", ""),
            "province": data.get("province", ""),
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
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        min_length=10,
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I agree to my personal data being processed to manage my account, "
            "as the privacy notice describes."
        ),
        error_messages={
            "required": _("Please agree to the processing of your personal data.")
        },
    )


def phone_key(raw: str) -> str:
    """A phone number as one comparable string (E.164): "+212 6 61 23 45
    67", "0661234567", "00212661234567" and Arabic-Indic digits are one
    number. Empty when it cannot be a phone number."""
    try:
        number = phonenumbers.parse(raw, "MA")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


ORDER_NUMBER = re.compile(r"([A-Z]{1,4})-?(\d{1,12})")


def normalise_order_number(raw: str) -> str:
    """ "td 000062", "TD-62" or "TD-٠٠٠٠٦٢" as the shop writes it: "TD-000062".
    Empty when it cannot be an order number."""
    text = "".join(
        str(unicodedata.digit(char)) if char.isdigit() else char
        for char in raw.upper()
        if not char.isspace() and unicodedata.category(char) != "Cf"
    )
    match = ORDER_NUMBER.fullmatch(text.replace("‐", "-").replace("–", "-"))
    if match is None:
        return ""
    return f"{match.group(1)}-{int(match.group(2)):06d}"


def _same(first: str, second: str) -> bool:
    return bool(first and second) and secrets.compare_digest(
        first.encode(), second.encode()
    )


class FindOrderForm(forms.Form):
    """A guest finds an order with its number and the phone or the email
    given with it; both must match, and a miss says nothing of which one
    did not."""

    number = forms.CharField(
        label=_("Order number"),
        max_length=30,
        validators=[no_control_characters],
        help_text=_("It is in your confirmation and on the order's page."),
    )
    contact = forms.CharField(
        label=_("Phone or email"),
        max_length=254,
        validators=[no_control_characters],
        help_text=_("The phone number or the email address given with the order."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("number", "contact"):
            # Codes, phone numbers and addresses read left to right, even
            # on the Arabic page.
            self.fields[name].widget.attrs.update({"dir": "ltr", "spellcheck": "false"})
        self.fields["number"].widget.attrs["autocapitalize"] = "characters"
        self.order = None

    def clean_number(self):
        number = normalise_order_number(self.cleaned_data["number"])
        if not number:
            raise forms.ValidationError(
                _(
                    "Please enter the order number as it is written in your "
                    "confirmation."
                )
            )
        return number

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        contact = data["contact"].strip()
        order = (
            Order.objects.filter(number=data["number"])
            .only("number", "access_token", "email", "phone")
            .first()
        )
        if "@" in contact:
            given, known = contact.casefold(), (order.email if order else "")
            matches = _same(given, known.casefold())
        else:
            given, known = phone_key(contact), (order.phone if order else "")
            matches = _same(given, phone_key(known) if known else "")
        if order is None or not matches:
            raise forms.ValidationError(
                _("No order matches this number with this phone or email."),
                code="no_match",
            )
        self.order = order
        return data
