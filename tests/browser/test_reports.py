"""Reports in a real browser: a manager downloads the city report from the form's buttons,
starts a GNLC report and writes a narrative; axe-core on the report pages in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from learningcity.core.models import Region
from learningcity.reports.models import GnlcReport
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def manager(transactional_db):
    call_command("seed_reference", verbosity=0)
    return UserFactory(username="manager", role="programme_manager")


def test_a_manager_downloads_the_city_report_and_writes_a_gnlc_narrative(web, manager):
    page = web.page
    web.sign_in("manager", TEST_PASSWORD)
    web.goto("/ar/reports/")
    with page.expect_download() as download:
        page.get_by_role("button", name="مصنف Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    today = timezone.localdate()
    page.get_by_label("بداية الفترة").fill(str(today - dt.timedelta(days=730)))
    page.get_by_label("نهاية الفترة").fill(str(today))
    page.get_by_role("button", name="بدء التقرير").click()
    page.wait_for_load_state()
    assert "تقرير التقدم لشبكة مدن التعلم" in page.content()
    page.get_by_label("النص السردي بالعربية — نظرة عامة على مدينة التعلم").fill("مدينة تتعلم مدى الحياة")
    page.get_by_role("button", name="حفظ النصوص السردية").click()
    page.wait_for_load_state()
    assert GnlcReport.objects.get().narrative("overview", "ar") == "مدينة تتعلم مدى الحياة"
    assert web.serious_accessibility_violations() == []
    assert not web.console_errors


@pytest.mark.parametrize("language", ["ar", "en"])
def test_report_pages_have_no_serious_accessibility_violations(web, manager, language):
    today = timezone.localdate()
    report = GnlcReport.objects.create(
        region=Region.objects.order_by("pk").first(),
        period_start=today - dt.timedelta(days=730),
        period_end=today,
        created_by=manager,
    )
    web.sign_in("manager", TEST_PASSWORD, language)
    for path in (
        "reports/",
        "reports/archive/",
        f"reports/gnlc/{report.pk}/",
        f"reports/gnlc/{report.pk}/versions/",
    ):
        web.goto(f"/{language}/{path}")
        assert web.serious_accessibility_violations() == [], path


@pytest.mark.parametrize(
    ("language", "workbook", "preparing"),
    [("ar", "مصنف Excel", "جارٍ إعداد التقرير"), ("en", "Excel workbook", "Preparing the report")],
)
def test_the_report_says_it_is_being_prepared_until_the_file_arrives(
    web, manager, language, workbook, preparing
):
    page = web.page
    web.sign_in("manager", TEST_PASSWORD, language)
    web.goto(f"/{language}/reports/")
    # Every state the status line goes through, as a screen reader would hear it.
    page.evaluate(
        """() => { window.heard = []; const status = document.querySelector('[data-preparing-status]');
                   new MutationObserver(() => window.heard.push(status.textContent)).observe(
                     status, {childList: true, characterData: true, subtree: true}); }"""
    )
    with page.expect_download() as download:
        page.get_by_role("button", name=workbook).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.wait_for_function("() => document.querySelector('[data-preparing-status]').textContent === ''")
    assert any(preparing in text for text in page.evaluate("window.heard"))
    assert page.get_by_role("button", name=workbook).is_enabled()
