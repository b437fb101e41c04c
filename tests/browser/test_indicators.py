"""Indicators in a real browser: a coordinator reports a value, a manager verifies it, and
the dashboard tile changes; axe-core on the indicator pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from learningcity.accounts.models import Role
from learningcity.core.models import Governorate
from learningcity.indicators.models import IndicatorTarget, Measurement
from tests.factories import TEST_PASSWORD, EntityFactory, IndicatorFactory, UserFactory, coordinator_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_value_reported_verified_and_shown_on_the_dashboard(web, browser, live_server, transactional_db):
    call_command("seed_reference", verbosity=0)
    owner = EntityFactory(name_ar="جمعية تعليم الكبار ومحو الأمية")
    coordinator_user(owner, "coordinator")
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    indicator = IndicatorFactory(
        code="LC-01",
        name_ar="عدد المتعلمين البالغين",
        name_en="Adult learners",
        owner_entity=owner,
        allowed_disaggregations=["sex"],
    )
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    IndicatorTarget.objects.create(indicator=indicator, period_start=last_month, value=Decimal(100))

    page = web.page
    web.sign_in("coordinator", TEST_PASSWORD)
    web.goto(f"/ar/indicators/{indicator.pk}/")
    page.get_by_role("link", name="الإبلاغ عن قيمة").click()
    page.get_by_label("المكان").select_option(label="المدينة المنورة")
    page.get_by_label("القيمة").fill("150")
    page.get_by_label("أنثى").fill("80")
    page.get_by_label("ذكر").fill("70")
    page.get_by_role("button", name="إرسال للتحقق").click()
    page.wait_for_url(f"**/ar/indicators/{indicator.pk}/")
    assert "أُرسلت القيمة للتحقق." in page.locator(".messages").inner_text()

    manager_context = browser.new_context()
    manager = manager_context.new_page()
    manager.goto(f"{live_server.url}/ar/accounts/login/")
    manager.fill("input[name=username]", "manager")
    manager.fill("input[name=password]", TEST_PASSWORD)
    manager.locator("main form button[type=submit]").click()
    manager.wait_for_load_state()
    manager.goto(f"{live_server.url}/ar/dashboard/")
    tile = manager.locator("article.tile").filter(has_text="عدد المتعلمين البالغين")
    assert "لا توجد بيانات" in tile.inner_text()
    manager.goto(f"{live_server.url}/ar/indicators/verification/")
    assert manager.locator("tbody tr").count() == 3
    manager.get_by_role("button", name="اعتماد القيم المختارة").click()
    manager.wait_for_load_state()
    manager.goto(f"{live_server.url}/ar/dashboard/")
    tile = manager.locator("article.tile").filter(has_text="عدد المتعلمين البالغين")
    assert "150" in tile.inner_text()
    assert "على المسار" in tile.inner_text()
    manager_context.close()


@pytest.mark.parametrize(("language", "yanbu"), [("ar", "ينبع"), ("en", "Yanbu")])
def test_time_runs_left_to_right_and_the_quality_box_names_its_places(web, language, yanbu):
    """Arabic statistics print time left to right (mirrored, a rise reads as a fall); a
    breakdown that does not add up names its governorate, not an internal key."""
    call_command("seed_reference", verbosity=0)
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    indicator = IndicatorFactory(frequency="yearly", allowed_disaggregations=["sex"])
    governorate = Governorate.objects.get(code="yanbu")
    for year, value in ((2022, 10), (2023, 20), (2024, 30)):
        Measurement.objects.create(
            indicator=indicator, period_start=dt.date(year, 1, 1), region=governorate.region,
            governorate=governorate, value=Decimal(value), status="verified",
        )  # fmt: skip
    Measurement.objects.create(
        indicator=indicator, period_start=dt.date(2024, 1, 1), region=governorate.region, governorate=governorate,
        dimension="sex", category="female", value=Decimal(40), status="verified",
    )  # fmt: skip

    web.sign_in("manager", TEST_PASSWORD, language)
    web.goto(f"/{language}/indicators/{indicator.pk}/?scope=governorate:{governorate.pk}")
    page = web.page
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('trend-chart'))")
    first, last = page.evaluate(
        """() => { const x = Chart.getChart(document.getElementById('trend-chart')).scales.x;
                   return [x.getPixelForTick(0), x.getPixelForTick(x.ticks.length - 1)]; }"""
    )
    assert first < last
    quality = page.locator("section[aria-labelledby=issues-heading]").inner_text()
    assert yanbu in quality and "governorate:" not in quality
    assert web.serious_accessibility_violations() == []


@pytest.mark.parametrize(
    ("language", "as_of", "show", "percent", "local"),
    [
        ("ar", "حتى تاريخ", "عرض", "37.5٪", "مؤشرات محلية"),
        ("en", "As of", "Show", "37.5%", "Local indicators"),
    ],
)
def test_the_dashboard_picks_its_date_from_a_calendar_and_shows_units(
    web, language, as_of, show, percent, local
):
    call_command("seed_reference", verbosity=0)
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    indicator = IndicatorFactory(unit="percent", frequency="yearly", aggregation="weighted_mean")
    governorate = Governorate.objects.get(code="yanbu")
    for year, value in ((2024, "30"), (2025, "37.5")):
        Measurement.objects.create(
            indicator=indicator, period_start=dt.date(year, 1, 1), region=governorate.region,
            governorate=governorate, value=Decimal(value), status="verified",
        )  # fmt: skip
    web.sign_in("manager", TEST_PASSWORD, language)
    web.goto(f"/{language}/dashboard/")
    page = web.page
    field = page.get_by_label(as_of)
    assert field.get_attribute("type") == "date"  # the browser's own calendar, not typing
    field.fill("2025-12-31")
    page.get_by_role("button", name=show, exact=True).click()
    page.wait_for_url("**until=2025-12-31**")
    assert page.get_by_label(as_of).input_value() == "2025-12-31"
    tile = page.locator("article.tile").filter(has_text=indicator.code)
    assert percent in tile.inner_text()
    # What changed since the period before, and whether that is better, in the tile.
    change = tile.get_by_test_id("change").inner_text()
    assert "+7.5" in change and "2024-01" in change, change
    # After Arabic words a bare 2024-01 would be laid out 01-2024: the period is isolated.
    assert tile.get_by_test_id("change").locator('bdi[dir="ltr"]', has_text="2024-01").count() == 1
    # Tiles are grouped by the framework feature they serve; this one serves none.
    assert page.get_by_role("heading", name=local, exact=True).is_visible()
    value = tile.locator(".tile-value .text-nowrap")
    assert value.evaluate("element => getComputedStyle(element).whiteSpace") == "nowrap"
