import pytest

from learningcity.partners.selectors import entity_list
from tests.factories import EntityFactory


@pytest.fixture
def registry(db):
    return {
        "taibah": EntityFactory(
            name_ar="مدينة طيبة التعليمية للتربية الخاصة", name_en="Taibah Educational City"
        ),
        "university": EntityFactory(name_ar="جامعة طيبة", name_en="Taibah University"),
        "chamber": EntityFactory(
            name_ar="الغرفة التجارية بالمدينة المنورة", name_en="Madinah Chamber of Commerce"
        ),
        "literacy": EntityFactory(
            name_ar="جمعية تعليم الكبار ومحو الأمية", name_en="Adult Education Association"
        ),
    }


def _names(query):
    return {entity.name_en for entity in entity_list(filters={"q": query})}


def test_variant_spelling_finds_the_entity(registry):
    assert _names("مدينه طيبه") == {"Taibah Educational City"}


def test_query_words_may_come_in_any_order_and_be_prefixes(registry):
    assert _names("طيب") == {"Taibah Educational City", "Taibah University"}
    assert _names("الخاصة التعليمية") == {"Taibah Educational City"}


def test_hamza_and_diacritics_do_not_matter(registry):
    assert _names("الأمية") == _names("الامية") == {"Adult Education Association"}
    assert _names("جَامِعَة") == {"Taibah University"}


def test_english_names_are_searchable_case_insensitively(registry):
    assert _names("chamber") == {"Madinah Chamber of Commerce"}
    assert _names("TAIBAH university") == {"Taibah University"}


def test_no_match_and_symbol_only_queries(registry):
    assert _names("مستشفى") == set()
    # A query of symbols only has no terms: nothing is filtered out.
    assert len(_names("!!!")) == 4


def test_very_long_query_is_cut_not_refused(registry):
    assert _names("طيبة " * 1000) == {"Taibah Educational City", "Taibah University"}
