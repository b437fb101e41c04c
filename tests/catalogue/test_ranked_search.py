"""The ranked search (catalogue/search/): generic words optional, broken plurals and roots,
the thesaurus, the fuzzy fallback, short Latin terms, honesty on unanswerable queries, and the
semantic part (embeddings by the background job, fused with the lexical ranking)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learningcity.catalogue.models import OpportunityEmbedding, SynonymGroup
from learningcity.catalogue.search import semantic
from learningcity.catalogue.search.engine import fuse
from learningcity.catalogue.selectors import opportunity_search, parse_query
from tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def titles(query, **filters):
    found, _parsed = opportunity_search(filters={"q": query, **filters})
    return [o.title_ar for o in found]


@pytest.fixture
def lexical_only(settings):
    settings.SEARCH_SEMANTIC = False


def test_an_extra_generic_word_no_longer_empties_the_list(lexical_only):
    OpportunityFactory(title_ar="الإسعافات الأولية للأطفال", description_ar="مهارات إنقاذ الحياة")
    OpportunityFactory(title_ar="الإسعافات الأولية للسيدات")
    assert titles("دورة اسعافات اولية للاطفال") == ["الإسعافات الأولية للأطفال"]
    assert titles("ابي كورس اسعافات اولية") == [
        "الإسعافات الأولية للسيدات",
        "الإسعافات الأولية للأطفال",
    ] or set(titles("ابي كورس اسعافات اولية")) == {"الإسعافات الأولية للسيدات", "الإسعافات الأولية للأطفال"}


def test_broken_plurals_and_roots_meet_their_singulars(lexical_only):
    OpportunityFactory(title_ar="طريقة برايل لكل كفيف")
    OpportunityFactory(title_ar="برنامج التصوير الضوئي")
    OpportunityFactory(title_ar="حلقة تحفيظ")
    assert titles("المكفوفين") == ["طريقة برايل لكل كفيف"]
    assert titles("البرامج") == ["برنامج التصوير الضوئي"]
    assert titles("مصور") == ["برنامج التصوير الضوئي"]  # the root صور
    assert titles("حفظ") == ["حلقة تحفيظ"]


def test_the_thesaurus_finds_other_words_for_the_same_thing_and_follows_a_change(lexical_only):
    OpportunityFactory(title_ar="مهارات الحاسب الآلي", title_en="")
    assert titles("كمبيوتر") == ["مهارات الحاسب الآلي"]  # a group seeded by migration 0010
    OpportunityFactory(title_ar="فن الحكي", title_en="")
    assert titles("storytelling") == []
    SynonymGroup.objects.create(terms="حكي، قصص، storytelling")
    assert titles("storytelling") == ["فن الحكي"]


def test_an_unknown_word_is_corrected_from_the_catalogues_own_words(lexical_only):
    OpportunityFactory(title_ar="التصوير الضوئي")
    OpportunityFactory(title_ar="الذكاء الاصطناعي للجميع")
    parsed = parse_query("تصوبر")
    assert parsed.suggestion == "تصوير" and titles("تصوبر") == ["التصوير الضوئي"]
    assert titles("الزكاء الاصطناعي") == ["الذكاء الاصطناعي للجميع"]


def test_a_short_latin_term_is_a_whole_word_not_a_prefix(lexical_only):
    OpportunityFactory(title_ar="الإسعافات الأولية", title_en="First aid")
    OpportunityFactory(title_ar="مدخل إلى الذكاء", title_en="AI basics")
    assert titles("AI") == ["مدخل إلى الذكاء"]


def test_a_query_nothing_answers_returns_nothing(lexical_only):
    OpportunityFactory(title_ar="قيادة الفرق التطوعية", description_ar="مهارات القيادة")
    OpportunityFactory(title_ar="السياحة في البحر الأحمر")
    assert titles("تعلم قيادة الطائرات") == []
    assert titles("دورة الغوص في البحر الاحمر") == []


def test_the_same_course_in_several_places_is_one_entry_on_the_page(client, lexical_only):
    from learningcity.catalogue.search.engine import group_runs

    first = OpportunityFactory(title_ar="الخط العربي")
    second = OpportunityFactory(title_ar="الخط العربي")
    other = OpportunityFactory(title_ar="الخط العربي للأطفال")
    entries = group_runs([first.pk, other.pk, second.pk])
    assert [(e.pk, e.others) for e in entries] == [(first.pk, [second.pk]), (other.pk, [])]


def test_reciprocal_rank_fusion_lifts_what_both_rankings_agree_on(settings):
    assert fuse([1, 2, 3], [(3, 0.9), (4, 0.9)])[:2] == [3, 1]
    settings.SEARCH_SEMANTIC_RESCUE_SIMILARITY = 0.88
    # With no lexical match, only a strong semantic neighbour is shown.
    assert fuse([], [(5, 0.89), (6, 0.87)]) == [5]


def test_with_no_lexical_match_a_neighbour_holding_two_of_the_words_is_shown(settings):
    settings.SEARCH_SEMANTIC_RESCUE_SIMILARITY = 0.88
    settings.SEARCH_SEMANTIC_MIN_SIMILARITY = 0.86
    # 6 is only a moderate neighbour, but it holds two of the query's words: both signals agree.
    assert fuse([], [(5, 0.89), (6, 0.87), (7, 0.87)], partial=frozenset({6})) == [5, 6]


def test_a_neighbour_holding_two_words_answers_what_the_words_alone_do_not(settings):
    accounts = OpportunityFactory(title_ar="حماية حساباتك على الإنترنت", title_en="", description_ar="")
    cars = OpportunityFactory(title_ar="صيانة الجوالات", title_en="", description_ar="")
    semantic.embed_opportunities([accounts, cars])
    settings.SEARCH_SEMANTIC_MIN_SIMILARITY = 0.0
    settings.SEARCH_SEMANTIC_RESCUE_SIMILARITY = 1.0  # no neighbour is shown for its closeness alone
    # "الاختراق" is in no opportunity, so the words alone find nothing; the neighbour holds the
    # other two.
    assert titles("حماية الحسابات من الاختراق") == ["حماية حساباتك على الإنترنت"]
    # One shared word is not enough: nothing here is about cars.
    assert titles("صيانة السيارات") == []


def test_a_defective_plural_meets_its_singulars_root():
    from learningcity.core.arabic import normalize_letters
    from learningcity.core.morphology import root_of

    assert root_of(normalize_letters("الطهاة")) == root_of(normalize_letters("الطهي")) == "طهي"
    assert root_of(normalize_letters("للقضاة")) == root_of(normalize_letters("القاضي"))
    # Where the ه is the root's own, it stays: مياه is not a plural of this kind.
    assert root_of(normalize_letters("المياه")) != "ميي"


def test_a_four_letter_word_is_corrected_across_a_long_vowel_only(lexical_only):
    OpportunityFactory(title_ar="طريقة برايل", title_en="")
    OpportunityFactory(title_ar="فن الرسم", title_en="")
    assert titles("بريل") == ["طريقة برايل"]  # a loanword written without its alif
    assert titles("رسخ") == []  # a changed consonant in a short word is another word


def test_an_opportunity_is_embedded_by_the_job_after_its_change_commits(
    django_capture_on_commit_callbacks, coordinator_a, entity_a
):
    from learningcity.catalogue.services.opportunities import opportunity_create
    from tests.factories import LearningCityFactory

    city = LearningCityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        opportunity = opportunity_create(
            data={
                "title_ar": "الإسعافات الأولية", "title_en": "First aid", "description_ar": "إنقاذ الحياة",
                "opportunity_type": "course", "provider": entity_a, "learning_city": city,
                "governorate": city.governorate, "hours": 4, "credential": "completion",
            },
            by=coordinator_a,
        )  # fmt: skip
    row = OpportunityEmbedding.objects.get(opportunity=opportunity)
    assert row.model == semantic.MODEL_NAME and len(bytes(row.vector)) == 4 * semantic.DIMENSIONS


def test_semantic_neighbours_find_what_no_word_matches_and_the_index_follows_new_rows():
    first_aid = OpportunityFactory(
        title_ar="الإسعافات الأولية وإنقاذ المصابين", title_en="", description_ar="إيقاف النزيف والإنعاش"
    )
    cooking = OpportunityFactory(title_ar="فنون الطهي", title_en="", description_ar="وصفات من المطبخ الحجازي")
    semantic.embed_opportunities([first_aid, cooking])
    assert semantic.nearest("how to help an injured person", k=1)[0][0] == first_aid.pk
    sewing = OpportunityFactory(title_ar="الخياطة والتفصيل", title_en="", description_ar="ماكينة الخياطة")
    semantic.embed_opportunities([sewing])
    assert semantic.nearest("sewing machine", k=1)[0][0] == sewing.pk  # the matrix took the new row
    # Unchanged text is not embedded again.
    assert semantic.embed_opportunities([first_aid, cooking, sewing]) == 0


def test_a_text_embedded_again_in_the_same_process_reuses_its_vector(monkeypatch):
    def computed_again(texts):
        raise AssertionError(f"embedded again: {texts}")

    reading = OpportunityFactory(title_ar="نادي القراءة للكبار", title_en="", description_ar="")
    semantic.embed_opportunities([reading])
    first = reading.embedding.vector
    monkeypatch.setattr(semantic, "embed_passages", computed_again)
    reading.embedding.delete()  # as after a flushed database: stored nowhere, known to the process
    again = OpportunityFactory(title_ar="نادي القراءة للكبار", title_en="", description_ar="")
    assert semantic.embed_opportunities([again]) == 1
    assert semantic.OpportunityEmbedding.objects.get().vector == first


def test_semantic_search_can_be_turned_off(settings):
    opportunity = OpportunityFactory(title_ar="الإسعافات الأولية", title_en="", description_ar="")
    semantic.embed_opportunities([opportunity])
    settings.SEARCH_SEMANTIC_RESCUE_SIMILARITY = 0.0
    settings.SEARCH_SEMANTIC_MIN_SIMILARITY = 0.0
    assert titles("help for the injured") == ["الإسعافات الأولية"]
    settings.SEARCH_SEMANTIC = False
    assert titles("help for the injured") == []


def test_the_page_says_which_word_was_searched_instead(client, lexical_only):
    OpportunityFactory(title_ar="التصوير الضوئي")
    body = client.get("/ar/opportunities/", {"q": "تصوبر"}).content.decode()
    assert "التصوير الضوئي" in body
    assert "فبحثنا أيضًا عن:" in body and "?q=%D8%AA%D8%B5%D9%88%D9%8A%D8%B1" in body


def test_one_course_named_after_each_place_is_still_one_entry(lexical_only):
    from learningcity.catalogue.search.engine import group_runs
    from tests.factories import GovernorateFactory, LearningCityFactory

    yanbu = LearningCityFactory(name_ar="ينبع", governorate=GovernorateFactory(name_ar="ينبع"))
    alula = LearningCityFactory(name_ar="العلا", governorate=GovernorateFactory(name_ar="العلا"))
    here = OpportunityFactory(title_ar="الخط العربي — ينبع", learning_city=yanbu)
    there = OpportunityFactory(title_ar="الخط العربي — العلا", learning_city=alula)
    assert [(e.pk, e.others) for e in group_runs([here.pk, there.pk])] == [(here.pk, [there.pk])]


def test_the_title_first_answer_is_the_full_ranking_when_enough_titles_hold_every_word(
    lexical_only, monkeypatch
):
    from learningcity.catalogue.search import lexical
    from learningcity.catalogue.selectors import public_opportunities

    for number in range(4):
        OpportunityFactory(title_ar=f"الخط العربي في ينبع {number}", description_ar="")
    OpportunityFactory(title_ar="الخط العربي", description_ar="دورة في ينبع")
    OpportunityFactory(title_ar="فنون ينبع", description_ar="")
    parsed = parse_query("الخط العربي ينبع")
    opportunities = public_opportunities()
    quick = lexical.ranked_ids(opportunities, parsed, limit=3)
    few_titles = lexical.ranked_ids(opportunities, parsed, limit=10)
    monkeypatch.setattr(lexical, "_title_tier", lambda *args: None)
    assert quick == lexical.ranked_ids(opportunities, parsed, limit=3)
    # With fewer title holders than asked for, every match is ranked (the description's too).
    assert few_titles == lexical.ranked_ids(opportunities, parsed, limit=10) and len(few_titles) >= 5


def test_the_newest_window_answers_as_the_whole_title_tier_or_not_at_all(lexical_only, monkeypatch):
    from learningcity.catalogue.search import lexical
    from learningcity.catalogue.selectors import public_opportunities

    # Newest last: five titles hold the phrase, then six newer ones do not, then one does.
    for number in range(5):
        OpportunityFactory(title_ar=f"الخط العربي للشباب {number}", description_ar="")
    for number in range(6):
        OpportunityFactory(title_ar=f"الرسم الزيتي {number}", description_ar="الخط العربي")
    OpportunityFactory(title_ar="الخط العربي للسيدات", description_ar="")
    opportunities = public_opportunities()
    concepts = parse_query("الخط العربي").concepts
    whole = list(lexical._title_tier(opportunities, concepts).order_by("-pk").values_list("pk", flat=True))
    assert len(whole) == 6
    monkeypatch.setattr(lexical, "NEWEST_WINDOW", 9)
    monkeypatch.setattr(lexical, "_opportunities_estimate", lambda: 1_000_000.0)
    window = lexical._newest_in_title_tier(opportunities, concepts, 3)
    if connection.vendor != "postgresql":
        assert window is None  # only PostgreSQL's title index reads a window
        return
    # The nine newest hold three matches: the three newest of the whole tier.
    assert window == whole[:3]
    # Four are asked for and the window holds three. In a large catalogue (the statistics'
    # estimate) it walks as far as three in nine say four lie, fifteen rows, and finds them.
    assert lexical._newest_in_title_tier(opportunities, concepts, 4) == whole[:4]
    # In a catalogue of twelve, a third of them matching, the index's bitmap reads four pages,
    # cheaper than walking fifteen entries at a page's cost each: it leaves it to the bitmap.
    monkeypatch.setattr(lexical, "_opportunities_estimate", lambda: 12.0)
    monkeypatch.setattr(lexical, "WALKED_PER_MATCH", 1)
    assert lexical._newest_in_title_tier(opportunities, concepts, 4) is None
    monkeypatch.setattr(lexical, "_opportunities_estimate", lambda: 1_000_000.0)
    # Where it may walk no further, it cannot say, and the whole tier answers.
    monkeypatch.setattr(lexical, "WIDEST_WINDOW", 9)
    assert lexical._newest_in_title_tier(opportunities, concepts, 4) is None
    monkeypatch.setattr(lexical, "WIDEST_WINDOW", 100_000)
    # Seven are asked for and six exist: the widened walk reaches every row and still cannot say.
    assert lexical._newest_in_title_tier(opportunities, concepts, 7) is None
    # The window counts only what the scope keeps.
    assert lexical._newest_in_title_tier(opportunities.exclude(pk=whole[0]), concepts, 3) == whole[1:4]
    # A catalogue the first window would hold whole is left to the bitmap, without a walk.
    monkeypatch.setattr(lexical, "_opportunities_estimate", lambda: 8.0)
    with CaptureQueriesContext(connection) as queries:
        assert lexical._newest_in_title_tier(opportunities, concepts, 3) is None
    assert not queries.captured_queries


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the statistics are PostgreSQL's")
def test_the_catalogues_size_is_read_from_the_statistics_once_for_many_searches(db):
    from learningcity.catalogue.search import lexical

    OpportunityFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_opportunity")
    with CaptureQueriesContext(connection) as queries:
        assert lexical._opportunities_estimate() == 3.0
        assert lexical._opportunities_estimate() == 3.0
    assert len(queries.captured_queries) == 1


def test_the_page_says_when_more_matched_than_are_listed(client, lexical_only, monkeypatch):
    from learningcity.catalogue.search import lexical

    for audience in ("للأطفال", "للشباب", "للسيدات"):
        OpportunityFactory(title_ar=f"الخط العربي {audience}")
    monkeypatch.setattr(lexical, "LIMIT", 2)
    body = client.get("/ar/opportunities/", {"q": "الخط العربي"}).content.decode()
    assert "فرصٌ كثيرة تطابق بحثك، وتُعرض هنا أقرب فرصتين." in body
    monkeypatch.setattr(lexical, "LIMIT", 200)
    body = client.get("/ar/opportunities/", {"q": "الخط العربي", "sort": "newest"}).content.decode()
    assert "فرصٌ كثيرة" not in body and ("وجدنا 3 فرص" in body or "وجدنا ٣ فرص" in body)
