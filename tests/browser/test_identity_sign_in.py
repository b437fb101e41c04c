"""Signing in with the national single sign-on in a real browser, against the local OpenID
Connect provider (identity_provider/, django-oauth-toolkit) on its own port: the button on the
sign-in page, the provider's own login page, a first-time sign-up with the verified name,
signing out of both, and the refusals (a return that does not match the session's state, an
expired ID token) in both languages, each page checked with axe."""

from __future__ import annotations

import re

import pytest

from learningcity.catalogue.models import Learner
from learningcity.identity.models import LinkedIdentity
from tests.factories import TEST_PASSWORD, GovernorateFactory, LearnerFactory

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "ar": {"button": "الدخول عبر النفاذ الوطني الموحد", "create": "إنشاء حسابي", "welcome": "حسابك جاهز", "sign_out": "تسجيل الخروج",
           "not_signed_in": "لم يُسجَّل دخولك", "state": "بدأ في نافذة أخرى", "untrusted": "تعذّر الوثوق"},
    "en": {"button": "Sign in with the national single sign-on", "create": "Create my account", "welcome": "Welcome",
           "sign_out": "Sign out", "not_signed_in": "You were not signed in", "state": "started in another window",
           "untrusted": "could not be trusted"},
}  # fmt: skip


@pytest.fixture
def national(oidc, live_server):
    oidc.allow(live_server.url)
    return oidc


def _at_the_provider(page, username="1023456789"):
    page.wait_for_selector("input[name=password]")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "identity-demo")
    page.locator("button[type=submit]").click()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_first_sign_in_with_the_national_single_sign_on_then_signing_out_of_both(web, national, language):
    words = WORDS[language]
    GovernorateFactory(name_ar="المدينة المنورة", name_en="Madinah")
    web.goto(f"/{language}/accounts/login/")
    page = web.page
    assert web.serious_accessibility_violations() == []
    page.get_by_role("link", name=words["button"]).click()
    _at_the_provider(page)
    page.wait_for_url(f"**/{language}/sign-in/new-learner/")
    assert page.get_by_test_id("verified-name").inner_text().startswith("ريم سالم العوفي")
    assert page.locator("input[name=mobile]").input_value() == "0551234567"
    assert web.serious_accessibility_violations() == []
    page.locator("input[name=sex]").first.check()
    page.locator("select[name=age_group]").select_option("25-44")
    page.locator("select[name=governorate]").select_option(index=1)
    page.locator("input[name=nationality]").first.check()
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name=words["create"]).click()
    page.wait_for_url("**/learn/my-learning/")
    assert words["welcome"] in page.content()
    learner = Learner.objects.get()
    assert learner.full_name == "ريم سالم العوفي" and learner.mobile_verified_at is not None

    # Signing out (the account menu) ends the provider's session too, and comes back here.
    page.get_by_role("button", name="ريم سالم العوفي", exact=True).click()
    page.get_by_role("button", name=words["sign_out"]).click()
    page.wait_for_url(re.compile(rf"^{re.escape(web.base_url)}/(ar|en)/$"))
    assert page.get_by_role("button", name="ريم سالم العوفي", exact=True).count() == 0
    web.goto(f"/{language}/accounts/login/")
    page.get_by_role("link", name=words["button"]).click()
    page.wait_for_selector("input[name=password]")  # the provider asks again: signed out there
    _at_the_provider(page)
    page.wait_for_url("**/learn/my-learning/")  # where "what needs you" takes a learner
    assert LinkedIdentity.objects.count() == 1 and Learner.objects.count() == 1


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_return_that_does_not_match_the_session_is_refused(web, national, language):
    words = WORDS[language]
    web.goto(f"/{language}/accounts/login/")
    page = web.page
    page.get_by_role("link", name=words["button"]).click()
    page.wait_for_selector("input[name=password]")
    web.goto("/identity/national/callback/?code=forged&state=forged")
    assert words["not_signed_in"] in page.content() and words["state"] in page.content()
    assert web.serious_accessibility_violations() == []


@pytest.mark.parametrize(("language", "how"), [("ar", "expired"), ("en", "wrong_key")])
def test_an_expired_or_wrongly_signed_id_token_signs_no_one_in(web, national, language, how):
    words = WORDS[language]
    national.misbehave(how)
    web.goto(f"/{language}/accounts/login/")
    page = web.page
    page.get_by_role("link", name=words["button"]).click()
    _at_the_provider(page)
    page.wait_for_selector("h1")
    assert words["not_signed_in"] in page.content() and words["untrusted"] in page.content()
    assert not LinkedIdentity.objects.exists() and not Learner.objects.exists()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_first_sign_in_links_an_existing_account_once_the_person_proves_it(web, national, language):
    words = WORDS[language]
    learner = LearnerFactory(full_name="ريم", mobile="+966551234567", user__username="reem")
    web.goto(f"/{language}/accounts/login/")
    page = web.page
    page.get_by_role("link", name=words["button"]).click()
    _at_the_provider(page)
    page.wait_for_url(f"**/{language}/sign-in/link/")
    assert web.serious_accessibility_violations() == []
    assert not LinkedIdentity.objects.exists()
    page.locator("main a.btn-primary").click()  # sign in with the password
    page.fill("input[name=username]", "reem")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/accounts/profile/")
    assert page.locator(".alert-success").is_visible()
    assert LinkedIdentity.objects.get().user == learner.user
    learner.refresh_from_db()
    assert learner.full_name == "ريم سالم العوفي" and learner.name_verified_by == "national"
