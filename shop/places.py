"""Where we deliver: Moroccan cities by name in each language, and countries."""

from babel import Locale

# (key, French, Arabic, English): the key is stored on the order.
MOROCCAN_CITIES = [
    ("Casablanca", "Casablanca", "الدار البيضاء", "Casablanca"),
    ("Rabat", "Rabat", "الرباط", "Rabat"),
    ("Salé", "Salé", "سلا", "Salé"),
    ("Témara", "Témara", "تمارة", "Temara"),
    ("Kénitra", "Kénitra", "القنيطرة", "Kenitra"),
    ("Mohammédia", "Mohammédia", "المحمدية", "Mohammedia"),
    ("El Jadida", "El Jadida", "الجديدة", "El Jadida"),
    ("Settat", "Settat", "سطات", "Settat"),
    ("Marrakech", "Marrakech", "مراكش", "Marrakesh"),
    ("Safi", "Safi", "آسفي", "Safi"),
    ("Essaouira", "Essaouira", "الصويرة", "Essaouira"),
    ("Agadir", "Agadir", "أكادير", "Agadir"),
    ("Taroudant", "Taroudant", "تارودانت", "Taroudant"),
    ("Tiznit", "Tiznit", "تيزنيت", "Tiznit"),
    ("Ouarzazate", "Ouarzazate", "ورزازات", "Ouarzazate"),
    ("Errachidia", "Errachidia", "الرشيدية", "Errachidia"),
    ("Béni Mellal", "Béni Mellal", "بني ملال", "Beni Mellal"),
    ("Azilal", "Azilal", "أزيلال", "Azilal"),
    ("Khénifra", "Khénifra", "خنيفرة", "Khenifra"),
    ("Khouribga", "Khouribga", "خريبكة", "Khouribga"),
    ("Fès", "Fès", "فاس", "Fez"),
    ("Meknès", "Meknès", "مكناس", "Meknes"),
    ("Ifrane", "Ifrane", "إفران", "Ifrane"),
    ("Sefrou", "Sefrou", "صفرو", "Sefrou"),
    ("Taza", "Taza", "تازة", "Taza"),
    ("Oujda", "Oujda", "وجدة", "Oujda"),
    ("Nador", "Nador", "الناظور", "Nador"),
    ("Al Hoceïma", "Al Hoceïma", "الحسيمة", "Al Hoceima"),
    ("Tanger", "Tanger", "طنجة", "Tangier"),
    ("Tétouan", "Tétouan", "تطوان", "Tetouan"),
    ("Larache", "Larache", "العرائش", "Larache"),
    ("Chefchaouen", "Chefchaouen", "شفشاون", "Chefchaouen"),
    ("Laâyoune", "Laâyoune", "العيون", "Laayoune"),
    ("Dakhla", "Dakhla", "الداخلة", "Dakhla"),
    ("Guelmim", "Guelmim", "كلميم", "Guelmim"),
]
_INDEX = {"fr": 1, "ar": 2, "en": 3}
CITY_KEYS = {city[0] for city in MOROCCAN_CITIES}


def city_choices(language: str) -> list[tuple[str, str]]:
    column = _INDEX.get(language, 1)
    return sorted(((c[0], c[column]) for c in MOROCCAN_CITIES), key=lambda c: c[1])


def city_name(key: str, language: str) -> str:
    column = _INDEX.get(language, 1)
    for city in MOROCCAN_CITIES:
        if city[0] == key:
            return city[column]
    return key


def country_choices(language: str) -> list[tuple[str, str]]:
    """Morocco first, then every country by its name in `language` (Babel)."""
    territories = Locale.parse({"ar": "ar", "fr": "fr", "en": "en"}.get(language, "fr"))
    names = {
        code: name
        for code, name in territories.territories.items()
        if len(code) == 2 and code.isalpha() and code not in {"ZZ", "EU", "UN", "EZ"}
    }
    morocco = ("MA", names.pop("MA", "Morocco"))
    return [morocco, *sorted(names.items(), key=lambda item: item[1])]
