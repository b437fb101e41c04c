"""Deeper word matching for ranked search, on top of `core.arabic`'s light stemming.

Light stemming (core.arabic) strips prefixes and suffixes, which is enough for sound plurals
(معلمات → معلم) but not for what Arabic does inside a word: broken plurals (برامج ↔ برنامج,
أطفال ↔ طفل) and derivations of one root (تحفيظ ↔ حفظ, مصور ↔ التصوير). English needs
stemming too (courses ↔ course). Three tools, each used the same way at index and at query
time so that both sides meet:

- `index_terms`: light stems, then broken plurals folded onto their singular's stem, and
  English words stemmed (Snowball's Porter2).
- `root_terms`: each Arabic word's root by the ISRI stemmer (Taghva et al. 2005, as in nltk);
  a root is coarse (كتابة, كاتب and كتب share كتب), so a search weighs it below the stems.
- `phonetic_key`: letters Saudi and dialect spellings confuse (ز/ذ/ظ/ض, ق/ج/غ, ث/س/ص, ت/ط)
  folded together, for the fuzzy fallback.

ISRI was chosen over Tashaphyne's root extractor and Snowball's Arabic stemmer on the judged
test set (bench/bench_search_quality.py prints the comparison): Snowball keeps patterns
(تحفيظ ≠ حفظ, مصور ≠ تصوير), Tashaphyne mangles common words (كتابة → كوب, مهارة → مهر is
fine but خياطة → خوط is not) and is fifteen times slower.
"""

from __future__ import annotations

import functools
import re

import snowballstemmer
from nltk.stem.isri import ISRIStemmer

from learningcity.core.arabic import light_stem, normalize_letters, search_terms

_ARABIC_WORD = re.compile("^[\u0621-\u064a]+$")
_LATIN_WORD = re.compile("^[a-z]+$")

# Broken plurals with their singulars, as people write them; folded through the light stemmer
# at import time so the table speaks the index's language. Sound plurals (ـات، ـون، ـين) need
# no entry: the light stemmer already removes their endings.
# fmt: off
_BROKEN_PLURALS = (
    ("أطفال", "طفل"), ("رجال", "رجل"), ("شباب", "شاب"), ("شبان", "شاب"), ("نساء", "امرأة"),
    ("برامج", "برنامج"), ("مشاريع", "مشروع"), ("أعمال", "عمل"), ("علوم", "علم"), ("فنون", "فن"),
    ("دروس", "درس"), ("كتب", "كتاب"), ("حرف", "حرفة"), ("مهن", "مهنة"), ("لغات", "لغة"),
    ("أسر", "أسرة"), ("مدارس", "مدرسة"), ("طلاب", "طالب"), ("طلبة", "طالب"), ("كبار", "كبير"),
    ("صغار", "صغير"), ("مساجد", "مسجد"), ("قصص", "قصة"), ("رسوم", "رسم"), ("ألعاب", "لعبة"),
    ("أدوات", "أداة"), ("حواسيب", "حاسوب"), ("أجهزة", "جهاز"), ("مواقع", "موقع"), ("أمراض", "مرض"),
    ("طرق", "طريقة"), ("نخيل", "نخلة"), ("صور", "صورة"), ("مكفوفين", "كفيف"), ("مكفوفون", "كفيف"),
    ("أكفاء", "كفيف"), ("معاقين", "معاق"), ("صم", "أصم"), ("بكم", "أبكم"), ("أمهات", "أم"),
    ("آباء", "أب"), ("أبناء", "ابن"), ("بنات", "بنت"), ("فتيات", "فتاة"), ("أيتام", "يتيم"),
    ("مسنين", "مسن"), ("شيوخ", "شيخ"), ("عمال", "عامل"), ("تجار", "تاجر"), ("أسواق", "سوق"),
    ("متاحف", "متحف"), ("آثار", "أثر"), ("خطوط", "خط"), ("ألوان", "لون"), ("أفلام", "فيلم"),
    ("أغذية", "غذاء"), ("أطعمة", "طعام"), ("حلويات", "حلوى"), ("مخابز", "مخبز"), ("أزياء", "زي"),
    ("ملابس", "ملبس"), ("أشجار", "شجرة"), ("حدائق", "حديقة"), ("بساتين", "بستان"), ("مزارع", "مزرعة"),
    ("محاصيل", "محصول"), ("أنظمة", "نظام"), ("شبكات", "شبكة"), ("مواهب", "موهبة"), ("قيم", "قيمة"),
    ("مبادئ", "مبدأ"), ("أسس", "أساس"), ("مفاهيم", "مفهوم"), ("أفكار", "فكرة"), ("وظائف", "وظيفة"),
    ("مقابلات", "مقابلة"), ("رواد", "رائد"), ("قادة", "قائد"), ("معلمين", "معلم"), ("مدربين", "مدرب"),
    ("مراكز", "مركز"), ("مكتبات", "مكتبة"), ("أحياء", "حي"), ("جيران", "جار"), ("أصدقاء", "صديق"),
    ("أدوية", "دواء"), ("إسعافات", "إسعاف"), ("حوادث", "حادث"), ("أخطار", "خطر"), ("مخاطر", "خطر"),
    ("جوالات", "جوال"), ("هواتف", "هاتف"), ("تطبيقات", "تطبيق"), ("ألعاب", "لعبة"), ("رحلات", "رحلة"),
    ("معالم", "معلم"), ("سياح", "سائح"), ("زوار", "زائر"), ("خيول", "خيل"), ("إبل", "ناقة"),
)
# fmt: on


@functools.cache
def _plural_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for plural, singular in _BROKEN_PLURALS:
        plural_stem = light_stem(normalize_letters(plural))
        singular_stem = light_stem(normalize_letters(singular))
        if plural_stem != singular_stem:
            table[plural_stem] = singular_stem
    # A singular that is itself some other word's plural would make the folding depend on how
    # often it runs; keep only the entries that stay put.
    return {plural: singular for plural, singular in table.items() if singular not in table}


_english = snowballstemmer.stemmer("english")
_isri = ISRIStemmer()


@functools.lru_cache(maxsize=65536)
def fold_term(term: str) -> str:
    """One light-stemmed term (core.arabic.search_terms) carried to its index form: a broken
    plural to its singular, an English word to its Porter2 stem (once: Porter2 run on its own
    output keeps cutting, courses → cours → cour)."""
    if _LATIN_WORD.match(term):
        return _english.stemWord(term) if len(term) > 3 else term
    return _plural_table().get(term, term)


def index_terms(text: str | None) -> list[str]:
    """The terms of `text` as the ranked search indexes and queries them, in order."""
    return [fold_term(term) for term in search_terms(text)]


def index_document(*parts: str | None) -> str:
    """`index_terms` of `parts`, space-padded like core.arabic.search_document, so that
    `contains(" term")` is a word-prefix match and `contains(" a b ")` a phrase."""
    terms = index_terms(" ".join(part for part in parts if part))
    return f" {' '.join(terms)} " if terms else ""


# Prefixes stripped before the فُعَاة test below, longest first (as core.arabic strips them).
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
# Four-letter words ending اه (اة once normalised) whose ه is a radical, not the plural's ة.
_RADICAL_HA = frozenset(("مياه", "شفاه", "رفاه", "اكراه"))


def _defective_plural_root(word: str) -> str:
    """The root of a فُعَاة plural — of an agent noun whose root ends in a weak letter (قضاة of
    قاضي, طهاة of طاهي, رعاة, دعاة, هواة, مشاة) — as its singular's: ISRI reads the ة as the
    third radical (طهاة → طهه, where طاهي → طهي)."""
    bare = next((word[len(a) :] for a in _ARTICLES if word.startswith(a) and len(word) - len(a) >= 4), word)
    if len(bare) == 4 and bare[2] == "ا" and bare[3] == "ه" and bare not in _RADICAL_HA:
        return bare[:2] + "ي"
    return ""


@functools.lru_cache(maxsize=65536)
def root_of(word: str) -> str:
    """The ISRI root of one normalised Arabic word (of three letters or more), else ''."""
    if len(word) < 3 or not _ARABIC_WORD.match(word):
        return ""
    root = _defective_plural_root(word) or _isri.stem(word)
    return root if len(root) >= 3 else ""


def root_terms(text: str | None) -> list[str]:
    words = re.findall(r"[^\W_]+", normalize_letters(text or ""))
    return [root for root in (root_of(word) for word in words) if root]


def root_document(*parts: str | None) -> str:
    roots = root_terms(" ".join(part for part in parts if part))
    return f" {' '.join(roots)} " if roots else ""


_PHONETIC = str.maketrans({"ذ": "ز", "ظ": "ز", "ض": "ز", "ق": "ج", "غ": "ج", "ث": "س", "ص": "س", "ط": "ت"})


def phonetic_key(term: str) -> str:
    return term.translate(_PHONETIC)
