"""The one place that reads the process environment.

Settings modules call these helpers; nothing else in the project reads
``os.environ``, so every knob is listed in ``.env.example``.
"""

import os
from email.utils import getaddresses
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_UNSET = object()


def env_str(name: str, default=_UNSET) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _UNSET:
            raise ImproperlyConfigured(f"Set the {name} environment variable.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_origin(name: str, default=_UNSET) -> str:
    """An absolute http(s) address with no path ("https://shop.example.org"),
    without its trailing slash: the base of the links the site writes."""
    value = env_str(name, default)
    parts = urlsplit(value)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"{name} must be the site's address, like https://shop.example.org, "
            f"not {value!r}."
        )
    return value.rstrip("/")


def env_admins(name: str) -> list[tuple[str, str]]:
    """Django's ADMINS from "Name <address>, address": (name, address) pairs
    (the address stands for a missing name)."""
    value = os.environ.get(name, "")
    admins = []
    for display, address in getaddresses([value]):
        if not address:
            continue
        if "@" not in address:
            raise ImproperlyConfigured(f"{name}: {address!r} is not an address.")
        admins.append((display or address, address))
    return admins
