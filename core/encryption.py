"""Fields encrypted at rest, with the `cryptography` package's Fernet.

The keys come from settings (``FIELD_ENCRYPTION_KEYS``: the first encrypts,
every one decrypts, so a key is rotated by putting the new one first and
re-saving the rows). The database holds only Fernet tokens: a dump, a
backup or a query by hand shows no value in clear. A token is different
each time the same value is written, so such a field cannot be searched or
made unique; it is meant for the few values that must be kept but never
looked up (a national ID number).
"""

from __future__ import annotations

import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@functools.lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "Set FIELD_ENCRYPTION_KEYS (Fernet keys, comma-separated) to store "
            "encrypted fields."
        )
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An encrypted field cannot be read with FIELD_ENCRYPTION_KEYS: a key "
            "in use was removed."
        ) from error


def masked(value: str, *, visible: int = 3) -> str:
    """The value with all but its last `visible` characters hidden: enough
    for a person to match a card, never enough to use it."""
    if not value:
        return ""
    shown = value[-visible:] if len(value) > visible else ""
    return "•" * (len(value) - len(shown)) + shown


class EncryptedCharField(models.TextField):
    """Text kept as a Fernet token; Python code reads and writes it in clear.
    An empty value is stored empty (nothing to hide)."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def formfield(self, **kwargs):
        from django import forms

        return forms.CharField(
            label=self.verbose_name,
            required=not self.blank,
            help_text=self.help_text,
            max_length=40,
        )

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(value)
