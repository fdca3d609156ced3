"""Folding place names so that what a buyer types finds them: "fes" finds
"Fès", "ازيلال" finds "أزيلال", "دمناة" finds "دمنات"-like spellings that
differ only by a taa marbuta, and so on."""

import re
import unicodedata

# After canonical decomposition (which already turns أ إ آ ؤ ئ into their
# bare letter and a combining hamza or madda, dropped with the other marks):
_FOLD = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla
        "ة": "ه",  # taa marbuta
        "ى": "ي",  # alef maqsura
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian kaf
        "گ": "ك",  # gaf, written for a Moroccan g
        "ڭ": "ك",  # ng, idem
        "ء": None,  # a lone hamza
        "ـ": None,  # tatweel
        "œ": "oe",
        "æ": "ae",
        "ø": "o",
        "ł": "l",
        "ı": "i",
    }
)
_APOSTROPHES = re.compile(r"[’'`ʼ‘ʻ´]")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Case, accents, Arabic letter forms and punctuation folded away."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(
        char
        for char in unicodedata.normalize("NFD", text)
        if unicodedata.category(char) not in {"Mn", "Cf"}
    )
    text = _APOSTROPHES.sub("", text.translate(_FOLD))
    return " ".join(_NOT_WORD.sub(" ", text).split())


def is_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def without_articles(folded: str) -> str:
    """'الدار البيضاء' as 'دار بيضاء': buyers often type names without it."""
    return " ".join(
        word[2:] if word.startswith("ال") and len(word) > 3 else word
        for word in folded.split()
    )
