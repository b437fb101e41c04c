"""Arabic text normalisation for search.

`normalize_for_search` is the one function used both when a record is indexed and when a
query is typed, so that spelling variants meet: مدينه طيبه finds مدينة طيبة, المعلمات finds
معلمات, and ٢٠٢٥ finds 2025. It works the same on SQLite and PostgreSQL because the database
only ever sees its output.

Steps (DESIGN.md convention 9, RECIPES "Arabic search"):
1. Unicode NFKC (folds presentation forms such as ﻻ and full-width Latin) and case folding.
2. Drop Arabic diacritics (harakat, shadda, sukun, dagger alef, Quranic marks) and tatweel.
3. Unify letter variants: أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ ئ → ء; Persian ی ک → ي ك.
4. Arabic-Indic and Persian digits → ASCII digits.
5. Split into words on anything that is not a letter or digit.
6. Light stemming of each Arabic word (Larkey's light10, as in Lucene's ArabicStemmer):
   prefixes وال بال كال فال لل ال و and suffixes ها ان ات ون ين يه ه ي, never leaving
   fewer than three letters, repeated until nothing more comes off.

The result is a string of space-separated terms. Running it on its own output changes
nothing (it is idempotent), which is what lets the same function serve both sides.
"""

from __future__ import annotations

import re
import unicodedata

_DIACRITICS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d3-\u08ff]"
)
_TATWEEL = "\u0640"
_LETTER_VARIANTS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ة": "ه",
        "ؤ": "ء",
        "ئ": "ء",
    }
)
# Arabic-Indic digits (U+0660…) and the Extended Arabic-Indic ones Persian and Urdu keyboards
# type (U+06F0…): what people in the region may type for a number, read as 0–9.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# The same, with the Arabic decimal separator (٫) and thousands separator (٬).
_NUMBER = {**_DIGITS, **str.maketrans("٫٬", ".,")}
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_WORD = re.compile(r"[^\W_]+")

# Longest first, so وال is tried before و.
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و")
# Written after step 3, so ية and ة appear here as يه and ه.
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_MIN_STEM = 3


def normalize_letters(text: str) -> str:
    """Steps 1–4: the character-level folding, without splitting or stemming."""
    previous = None
    # NFKC and case folding can each undo the other's work on a few rare code points;
    # repeating until stable keeps the function idempotent for any input.
    while text != previous:
        previous = text
        text = unicodedata.normalize("NFKC", text).casefold()
        text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
        text = text.translate(_LETTER_VARIANTS).translate(_DIGITS)
    return text


def light_stem(word: str) -> str:
    """Step 6 for one normalised word; words without Arabic letters are returned unchanged."""
    if not _ARABIC_LETTER.search(word):
        return word
    while True:
        stemmed = _strip_one_suffix(_strip_one_prefix(word))
        if stemmed == word:
            return word
        word = stemmed


def _strip_one_prefix(word: str) -> str:
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            return word[len(prefix) :]
    return word


def _strip_one_suffix(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def search_terms(text: str | None) -> list[str]:
    """The normalised, stemmed terms of `text`, in order (duplicates kept)."""
    if not text:
        return []
    return [light_stem(word) for word in _WORD.findall(normalize_letters(text))]


def normalize_for_search(text: str | None) -> str:
    """The one normalisation used at index time and at query time."""
    return " ".join(search_terms(text))


def search_document(*parts: str | None) -> str:
    """An index string for a record: its terms, space-padded so a query term can be matched
    as a word prefix with a plain `contains(" " + term)` on every database."""
    terms = search_terms(" ".join(part for part in parts if part))
    return f" {' '.join(terms)} " if terms else ""


def latin_digits(text: str) -> str:
    """Every digit people may type as its Latin digit (0–9); nothing else changes."""
    return text.translate(_DIGITS)


def latin_number(text: str) -> str:
    """A typed number with Latin digits and the Arabic separators as "." and ","."""
    return text.translate(_NUMBER)


def to_arabic_indic_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


_LATIN_LETTER = re.compile("[A-Za-z]")


def written_language(text: str | None) -> str | None:
    """ "ar" for text written mostly in Arabic letters, "en" for mostly Latin ones, None when it
    has no letters (a number, a date): what a screen reader needs to pick its voice for text
    people typed, whose language nobody recorded."""
    arabic = len(_ARABIC_LETTER.findall(text or ""))
    latin = len(_LATIN_LETTER.findall(text or ""))
    if not arabic and not latin:
        return None
    return "ar" if arabic >= latin else "en"
