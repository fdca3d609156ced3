"""Moroccan identifiers: ICE (company identifier) and RIB (bank account)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SPACES = re.compile(r"[\s-]")


def normalise_digits(value: str) -> str:
    """Drop the spaces and dashes people type between groups of digits."""
    return _SPACES.sub("", value or "")


def validate_ice(value: str) -> None:
    """The Identifiant Commun de l'Entreprise is exactly 15 digits."""
    digits = normalise_digits(value)
    if not re.fullmatch(r"\d{15}", digits):
        raise ValidationError(
            _("An ICE has exactly 15 digits."),
            code="invalid_ice",
            params={"value": value},
        )


def rib_key(first_22_digits: str) -> str:
    """The two check digits of a Moroccan RIB (bank, city, account: 22 digits)."""
    return f"{97 - (int(first_22_digits) * 100) % 97:02d}"


def validate_rib(value: str) -> None:
    """A RIB is 24 digits: bank (3), city (3), account (16) and a mod-97 key (2)."""
    digits = normalise_digits(value)
    if not re.fullmatch(r"\d{24}", digits):
        raise ValidationError(_("A RIB has exactly 24 digits."), code="invalid_rib")
    if rib_key(digits[:22]) != digits[22:]:
        raise ValidationError(
            _("This RIB's check digits are wrong: please check the number."),
            code="invalid_rib_key",
        )
