"""Public search: Arabic spelling variants, ranking, filters, bad queries, constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learningcity.catalogue.selectors import opportunity_search, parse_query
from tests.factories import (
    GovernorateFactory,
    LearningCityFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def titles(filters):
    opportunities, _parsed = opportunity_search(filters=filters)
    return [o.title_ar for o in opportunities]


def test_spelling_variants_find_the_same_opportunity():
    OpportunityFactory(title_ar="دورة مكتبة مدينة طيبة للمعلمات", description_ar="برنامج")
    for query in ("مدينه طيبه", "مَدِينَةُ طَيْبَة", "المعلمات", "معلمه", "مكتبة", "ـمكتـبةـ", "٢٠٢٥ مكتبه"):
        expected = [] if "٢٠٢٥" in query else ["دورة مكتبة مدينة طيبة للمعلمات"]
        assert titles({"q": query}) == expected, query


def test_hamza_and_alef_variants_meet():
    OpportunityFactory(title_ar="أساسيات الإسعافات الأولية")
    assert titles({"q": "اساسيات الاسعافات"}) == ["أساسيات الإسعافات الأولية"]


def test_a_title_match_ranks_above_a_description_match():
    in_description = OpportunityFactory(title_ar="ورشة عامة", description_ar="نتعلم فيها البرمجة خطوة بخطوة")
    in_title = OpportunityFactory(title_ar="البرمجة للمبتدئين", description_ar="دورة تمهيدية")
    opportunities, _ = opportunity_search(filters={"q": "برمجة"})
    ranked = list(opportunities)
    assert [o.pk for o in ranked] == [in_title.pk, in_description.pk]
    assert ranked[0].score > ranked[1].score


def test_every_word_must_match():
    OpportunityFactory(title_ar="البرمجة للنساء")
    OpportunityFactory(title_ar="البرمجة للرجال")
    assert titles({"q": "برمجة نساء"}) == ["البرمجة للنساء"]


def test_english_titles_are_searchable_too():
    OpportunityFactory(title_ar="الأمن السيبراني", title_en="Cybersecurity for families")
    assert titles({"q": "cybersecurity"}) == ["الأمن السيبراني"]


def test_drafts_are_never_found():
    OpportunityFactory(title_ar="مسودة البرمجة", status="draft")
    assert titles({"q": "برمجة"}) == []


def test_symbols_only_searches_nothing_and_says_so():
    OpportunityFactory(title_ar="دورة")
    parsed = parse_query("!!! ؟؟ ... @@@")
    assert parsed.unsearchable
    opportunities, parsed = opportunity_search(filters={"q": "!!! ؟؟"})
    assert parsed.unsearchable and len(opportunities) == 1


def test_a_5000_character_query_is_cut_to_its_first_words():
    OpportunityFactory(title_ar="البرمجة للمبتدئين")
    parsed = parse_query("برمجة " * 1000)
    assert parsed.truncated and parsed.terms == ["برمج"]
    assert titles({"q": "برمجة " * 1000}) == ["البرمجة للمبتدئين"]


def test_filters_narrow_the_results():
    city_governorate = GovernorateFactory()
    city = LearningCityFactory(governorate=city_governorate)
    skill = SkillFactory()
    match = OpportunityFactory(
        title_ar="المطابقة",
        learning_city=city,
        opportunity_type="workshop",
        fee=0,
        online_url="https://x.example",
        sign_language=True,
        wheelchair_access=True,
        audience_sex="women",
    )
    match.skills.add(skill)
    match.age_groups.create(age_group="15-24")
    SessionFactory(opportunity=match, starts_at=timezone.now() + dt.timedelta(days=10))
    other = OpportunityFactory(title_ar="غيرها", opportunity_type="course", fee=100, audience_sex="men")
    SessionFactory(opportunity=other, starts_at=timezone.now() + dt.timedelta(days=40))

    day_10 = timezone.localdate() + dt.timedelta(days=10)
    for filters in (
        {"learning_city": city},
        {"governorate": city_governorate},
        {"type": ["workshop"]},
        {"audience": "women"},
        {"age_group": "15-24"},
        {"accessibility": ["sign_language", "wheelchair_access"]},
        {"free": True},
        {"online": True},
        {"skill": skill},
        {"date_from": day_10, "date_to": day_10},
    ):
        assert titles(filters) == ["المطابقة"], filters


def test_women_find_mixed_opportunities_with_a_womens_session_but_not_men_only_ones():
    mixed = OpportunityFactory(title_ar="مختلطة بجلسات منفصلة", audience_sex="everyone")
    SessionFactory(opportunity=mixed, audience_sex="men")
    SessionFactory(opportunity=mixed, audience_sex="women")
    men_sessions_only = OpportunityFactory(title_ar="جلسات للرجال فقط", audience_sex="everyone")
    SessionFactory(opportunity=men_sessions_only, audience_sex="men")
    assert sorted(titles({"audience": "women"})) == ["مختلطة بجلسات منفصلة"]
    assert sorted(titles({"audience": "men"})) == ["جلسات للرجال فقط", "مختلطة بجلسات منفصلة"]


def test_soonest_puts_the_next_session_first_and_undated_last():
    later = OpportunityFactory(title_ar="لاحقة")
    SessionFactory(opportunity=later, starts_at=timezone.now() + dt.timedelta(days=20))
    sooner = OpportunityFactory(title_ar="قريبة")
    SessionFactory(opportunity=sooner, starts_at=timezone.now() + dt.timedelta(days=2))
    OpportunityFactory(title_ar="بلا موعد")
    assert titles({"sort": "soonest"}) == ["قريبة", "لاحقة", "بلا موعد"]


def test_the_search_page_shows_results_and_keeps_filters_in_the_page_links(client):
    for number in range(25):
        OpportunityFactory(title_ar=f"البرمجة {number}", fee=0)
    response = client.get("/ar/opportunities/", {"q": "برمجه", "free": "on"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "وجدنا 25 فرصة" in body
    assert "?q=%D8%A8%D8%B1%D9%85%D8%AC%D9%87&amp;free=on&amp;page=2" in body


def test_a_bad_filter_is_reported_and_the_rest_still_apply(client):
    OpportunityFactory(title_ar="البرمجة", fee=0)
    OpportunityFactory(title_ar="البرمجة المدفوعة", fee=50)
    response = client.get("/ar/opportunities/", {"q": "برمجة", "free": "on", "date_from": "2025-13-45"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "تعذّر استخدام بعض عوامل التصفية" in body
    assert "وجدنا فرصة واحدة" in body


@pytest.mark.parametrize("query", ["!!!###", "ب" * 5000, "<script>alert(1)</script>"])
def test_hostile_queries_get_a_page_not_an_error(client, query):
    OpportunityFactory(title_ar="دورة")
    response = client.get("/ar/opportunities/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_search_page_runs_a_constant_number_of_queries(client):
    skill = SkillFactory()
    for number in range(3):
        opportunity = OpportunityFactory(title_ar=f"البرمجة {number}")
        opportunity.skills.add(skill)
        SessionFactory(opportunity=opportunity)
    # The first search of a process also loads the thesaurus and the embeddings' matrix.
    _queries(client, "/ar/opportunities/?q=برمجة")
    small = _queries(client, "/ar/opportunities/?q=برمجة")
    for number in range(3, 20):
        opportunity = OpportunityFactory(title_ar=f"البرمجة {number}")
        opportunity.skills.add(skill)
        SessionFactory(opportunity=opportunity)
    assert _queries(client, "/ar/opportunities/?q=برمجة") == small


def test_the_home_page_runs_a_constant_number_of_queries(client):
    for _number in range(2):
        SessionFactory(opportunity=OpportunityFactory(featured=True))
    small = _queries(client, "/ar/")
    for _number in range(10):
        SessionFactory(opportunity=OpportunityFactory(featured=True))
    assert _queries(client, "/ar/") == small


def test_the_search_follows_edits_and_deletions():
    """On SQLite the search reads an FTS5 index kept by triggers; on PostgreSQL a full-text
    index over the columns."""
    from learningcity.catalogue.search.lexical import _index

    opportunity = OpportunityFactory(title_ar="دورة الخط العربي")
    assert titles({"q": "الخط"}) == ["دورة الخط العربي"]
    opportunity.title_ar = "دورة التصوير الضوئي"
    opportunity.save()
    assert titles({"q": "الخط"}) == [] and titles({"q": "تصوير"}) == ["دورة التصوير الضوئي"]
    opportunity.delete()
    assert titles({"q": "تصوير"}) == []
    expected = {"sqlite": "fts5", "postgresql": "tsvector"}[connection.vendor]
    assert _index(connection.vendor, connection.settings_dict["NAME"]) == expected


def test_the_index_finds_what_the_plain_scan_finds(monkeypatch):
    """The full-text index only narrows the rows: with it and without it (LIKE over the
    normalised columns) every query returns the same opportunities in the same order."""
    from learningcity.catalogue.search import lexical

    for title, description in (
        ("دورة الحاسب الآلي للمبتدئين", "مهارات الحاسوب في المدينة المنورة"),
        ("Python programming", "برمجة بايثون للشباب covid19 2025"),
        ("الإسعافات الأولية", "تدريب على الإسعاف في ينبع ١٤٤٦"),
        ("لغة الإشارة للمعلمات", "Sign language — ² ½ café"),
    ):
        OpportunityFactory(title_ar=title, description_ar=description)
    queries = (
        "حاسب",
        "الحاسوب",
        "مدينه",
        "python",
        "PROG",
        "covid",
        "2025",
        "١٤٤٦",
        "café",
        "²",
        "اسعاف ينبع",
        "لغه",
    )
    with_index = {q: titles({"q": q}) for q in queries}
    monkeypatch.setattr(lexical, "_index", lambda vendor, database: None)
    assert {q: titles({"q": q}) for q in queries} == with_index
    assert with_index["حاسب"] and with_index["covid"] and with_index["١٤٤٦"] and with_index["اسعاف ينبع"]


@pytest.mark.django_db(transaction=True)
def test_the_search_page_shows_a_change_made_after_it_was_cached(client):
    """The search page is cached (views.public.opportunity_search); a committed change to an
    opportunity, its sessions or its links is seen by the next search all the same."""
    opportunity = OpportunityFactory(title_ar="دورة الخط العربي")
    SessionFactory(opportunity=opportunity)
    skill = SkillFactory()

    def found(**params):
        return client.get("/ar/opportunities/", params).content.decode()

    assert "دورة الخط العربي" in found(q="الخط")
    assert "دورة الخط العربي" not in found(skill=skill.pk)
    opportunity.title_ar = "دورة الزخرفة"
    opportunity.save()  # the search columns follow the title
    assert "دورة الخط العربي" not in found(q="الخط")
    assert "دورة الزخرفة" in found(q="الزخرفة")
    opportunity.skills.add(skill)
    assert "دورة الزخرفة" in found(skill=skill.pk)
    opportunity.sessions.all().delete()
    assert "لا توجد جلسة قادمة" in found(q="الزخرفة")
