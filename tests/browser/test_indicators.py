"""Indicators in a real browser: a coordinator reports a value, a manager verifies it, and
the dashboard tile changes; axe-core on the indicator pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from learningcity.accounts.models import Role
from learningcity.indicators.models import IndicatorTarget
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
