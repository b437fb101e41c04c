"""Codes by SMS in a real browser, in both languages: proving a mobile number after signing up
(a wrong code, then the right one) and signing in with a number and a code (an expired code,
then a fresh one). The text messages go through the worker to a local server speaking
Unifonic's documented API; the code is read from the message that arrived there."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from learningcity.catalogue.models import Learner
from tests.factories import GovernorateFactory, LearnerFactory

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "ar": {
        "full_name": "الاسم الكامل", "mobile": "رقم الجوال", "password": "كلمة المرور", "again": "تأكيد كلمة المرور",
        "create": "إنشاء الحساب", "code": "الرمز في الرسالة النصية", "confirm": "تأكيد", "wrong": "غير صحيح",
        "confirmed": "تأكّد رقم جوالك", "with_code": "الدخول برمز يُرسل إلى جوالك", "send": "إرسال الرمز",
        "sign_in": "تسجيل الدخول", "expired": "انتهت صلاحية هذا الرمز", "new_code": "إرسال رمز جديد",
    },
    "en": {
        "full_name": "Full name", "mobile": "Mobile number", "password": "Password", "again": "Password confirmation",
        "create": "Create my account", "code": "The code in the text message", "confirm": "Confirm", "wrong": "not right",
        "confirmed": "Your mobile number is confirmed", "with_code": "Sign in with a code sent to your mobile",
        "send": "Send the code", "sign_in": "Sign in", "expired": "This code has expired", "new_code": "Send a new code",
    },
}  # fmt: skip


def _code(providers) -> str:
    return re.search(r"\d{6}", providers.sms_to("966512345678")[-1]).group()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_signing_up_with_a_mobile_number_then_proving_it(web, providers, language):
    words = WORDS[language]
    GovernorateFactory(name_ar="المدينة المنورة", name_en="Madinah")
    web.goto(f"/{language}/learn/sign-up/")
    page = web.page
    page.get_by_label(words["full_name"]).fill("ريم العوفي")
    page.get_by_label(words["mobile"]).fill("0512345678")
    page.locator("input[name=sex]").first.check()
    page.locator("select[name=age_group]").select_option("25-44")
    page.locator("select[name=governorate]").select_option(index=1)
    page.locator("input[name=nationality]").first.check()
    page.locator("input[name=password1]").fill("tawil-wa-sahl-1447")
    page.locator("input[name=password2]").fill("tawil-wa-sahl-1447")
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/learn/verify-mobile/**")
    assert "05••••••78" in page.content()
    code = _code(providers)
    page.get_by_label(words["code"]).fill(f"{(int(code) + 1) % 10**6:06d}")
    page.get_by_role("button", name=words["confirm"], exact=True).click()
    page.wait_for_load_state()
    # The error is said beside the field and in the summary, and what was typed stays.
    assert words["wrong"] in page.locator(".invalid-feedback").inner_text()
    assert web.serious_accessibility_violations() == []
    page.get_by_label(words["code"]).fill(code)
    page.get_by_role("button", name=words["confirm"], exact=True).click()
    page.wait_for_url("**/learn/my-learning/")
    assert words["confirmed"] in page.content()
    assert Learner.objects.get(mobile="+966512345678").mobile_verified_at is not None


@pytest.mark.parametrize("language", ["ar", "en"])
def test_signing_in_with_a_code_after_one_expired(web, providers, language):
    words = WORDS[language]
    learner = LearnerFactory(mobile="+966512345678", mobile_verified_at=None, language=language)
    web.goto(f"/{language}/accounts/login/")
    page = web.page
    page.get_by_role("link", name=words["with_code"]).click()
    page.get_by_label(words["mobile"]).fill("0512345678")
    page.get_by_role("button", name=words["send"]).click()
    page.wait_for_load_state()
    assert web.serious_accessibility_violations() == []
    stale = _code(providers)
    # Eleven minutes later the code has expired.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11)):
        page.get_by_label(words["code"]).fill(stale)
        page.get_by_role("button", name=words["sign_in"], exact=True).click()
        page.wait_for_load_state()
        assert words["expired"] in page.locator(".invalid-feedback").inner_text()
        page.get_by_role("button", name=words["new_code"]).click()
        page.wait_for_load_state()
        fresh = _code(providers)
        assert fresh and len(providers.sms_to("966512345678")) == 2
        page.get_by_label(words["code"]).fill(fresh)
        page.get_by_role("button", name=words["sign_in"], exact=True).click()
        page.wait_for_url("**/learn/my-learning/**")
    learner.refresh_from_db()
    assert learner.mobile_verified_at is not None


@pytest.mark.parametrize(
    ("language", "sms", "news"),
    [("ar", "برسالة نصية", "الفرص الجديدة"), ("en", "By text message", "New opportunities")],
)
def test_a_verified_number_adds_a_text_message_column_to_the_settings(web, providers, language, sms, news):
    from learningcity.notifications.models import NotificationPreference

    LearnerFactory(
        user__username="reem", user__email="", mobile="+966512345678", mobile_verified_at=timezone.now()
    )
    web.sign_in("reem", "correct-horse-battery-staple", language)
    web.goto(f"/{language}/notifications/preferences/")
    page = web.page
    assert page.get_by_role("columnheader", name=sms).count() == 1
    # No e-mail address: service messages come by SMS unless switched off.
    row = page.get_by_role("row").filter(has_text=news)
    box = row.get_by_role("checkbox", name=f"{sms}: ", exact=False)
    assert box.is_checked()
    box.uncheck()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert NotificationPreference.objects.get(user__username="reem", topic="news").sms is False
    assert NotificationPreference.objects.get(user__username="reem", topic="learning").sms is True
    assert web.serious_accessibility_violations() == []


@pytest.mark.parametrize(
    ("language", "title", "sent"), [("ar", "الرسائل المرسلة", "أُرسلت"), ("en", "Messages sent", "Sent")]
)
def test_the_managers_see_every_message_and_what_became_of_it(web, providers, language, title, sent):
    from django.core.management import call_command

    from learningcity.accounts.models import Role
    from learningcity.notifications.services import notify
    from tests.factories import UserFactory

    call_command("seed_reference", verbosity=0)
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    learner = LearnerFactory(user__email="", mobile="+966512345678", mobile_verified_at=timezone.now())
    notify(recipients=[learner.user], kind="registration.confirmed", title="تأكيد مقعدك")
    web.sign_in("manager", "correct-horse-battery-staple", language)
    web.goto(f"/{language}/notifications/deliveries/")
    page = web.page
    assert page.get_by_role("heading", name=title).count() == 1
    row = page.get_by_role("row").filter(has_text="تأكيد مقعدك")
    assert sent in row.inner_text() and "966512345678" in row.inner_text()
    assert web.serious_accessibility_violations() == []
