"""The catalogue's search in a real browser: on a phone the first screen shows results (the
filters wait, closed); a search with no result offers near matches and following it; a
learner who follows a search is told when a provider publishes an opportunity that fits it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from learningcity.core.models import Governorate, LearningCity
from tests.browser.conftest import BrowserPage
from tests.factories import (
    TEST_PASSWORD,
    EntityFactory,
    LearnerFactory,
    OpportunityFactory,
    SessionFactory,
    coordinator_user,
)

pytestmark = pytest.mark.django_db(transaction=True)

QUERIES = {"ar": "الخط العربي", "en": "calligraphy"}


@pytest.fixture
def catalogue(transactional_db):
    call_command("seed_reference", verbosity=0)
    provider = EntityFactory(name_ar="بيت الخط", name_en="House of Calligraphy")
    madinah = Governorate.objects.get(code="madinah")
    city = LearningCity.objects.get(code="madinah")
    for number, (title_ar, title_en) in enumerate(
        (("الخط العربي للمبتدئين", "Arabic calligraphy for beginners"), ("خط الرقعة", "Ruq'ah calligraphy"),
         ("الخط العربي للأطفال", "Arabic calligraphy for children"), ("جماليات الخط العربي", "The beauty of calligraphy"))
    ):  # fmt: skip
        opportunity = OpportunityFactory(
            title_ar=title_ar, title_en=title_en, provider=provider, learning_city=city, governorate=madinah,
            description_ar="أدوات الخطاط وقواعد رسم الحروف.", description_en="The calligrapher's tools.",
        )  # fmt: skip
        SessionFactory(opportunity=opportunity, capacity=10 + number)
    return {"provider": provider, "city": city, "governorate": madinah}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_phone_search_shows_results_in_the_first_screen(phone, web, catalogue, language):
    phone.goto(f"/{language}/opportunities/?q={QUERIES[language]}")
    page = phone.page
    first = page.locator(".opportunity-card").first
    box = first.bounding_box()
    assert box is not None and box["y"] + 40 < page.viewport_size["height"], box
    assert not page.locator("details.filters").evaluate("d => d.open")
    page.locator("details.filters summary").click()  # the filters are one tap away
    assert page.locator("details.filters").evaluate("d => d.open")
    assert phone.serious_accessibility_violations() == []
    # Beside the results on a wide screen, the filters are open.
    web.goto(f"/{language}/opportunities/?q={QUERIES[language]}")
    assert web.page.locator("details.filters").evaluate("d => d.open")
    assert phone.console_errors == [] and web.console_errors == []


@pytest.mark.parametrize(("language", "query", "offer"), [
    ("ar", "الخط الكوفي", "نتائج قريبة مما طلبت"), ("en", "kufic calligraphy", "Close to what you asked"),
])  # fmt: skip
def test_a_search_with_no_result_offers_near_matches(web, catalogue, language, query, offer):
    web.goto(f"/{language}/opportunities/?q={query}")
    page = web.page
    assert page.get_by_role("heading", name=offer).is_visible()
    near = page.locator(".opportunity-card")
    assert near.count() >= 1 and (
        "الخط" in near.first.inner_text() or "alligraphy" in near.first.inner_text()
    )
    with page.expect_navigation():
        near.first.locator("a").first.click()
    assert "/opportunities/" in page.url
    page.go_back()
    assert web.serious_accessibility_violations() == []


def test_a_followed_search_tells_its_learner_when_a_matching_opportunity_is_published(
    web, browser, live_server, catalogue
):
    learner = LearnerFactory(full_name="نورة", governorate=catalogue["governorate"])
    web.sign_in(learner.user.username, TEST_PASSWORD)
    web.goto("/ar/opportunities/?q=الخط الكوفي")
    page = web.page
    with page.expect_navigation():
        page.get_by_role("button", name="أخبرني").click()
    assert page.get_by_text("أنت تتابع «الخط الكوفي»").is_visible()

    # A coordinator of the provider publishes a Kufic calligraphy course from their own pages.
    coordinator = coordinator_user(catalogue["provider"], "khattat")
    draft = OpportunityFactory(
        title_ar="الخط الكوفي المربع", title_en="Square Kufic", provider=catalogue["provider"],
        learning_city=catalogue["city"], governorate=catalogue["governorate"], status="draft",
    )  # fmt: skip
    SessionFactory(opportunity=draft)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    provider = BrowserPage(context.new_page(), live_server.url)
    provider.sign_in(coordinator.username, TEST_PASSWORD)
    provider.goto(f"/ar/opportunities/manage/{draft.pk}/sessions/")
    provider_page = provider.page
    provider_page.select_option("#status-select", "published")
    with provider_page.expect_navigation():
        provider_page.locator("#status-select").evaluate("select => select.form.requestSubmit()")
    context.close()

    web.goto("/ar/notifications/")
    notice = page.get_by_text("الخط الكوفي المربع")
    assert notice.first.is_visible(), page.locator("main").inner_text()[:600]
    assert web.console_errors == []
