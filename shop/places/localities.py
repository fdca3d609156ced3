"""Finding a Moroccan locality from a few letters typed in any of the
site's languages and scripts.

Two sources, merged once per process: the towns that morocco.py ties to
their province (with their Arabic names), and the geonames localities of
localities.json (known by region; their Arabic names where geonames has
them). A buyer whose village is in neither types it in full: the checkout
accepts any locality, priced by the province the buyer chose.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from shop.places.extract import load_extract
from shop.places.morocco import PROVINCES, REGION_FIXES, TOWN_ENGLISH
from shop.places.text import is_arabic, normalise, without_articles

MAX_RESULTS = 8
# Past this a query is no place name; the view refuses it.
MAX_QUERY_LENGTH = 80


@dataclass
class Locality:
    names: dict  # language -> name shown
    region: str
    province: str = ""
    population: int = 0
    # (name as written, folded, folded without Arabic articles, no spaces)
    keys: list = field(default_factory=list)

    def add_name(self, name: str) -> None:
        folded = normalise(name)
        if folded and all(key[1] != folded for key in self.keys):
            self.keys.append(
                (name, folded, without_articles(folded), folded.replace(" ", ""))
            )


@dataclass(frozen=True)
class Suggestion:
    name: str
    province: str
    region: str


def _strip_accents(name: str) -> str:
    import unicodedata

    return "".join(
        char
        for char in unicodedata.normalize("NFD", name)
        if unicodedata.category(char) != "Mn"
    )


def _geonames_localities() -> list[Locality]:
    places = []
    for gid, country, admin1, population, name, latin, arabic in load_extract():
        region = REGION_FIXES.get(gid) or (
            f"MA-{admin1}" if country == "MA" and admin1.isdigit() else ""
        )
        if not region:
            continue
        place = Locality(
            names={"fr": name, "en": name}, region=region, population=population
        )
        for alias in (name, *latin, *arabic):
            place.add_name(alias)
        places.append(place)
    return places


def _claim(places: list[Locality], town: str, region: str) -> Locality | None:
    """The geonames locality a province's town is: same name, in its region,
    or the only one of that name (geonames' region may be out of date)."""
    folded = normalise(town)
    same_name = [
        place
        for place in places
        if not place.province and any(key[1] == folded for key in place.keys)
    ]
    in_region = [place for place in same_name if place.region == region]
    candidates = in_region or (same_name if len(same_name) == 1 else [])
    return max(candidates, key=lambda place: place.population, default=None)


@lru_cache(maxsize=1)
def all_localities() -> tuple[Locality, ...]:
    places = _geonames_localities()
    for province in PROVINCES:
        for french, arabic in province.towns:
            place = _claim(places, french, province.region)
            if place is None:
                place = Locality(names={}, region=province.region)
                places.append(place)
            place.region = province.region
            place.province = province.code
            place.names = {
                "fr": french,
                "en": TOWN_ENGLISH.get(french, _strip_accents(french)),
                "ar": arabic,
            }
            for name in place.names.values():
                place.add_name(name)
    return tuple(places)


def _score(query: str, compact: str, key) -> int | None:
    _name, folded, bare, squeezed = key
    if query in (folded, bare) or compact == squeezed:
        return 0
    if folded.startswith(query) or bare.startswith(query):
        return 1
    if squeezed.startswith(compact):
        return 1
    if f" {query}" in f" {folded}" or f" {query}" in f" {bare}":
        return 2
    if len(compact) >= 3 and compact in squeezed:
        return 3
    return None


def _shown_name(place: Locality, key, query_is_arabic: bool, language: str) -> str:
    if query_is_arabic:
        return place.names.get("ar") or key[0]
    if language == "en":
        return place.names["en"]
    return place.names["fr"]


@lru_cache(maxsize=4096)
def _search(query: str, language: str, region: str) -> tuple[Suggestion, ...]:
    compact = query.replace(" ", "")
    query_is_arabic = is_arabic(query)
    found = []
    for place in all_localities():
        best = None
        for key in place.keys:
            score = _score(query, compact, key)
            if score is not None and (best is None or score < best[0]):
                best = (score, key)
        if best is None:
            continue
        score, key = best
        name = _shown_name(place, key, query_is_arabic, language)
        rank = (score >= 3, bool(region) and place.region != region, score)
        found.append((rank, -place.population, name, place))
    found.sort(key=lambda item: item[:3])
    suggestions, seen = [], set()
    for _rank, _population, name, place in found:
        suggestion = Suggestion(name=name, province=place.province, region=place.region)
        if (name, place.region) not in seen:
            seen.add((name, place.region))
            suggestions.append(suggestion)
        if len(suggestions) == MAX_RESULTS:
            break
    return tuple(suggestions)


def locality_search(
    query: str, *, language: str, region: str = ""
) -> tuple[Suggestion, ...]:
    """Up to MAX_RESULTS localities whose name begins (or, from three
    letters, contains) what was typed; those of `region` first."""
    folded = normalise(query[:MAX_QUERY_LENGTH])
    if len(folded.replace(" ", "")) < 2:
        return ()
    return _search(folded, language, region)
