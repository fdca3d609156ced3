"""Where we deliver: Morocco's regions, provinces and localities, and the
countries of the world, named in the reader's language.

Codes are ISO 3166-2 for regions ("MA-05") and provinces or prefectures
("MA-AZI"), ISO 3166-1 for countries ("MA"); orders and delivery methods
store codes, and names are given when shown.
"""

from django.utils.translation import get_language

from shop.places.countries import country_choices, country_codes, country_name
from shop.places.localities import MAX_QUERY_LENGTH, Suggestion, locality_search
from shop.places.morocco import PROVINCES, REGIONS
from shop.places.text import normalise

__all__ = [
    "MAX_QUERY_LENGTH",
    "PROVINCE_CODES",
    "REGION_CODES",
    "Suggestion",
    "country_choices",
    "country_codes",
    "country_name",
    "locality_search",
    "normalise",
    "place_label",
    "place_name",
    "province_choices",
    "province_region",
    "region_choices",
]

_REGIONS = {region.code: region for region in REGIONS}
_PROVINCES = {province.code: province for province in PROVINCES}
REGION_CODES = frozenset(_REGIONS)
PROVINCE_CODES = frozenset(_PROVINCES)


def _language(language: str | None) -> str:
    code = (language or "fr").split("-")[0]
    return code if code in {"ar", "fr", "en"} else "fr"


def place_name(code: str, language: str | None) -> str:
    """The name of a region or a province in `language`; unknown codes as
    they are."""
    place = _PROVINCES.get(code) or _REGIONS.get(code)
    return getattr(place, _language(language)) if place else code


def province_region(code: str) -> str:
    province = _PROVINCES.get(code)
    return province.region if province else ""


def region_choices(language: str | None) -> list[tuple[str, str]]:
    column = _language(language)
    return [(region.code, getattr(region, column)) for region in REGIONS]


def province_choices(language: str | None) -> list[tuple[str, list]]:
    """Provinces and prefectures grouped under their region, each group in
    the reader's alphabetical order."""
    column = _language(language)
    return [
        (
            getattr(region, column),
            sorted(
                (
                    (province.code, getattr(province, column))
                    for province in PROVINCES
                    if province.region == region.code
                ),
                key=lambda choice: normalise(choice[1]),
            ),
        )
        for region in REGIONS
    ]


def place_label(*, city: str, province: str, country: str, language=None) -> str:
    """ "Demnate, Azilal, Maroc": an address's locality, province and
    country, in `language` (the active one by default)."""
    language = language or get_language()
    parts = [city, place_name(province, language) if province else ""]
    parts.append(country_name(country, _language(language)) if country else "")
    comma = "، " if _language(language) == "ar" else ", "
    return comma.join(part for part in parts if part)
