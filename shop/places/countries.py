"""Countries as a Moroccan shop lists them: Morocco first, then the
countries of ISO 3166-1 by their name in the reader's language (Babel's
CLDR data).

CLDR also names codes that are no country: its test locales (XA
"pseudo-accents", XB "pseudo-bidi"), groupings (EU, EZ, UN, QO "Outlying
Oceania"), the unknown region ZZ, and islands and places that ISO does not
list apart (AC, CP, CQ, DG, EA, IC, TA, XK). None is offered. Nor is EH:
the site follows the Kingdom's official map, on which the southern
provinces are Morocco.
"""

from functools import lru_cache

from babel import Locale

from shop.places.text import normalise

NOT_COUNTRIES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB"}
    | {"XK", "ZZ"}
)
MOROCCAN_TERRITORY = frozenset({"EH"})
LANGUAGES = ("ar", "fr", "en")


@lru_cache(maxsize=len(LANGUAGES))
def _names(language: str) -> dict[str, str]:
    territories = Locale.parse(language if language in LANGUAGES else "fr").territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2
        and code.isalpha()
        and code.isupper()
        and code not in NOT_COUNTRIES | MOROCCAN_TERRITORY
    }


def country_choices(language: str) -> list[tuple[str, str]]:
    """Morocco first, then every country in the reader's alphabetical order
    (accents and Arabic letter forms folded)."""
    names = dict(_names(language))
    morocco = ("MA", names.pop("MA"))
    return [morocco, *sorted(names.items(), key=lambda item: normalise(item[1]))]


def country_codes() -> frozenset[str]:
    return frozenset(_names("fr"))


def country_name(code: str, language: str) -> str:
    return _names(language).get(code, code)
