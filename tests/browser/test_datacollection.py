"""A data set's form in a real browser, in both languages: the coordinator types, the rules
answer as they type, the form is submitted, and a manager approves it level by level until
it is locked; axe-core on the form and the approval list."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from learningcity.accounts.models import Role
from learningcity.core.models import Governorate
from learningcity.datacollection.models import DataForm, DataSet
from learningcity.indicators import calc
from learningcity.indicators import services as indicator_services
from learningcity.indicators.models import LockedPeriod, Measurement
from tests.factories import TEST_PASSWORD, EntityFactory, IndicatorFactory, UserFactory, coordinator_user

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "ar": {
        "rule": "المكتملون أكثر من المسجلين.",
        "all_good": "اكتملت جميع المجاميع وتحققت جميع القواعد.",
        "submit": "إرسال للاعتماد",
        "submitted": "أُرسل النموذج للاعتماد.",
        "approve": "اعتماد",
        "locked": "اعتُمد النموذج وأُقفلت قيمه.",
    },
    "en": {
        "rule": "More completed than registered.",
        "all_good": "Every total is in and every rule holds.",
        "submit": "Submit for approval",
        "submitted": "The form was submitted for approval.",
        "approve": "Approve",
        "locked": "The form was approved and its values are locked.",
    },
}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_form_typed_checked_submitted_and_approved_to_the_region(web, browser, live_server, language):
    words = WORDS[language]
    call_command("seed_reference", verbosity=0)
    owner = EntityFactory(name_ar="جمعية تعليم الكبار ومحو الأمية", name_en="Adult Education Society")
    coordinator_user(owner, "coordinator")
    manager = UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    registered = IndicatorFactory(
        code="REG",
        name_ar="المسجلون",
        name_en="Registered",
        owner_entity=owner,
        allowed_disaggregations=["sex", "age_group"],
    )
    completed = IndicatorFactory(code="CMP", name_ar="المكتملون", name_en="Completed", owner_entity=owner)
    last = calc.last_complete_period(timezone.localdate(), "monthly")
    data_set = DataSet.objects.create(
        code="monthly", name_ar="بيانات الجمعية الشهرية", name_en="The society's monthly returns",
        frequency="monthly", opens_on=last,
    )  # fmt: skip
    data_set.indicators.set([registered, completed])
    data_set.entities.set([owner])
    data_set.governorates.set([Governorate.objects.get(code="madinah")])
    indicator_services.rule_save(
        data={"kind": "comparison", "left": "CMP", "operator": "le", "right": "REG", "importance": "blocking",
              "name_ar": "المكتملون لا يزيدون على المسجلين", "name_en": "Completed within registered",
              "message_ar": WORDS["ar"]["rule"], "message_en": WORDS["en"]["rule"]},
        by=manager,
    )  # fmt: skip

    page = web.page
    web.sign_in("coordinator", TEST_PASSWORD, language)
    web.goto(f"/{language}/data-entry/")
    page.get_by_role("link", name=data_set.name_ar if language == "ar" else data_set.name_en).click()
    page.wait_for_load_state()
    # The total is left empty: the complete breakdown adds up to it.
    page.locator("#cell-regsexfemale").fill("30")
    page.locator("#cell-regsexmale").fill("20")
    page.locator("#cell-cmp").fill("60")
    checks = page.locator("#form-checks")
    checks.get_by_text(words["rule"]).wait_for()
    # The total, left empty, is added up from the complete breakdown as the person types.
    page.locator("#computed-reg").get_by_text("50").wait_for()
    assert web.serious_accessibility_violations() == []
    page.locator("#cell-cmp").fill("40")
    checks.get_by_text(words["all_good"]).wait_for()
    page.get_by_role("button", name=words["submit"]).click()
    page.wait_for_load_state()
    assert words["submitted"] in page.locator(".messages").inner_text()
    assert dict(Measurement.objects.filter(dimension="").values_list("indicator__code", "value")) == {
        "REG": 50, "CMP": 40
    }  # fmt: skip

    manager_context = browser.new_context()
    approver = manager_context.new_page()
    approver.goto(f"{live_server.url}/{language}/accounts/login/")
    approver.fill("input[name=username]", "manager")
    approver.fill("input[name=password]", TEST_PASSWORD)
    approver.locator("main form button[type=submit]").click()
    approver.wait_for_load_state()
    approver.goto(f"{live_server.url}/{language}/data-entry/approvals/")
    approver.locator("tbody a").first.click()
    approver.wait_for_load_state()
    # The governorate, the learning city that holds it, the region.
    for _level in range(3):
        approver.get_by_role("button", name=words["approve"], exact=True).click()
        approver.wait_for_load_state()
    assert words["locked"] in approver.locator(".messages").inner_text()
    form = DataForm.objects.get()
    assert (form.status, form.approved_level) == ("approved", "region")
    assert LockedPeriod.objects.count() == 2
    # The coordinator's form is now read-only.
    page.reload()
    assert page.locator("#cell-cmp").get_attribute("readonly") is not None
    assert web.serious_accessibility_violations() == []
    assert not web.console_errors
    manager_context.close()
