"""Data exchange in a real browser: check then import a file, make an API token, the API docs
under the strict Content-Security-Policy, and axe-core on the exchange, notification and open
data pages in Arabic and English."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from learningcity.partners.models import Entity
from tests.factories import TEST_PASSWORD, EntityFactory, UserFactory, coordinator_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db):
    call_command("seed_reference", verbosity=0)
    entity = EntityFactory(name_ar="مدينة طيبة التعليمية للتربية الخاصة", name_en="Taibah Educational City")
    coordinator_user(entity, "coordinator")
    UserFactory(username="manager", role="programme_manager")
    return {"entity": entity}


def test_a_manager_checks_then_imports_a_partner_file(web, people, tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(
        "المعرّف الخارجي,الاسم (العربية),القطاع,نوع الجهة,المحافظات\n"
        "IMP-1,جمعية العيص الخيرية,القطاع غير الربحي,charity,al-ais\n"
        "IMP-2,,private,company,yanbu\n",
        encoding="utf-8-sig",
    )
    page = web.page
    web.sign_in("manager", TEST_PASSWORD)
    web.goto("/ar/exchange/imports/new/")
    page.get_by_label("محتوى الملف").select_option("partners")
    page.get_by_label("الملف (CSV أو Excel بصيغة ‎.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="افحص الملف").click()
    page.wait_for_load_state()
    assert "وُجدت مشكلة واحدة" in page.content()
    assert page.get_by_role("cell", name="الاسم (العربية)").count() == 1
    assert web.serious_accessibility_violations() == []

    path.write_text(
        "المعرّف الخارجي,الاسم (العربية),القطاع,نوع الجهة,المحافظات\nIMP-1,جمعية العيص الخيرية,القطاع غير الربحي,charity,al-ais\n",
        encoding="utf-8-sig",
    )
    web.goto("/ar/exchange/imports/new/")
    page.get_by_label("محتوى الملف").select_option("partners")
    page.get_by_label("الملف (CSV أو Excel بصيغة ‎.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="افحص الملف").click()
    page.wait_for_load_state()
    assert not Entity.objects.filter(external_id="IMP-1").exists()
    page.get_by_role("button", name="استيراد").click()
    page.wait_for_load_state()
    assert "تم الاستيراد" in page.content()
    assert Entity.objects.filter(external_id="IMP-1").exists()
    assert not web.console_errors


def test_a_coordinator_makes_a_token_and_reads_the_api_docs(web, people):
    page = web.page
    web.sign_in("coordinator", TEST_PASSWORD)
    web.goto("/ar/api-tokens/")
    page.get_by_label("الاسم").fill("نظام التسجيل")
    page.get_by_label("قراءة وكتابة").check()
    page.get_by_role("button", name="أنشئ الرمز").click()
    page.wait_for_load_state()
    token = page.locator("#token-value").input_value()
    assert token.startswith("lc_")
    assert web.serious_accessibility_violations() == []
    web.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .information-container", timeout=15_000)
    assert "Learning City Platform API" in page.content()
    csp_errors = [
        error for error in web.console_errors if "Content Security Policy" in error or "Refused" in error
    ]
    assert csp_errors == [], csp_errors


@pytest.mark.parametrize("language", ["ar", "en"])
def test_exchange_pages_have_no_serious_accessibility_violations(web, people, language):
    web.sign_in("manager", TEST_PASSWORD, language)
    for path in ("exchange/", "exchange/imports/", "exchange/imports/new/", "exchange/webhooks/", "api-tokens/",
                 "notifications/preferences/", "notifications/announcements/", "notifications/announcements/new/",
                 "open-data/"):  # fmt: skip
        web.goto(f"/{language}/{path}")
        assert web.serious_accessibility_violations() == [], path


def test_an_announcement_is_sent_and_read(web, people):
    page = web.page
    web.sign_in("manager", TEST_PASSWORD)
    web.goto("/ar/notifications/announcements/new/")
    page.get_by_label("العنوان (العربية)").fill("لقاء الشركاء القادم")
    page.get_by_label("الرسالة (العربية)").fill("ندعوكم إلى اللقاء التنسيقي الأحد القادم.")
    page.get_by_label("جميع الشركاء").check()
    page.get_by_role("button", name="إرسال").click()
    page.wait_for_load_state()
    assert "يُرسل الإعلان إلى" in page.content()  # the worker (here: at commit) writes the rest
    page.context.clear_cookies()
    web.sign_in("coordinator", TEST_PASSWORD)
    web.goto("/ar/notifications/")
    page.get_by_role("link", name="لقاء الشركاء القادم").click()
    page.wait_for_load_state()
    assert "ندعوكم إلى اللقاء التنسيقي" in page.content()
