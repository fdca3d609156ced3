"""Text made comparable for search, in Arabic, French and English.

Neither SQLite's FTS5 nor PostgreSQL's full text folds Arabic spelling
variants, so what is indexed and what is searched both go through
`words()` first: the index holds folded words, and a query is folded the
same way before it reaches the search backend.

- Arabic: harakat, shadda, sukun, superscript alef and tatweel dropped;
  hamza and madda forms of alef (أ إ آ ٱ) read as ا, ؤ as و, ئ as ي,
  taa marbuta ة as ه, alef maqsura ى as ي; Persian yeh and keheh (from some
  keyboards) as Arabic; Arabic-Indic digits as 0-9; the definite article
  and a preposition or conjunction joined to it (ال، وال، بال، كال، فال، لل)
  dropped, so that "العسل" finds "عسل"; the index also holds a word without
  a leading "و" (and), so that "عسل" finds "وعسل".
- Latin: case and accents folded ("Miél" reads as "miel"), œ and æ spelt out.
- Anything that is neither a letter nor a digit separates words and is
  dropped: quotes, operators and NUL bytes never reach the backend.
"""

import re
import unicodedata

_FOLD = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla (NFKD already unpacks أ إ آ ؤ ئ)
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # keheh
        "گ": "ك",  # gaf, and the Moroccan ng (ڭ) for the sound g: أرڭان
        "ڭ": "ك",
        "ڤ": "ف",  # veh
        "پ": "ب",
        "ـ": "",  # tatweel
        "œ": "oe",
        "æ": "ae",
        "ø": "o",
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    }
)
_WORD = re.compile(r"[^\W_]+")
# Longest first; what is left must still be a word of three letters.
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC = re.compile(r"[\u0600-\u06ff]")

# Dropped from a query (not from the index) when other words remain:
# "huile de argan" finds "huile d'argan".
STOP_WORDS = frozenset(
    "de du des la le les l d et au aux un une en à a the of and with for "
    "في من و مع على عن".split()
)


def fold(text: str) -> str:
    """`text` in lower case with accents, harakat and spelling variants
    folded; punctuation is kept (see `words`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return bare.translate(_FOLD)


def _without_article(word: str) -> str:
    if _ARABIC.match(word):
        for article in _ARTICLES:
            if word.startswith(article) and len(word) - len(article) >= 3:
                return word[len(article) :]
    return word


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return [_without_article(word) for word in _WORD.findall(fold(text or ""))]


def _index_words(text: str):
    for word in words(text):
        yield word
        # "و" (and) is written joined to the next word; a word that only
        # starts with the letter gains an extra entry nobody searches for.
        if word.startswith("و") and len(word) >= 4:
            yield _without_article(word[1:])


def index_text(*texts: str) -> str:
    """One string of folded words for the search index."""
    return " ".join(word for text in texts if text for word in _index_words(text))


def query_words(query: str, *, limit: int = 8) -> list[str]:
    """The words to search for: folded, each once, one-letter words and
    stop words left out (unless nothing else remains), at most `limit`."""
    unique = list(dict.fromkeys(word for word in words(query) if len(word) > 1))
    meaningful = [word for word in unique if word not in STOP_WORDS]
    return (meaningful or unique)[:limit]
