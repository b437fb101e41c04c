import pytest
from hypothesis import given
from hypothesis import strategies as st

from learningcity.core.arabic import (
    light_stem,
    normalize_for_search,
    normalize_letters,
    search_document,
    search_terms,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("مَدِينَةٌ", "مدينه"),  # diacritics (harakat, tanween)
        ("مُدَرِّس", "مدرس"),  # shadda and kasra
        ("قرآن", "قران"),  # alef madda
        ("أحمد", "احمد"),  # hamza above
        ("إسلام", "اسلام"),  # hamza below
        ("ٱلله", "الله"),  # alef wasla
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مدرسة", "مدرسه"),  # taa marbuta
        ("مسؤول", "مسءول"),  # hamza on waw
        ("مسئول", "مسءول"),  # hamza on yaa: the same word in another spelling
        ("تعـــليم", "تعليم"),  # tatweel
        ("٢٠٢٥", "2025"),  # Arabic-Indic digits
        ("۱۴۴۷", "1447"),  # Persian digits
        ("ﻻ", "لا"),  # presentation-form ligature
        ("LEARNING", "learning"),  # Latin case
    ],
)
def test_normalize_letters_applies_each_rule(raw, expected):
    assert normalize_letters(raw) == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("المعلمات", "معلم"),  # ال + ات
        ("والمعلمون", "معلم"),  # وال + ون
        ("بالمدرسه", "مدرس"),  # بال + ه
        ("فالتعليم", "تعليم"),  # فال
        ("كالكتاب", "كتاب"),  # كال
        ("للتعليم", "تعليم"),  # لل
        ("وتعليم", "تعليم"),  # و
        ("معلمين", "معلم"),  # ين
        ("برامجها", "برامج"),  # ها
        ("تعليميه", "تعليم"),  # يه (ية after normalisation)
        ("ولد", "ولد"),  # too short to lose its و
        ("مدين", "مدين"),  # stripping ين would leave two letters
        ("learning", "learning"),  # not Arabic: untouched
    ],
)
def test_light_stem_strips_prefixes_and_suffixes(word, stem):
    assert light_stem(word) == stem


def test_spelling_variants_of_a_name_meet():
    assert normalize_for_search("مدينه طيبه") == normalize_for_search("مدينة طيبة")
    assert normalize_for_search("مدينة طَيْبَة") == normalize_for_search("مدينة طيبة")


def test_hamza_seats_and_alef_forms_meet():
    assert normalize_for_search("المسئولية") == normalize_for_search("المسؤولية")
    assert normalize_for_search("إدارة") == normalize_for_search("ادارة")


def test_punctuation_and_symbols_separate_words_and_disappear():
    assert search_terms("التعليم، والتدريب!") == ["تعليم", "تدريب"]
    assert normalize_for_search("!!! ؟؟ ...") == ""


def test_search_document_is_space_padded_for_prefix_matching():
    assert search_document("جامعة طيبة", None, "") == " جامع طيب "
    assert search_document(None, "") == ""


def test_empty_and_none_give_empty():
    assert normalize_for_search(None) == ""
    assert normalize_for_search("") == ""


@given(st.text())
def test_normalisation_is_idempotent(text):
    once = normalize_for_search(text)
    assert normalize_for_search(once) == once


@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(" ـ0123456789")
    )
)
def test_normalisation_is_idempotent_on_arabic_script(text):
    once = normalize_for_search(text)
    assert normalize_for_search(once) == once


@given(st.text(), st.text())
def test_normalisation_never_raises_and_never_grows_words(first, second):
    terms = search_terms(f"{first} {second}")
    assert all(term for term in terms)
    assert all(" " not in term for term in terms)


def test_every_digit_people_type_reads_as_latin():
    from learningcity.core.arabic import latin_digits, latin_number

    assert latin_digits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 05") == "0123456789 0123456789 05"
    assert latin_number("١٬٢٣٤٫٥") == "1,234.5"
    assert latin_digits("١٢٫٥") == "12٫5"  # separators are left to the number reader
