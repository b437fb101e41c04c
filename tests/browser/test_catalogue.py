"""The public catalogue in a real browser: a learner finds an opportunity, signs up and
registers using the keyboard alone on a 375 px phone; axe-core finds no serious or critical
violation on the public pages in Arabic and English; nothing scrolls sideways at 375 px."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from learningcity.accounts.models import Role
from learningcity.catalogue.models import Learner, Registration
from learningcity.catalogue.services.registrations import attendance_mark, registrations_complete
from learningcity.core.models import Governorate, LearningCity
from tests.factories import (
    TEST_PASSWORD,
    CampaignFactory,
    EntityFactory,
    IndicatorFactory,
    LearnerFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
    coordinator_user,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "tawil-wa-sahl-1447"


@pytest.fixture
def catalogue(transactional_db):
    call_command("seed_reference", verbosity=0)
    provider = EntityFactory(name_ar="مدينة طيبة التعليمية للتربية الخاصة", name_en="Taibah Educational City")
    coordinator = coordinator_user(provider, "coordinator")
    madinah = Governorate.objects.get(code="madinah")
    city = LearningCity.objects.get(code="madinah")
    campaign = CampaignFactory(title_ar="أسبوع التعلم مدى الحياة", title_en="Lifelong Learning Week")
    opportunity = OpportunityFactory(
        title_ar="لغة الإشارة للأسرة", title_en="Sign language for families", provider=provider,
        learning_city=city, governorate=madinah, sign_language=True, wheelchair_access=True, featured=True,
        description_ar="دورة تمهيدية في لغة الإشارة السعودية.", description_en="An introduction to Saudi Sign Language.",
    )  # fmt: skip
    opportunity.campaigns.add(campaign)
    session = SessionFactory(opportunity=opportunity, capacity=10)
    started = timezone.now() - dt.timedelta(hours=3)
    past = SessionFactory(opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2))
    graduate = LearnerFactory(full_name="نورة الحربي", governorate=madinah)
    registration = Registration.objects.create(learner=graduate, session=past, status="confirmed")
    attendance_mark(session=past, attended={registration.pk: True}, by=coordinator)
    registrations_complete(session=past, registration_ids=[registration.pk], by=coordinator)
    registration.refresh_from_db()
    return {
        "opportunity": opportunity,
        "session": session,
        "campaign": campaign,
        "certificate": registration.certificate,
        "graduate": graduate,
    }


def _tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's accessible text contains `name` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate(
            "() => { const e = document.activeElement; if (!e) return '';"
            " const label = e.labels && e.labels.length ? e.labels[0].innerText : '';"
            " return [e.innerText, e.value, e.getAttribute('aria-label'), label].filter(Boolean).join(' '); }"
        )
        if name in (text or ""):
            return
    raise AssertionError(
        f"Tab never reached {name!r} on {page.url}: {page.locator('main').inner_text()[:800]}"
    )


def _enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _type_into(page, label: str, text: str) -> None:
    _tab_to(page, label)
    page.keyboard.type(text)


def test_a_learner_signs_up_and_registers_with_the_keyboard_alone_on_a_phone(phone, catalogue):
    page = phone.page
    phone.goto("/ar/")
    _type_into(page, "ماذا تريد أن تتعلّم؟", "لغه الاشاره")  # spelling variants on purpose
    _enter_and_wait(page)
    assert "وجدنا فرصة واحدة" in page.content()

    _tab_to(page, "لغة الإشارة للأسرة")
    _enter_and_wait(page)
    _tab_to(page, "سجّل")
    _enter_and_wait(page)
    _tab_to(page, "إنشاء حساب متعلّم")
    _enter_and_wait(page)
    assert "/learn/sign-up/" in page.url

    _type_into(page, "الاسم الكامل", "ريم العوفي")
    _type_into(page, "رقم الجوال", "0551234567")
    _tab_to(page, "ذكر")  # a radio group is one tab stop; the arrow keys choose within it
    page.keyboard.press("ArrowDown")
    _tab_to(page, "الفئة العمرية")
    page.keyboard.press("ArrowDown")  # 15–24 → 25–44 depending on the first option
    _tab_to(page, "محافظة")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "مواطن")
    page.keyboard.press("ArrowDown")
    _type_into(page, "احتياجات التهيئة", "مترجمة لغة إشارة")
    _type_into(page, "كلمة المرور", PASSWORD)
    _type_into(page, "تأكيد كلمة المرور", PASSWORD)
    _tab_to(page, "قرأت إشعار الخصوصية")
    page.keyboard.press("Space")
    _tab_to(page, "إنشاء حسابي")
    _enter_and_wait(page)
    # A code is on its way to her new number; she leaves it for later and goes on to register.
    assert "/learn/verify-mobile/" in page.url, page.content()[:2000]
    _tab_to(page, "لاحقًا")
    _enter_and_wait(page)
    assert "/register/" in page.url, page.content()[:2000]

    _tab_to(page, "تأكيد تسجيلي")
    _enter_and_wait(page)
    # The confirmation: its reference number, the calendar file and the place on a map.
    assert "/learn/registrations/" in page.url
    assert "تم تأكيد مقعدك" in page.content()
    learner = Learner.objects.get(full_name="ريم العوفي")
    reference = Registration.objects.get(learner=learner).reference
    assert page.get_by_test_id("reference").inner_text() == reference
    assert page.get_by_role("link", name="إضافة إلى تقويمي").is_visible()
    assert learner.mobile == "+966551234567" and learner.nationality == "resident"
    assert Registration.objects.get(learner=learner).session == catalogue["session"]
    assert not phone.console_errors


def test_a_failed_sign_up_keeps_what_was_typed_and_points_to_the_error(web, catalogue):
    page = web.page
    web.goto("/ar/learn/sign-up/")
    page.get_by_label("الاسم الكامل").fill("ريم العوفي")
    page.get_by_label("رقم الجوال").fill("12345")
    page.get_by_role("button", name="إنشاء حسابي").click()
    page.wait_for_load_state()
    assert page.get_by_label("الاسم الكامل").input_value() == "ريم العوفي"
    assert page.get_by_label("رقم الجوال").input_value() == "12345"
    error = page.locator("#id_mobile_errors")
    assert "05XXXXXXXX" in error.inner_text()
    assert "id_mobile_errors" in (page.get_by_label("رقم الجوال").get_attribute("aria-describedby") or "")
    # Focus starts at the error summary, whose link leads to the field (WCAG 3.3.1, 2.4.3).
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.locator(".error-summary a[href='#id_mobile']").click()
    assert page.evaluate("document.activeElement.id") == "id_mobile"
    # The error reads at WCAG's 4.5:1 on the page (Bootstrap's #dc3545 on it was 4.34:1).
    assert _contrast(page, "#id_mobile_errors") >= 4.5


CONTRAST = """(selector) => {
  const rgb = (css) => css.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const text = luminance(rgb(getComputedStyle(document.querySelector(selector)).color));
  const ground = luminance(rgb(getComputedStyle(document.body).backgroundColor));
  return (Math.max(text, ground) + 0.05) / (Math.min(text, ground) + 0.05);
}"""


def _contrast(page, selector: str) -> float:
    """WCAG's contrast ratio of an element's text on the page's background."""
    return page.evaluate(CONTRAST, selector)


def _public_pages(catalogue) -> list[str]:
    return [
        "/{lang}/",
        "/{lang}/opportunities/?q=%D9%84%D8%BA%D8%A9",
        f"/{{lang}}/opportunities/{catalogue['opportunity'].pk}/",
        f"/{{lang}}/campaigns/{catalogue['campaign'].slug}/",
        "/{lang}/learn/sign-up/",
        f"/{{lang}}/opportunities/sessions/{catalogue['session'].pk}/register/",
        f"/{{lang}}/certificates/{catalogue['certificate'].uuid}/",
    ]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_public_catalogue_pages_have_no_serious_accessibility_violations(web, catalogue, language):
    for template in _public_pages(catalogue):
        path = template.format(lang=language)
        web.goto(path)
        assert web.page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert web.serious_accessibility_violations() == [], path
    assert not web.console_errors


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_learners_own_pages_are_accessible_and_fit_a_phone(phone, catalogue, language):
    from tests.factories import TEST_PASSWORD

    graduate = catalogue["graduate"]
    phone.sign_in(graduate.user.username, TEST_PASSWORD, language)
    for path in (
        f"/{language}/learn/my-learning/",
        f"/{language}/opportunities/sessions/{catalogue['session'].pk}/register/",
        # Its "Delete my account" link was Bootstrap's red, 4.33:1 on the page's background.
        f"/{language}/learn/profile/",
        f"/{language}/learn/my-data/",
        f"/{language}/learn/delete-account/",
    ):
        phone.goto(path)
        assert phone.serious_accessibility_violations() == [], path
        assert phone.page.evaluate("() => document.documentElement.scrollWidth") <= 375, path


def test_public_pages_fit_375_pixels_without_sideways_scrolling(phone, catalogue):
    for template in _public_pages(catalogue):
        for language in ("ar", "en"):
            path = template.format(lang=language)
            phone.goto(path)
            width = phone.page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 375, (path, width)


@pytest.mark.parametrize(
    ("language", "glance", "sessions"), [("ar", "لمحة سريعة", "الجلسات"), ("en", "At a glance", "Sessions")]
)
def test_on_a_phone_the_opportunity_says_where_fee_and_who_before_its_sessions(
    phone, catalogue, language, glance, sessions
):
    phone.goto(f"/{language}/opportunities/{catalogue['opportunity'].pk}/")
    page = phone.page
    first = page.get_by_role("heading", name=glance, exact=True).bounding_box()
    second = page.get_by_role("heading", name=sessions, exact=True).bounding_box()
    assert first and second and first["y"] < second["y"]


@pytest.mark.parametrize(("language", "name_label"), [("ar", "الاسم"), ("en", "Name")])
def test_on_a_phone_registrants_are_cards_that_name_each_field(phone, catalogue, language, name_label):
    phone.sign_in("coordinator", TEST_PASSWORD, language)
    Registration.objects.create(
        learner=catalogue["graduate"], session=catalogue["session"], status="confirmed"
    )
    phone.goto(f"/{language}/opportunities/manage/sessions/{catalogue['session'].pk}/registrants/")
    page = phone.page
    cell = page.locator("table.table-cards tbody td").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == f'"{name_label}"'
    assert (
        page.locator("table.table-cards thead").bounding_box()["width"] <= 1
    )  # kept for screen readers only
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    assert phone.serious_accessibility_violations() == []


@pytest.mark.parametrize(
    ("language", "register", "calendar", "map_link", "attended", "no_certificate"),
    [
        ("ar", "تأكيد تسجيلي", "إضافة إلى تقويمي", "عرض المكان على الخريطة", "حضرت", "لا تمنح هذه الفرصة شهادة."),
        ("en", "Confirm my registration", "Add to my calendar", "Open the place on a map", "Attended",
         "This opportunity gives no certificate."),
    ],
)  # fmt: skip
def test_a_registration_gives_a_reference_a_calendar_file_and_a_map_and_past_sessions_say_attended(
    web, catalogue, language, register, calendar, map_link, attended, no_certificate
):
    opportunity = catalogue["opportunity"]
    opportunity.latitude, opportunity.longitude = Decimal("24.4672"), Decimal("39.6112")
    opportunity.save(update_fields=["latitude", "longitude"])
    learner = LearnerFactory(
        user__username="reem", full_name="ريم العوفي", governorate=opportunity.governorate
    )
    no_certificate_course = OpportunityFactory(governorate=opportunity.governorate, credential="none")
    started = timezone.now() - dt.timedelta(days=3)
    done = Registration.objects.create(
        learner=learner, status="confirmed", attended=True, completed_at=started + dt.timedelta(hours=2),
        session=SessionFactory(opportunity=no_certificate_course, starts_at=started, ends_at=started + dt.timedelta(hours=2)),
    )  # fmt: skip

    web.sign_in("reem", TEST_PASSWORD, language)
    web.goto(f"/{language}/opportunities/sessions/{catalogue['session'].pk}/register/")
    page = web.page
    page.get_by_role("button", name=register).click()
    page.wait_for_url("**/learn/registrations/**")
    registration = Registration.objects.get(learner=learner, session=catalogue["session"])
    assert page.get_by_test_id("reference").inner_text() == registration.reference
    assert "openstreetmap.org/?mlat=24.4672" in page.get_by_role("link", name=map_link).get_attribute("href")
    with page.expect_download() as download:
        page.get_by_role("link", name=calendar).click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert (
        f"opportunity-session-{catalogue['session'].pk}@learningcity" in ics
        and ics.count("BEGIN:VEVENT") == 1
    )
    assert web.serious_accessibility_violations() == []

    web.goto(f"/{language}/learn/my-learning/")
    past = page.locator(
        "article",
        has=page.get_by_role(
            "heading",
            name=no_certificate_course.title_ar if language == "ar" else no_certificate_course.title_en,
        ),
    )
    assert attended in past.inner_text() and no_certificate in past.inner_text()
    assert done.get_status_display() not in past.locator(".badge").all_inner_texts()


@pytest.mark.parametrize(
    ("language", "cancel", "no", "yes", "cancelled"),
    [
        ("ar", "إلغاء التسجيل", "لا، رجوع", "نعم، متابعة", "أُلغي التسجيل."),
        ("en", "Cancel registration", "No, go back", "Yes, go ahead", "The registration was cancelled."),
    ],
)
def test_cancelling_asks_in_the_pages_own_dialog_and_language(
    web, catalogue, language, cancel, no, yes, cancelled
):
    learner = LearnerFactory(user__username="reem", governorate=catalogue["opportunity"].governorate)
    registration = Registration.objects.create(
        learner=learner, session=catalogue["session"], status="confirmed"
    )
    browser_dialogs = []
    web.page.on("dialog", lambda dialog: browser_dialogs.append(dialog.message) or dialog.dismiss())
    web.sign_in("reem", TEST_PASSWORD, language)
    web.goto(f"/{language}/learn/my-learning/")
    page = web.page
    page.get_by_role("button", name=cancel).click()
    dialog = page.get_by_role("dialog")
    assert dialog.is_visible() and dialog.get_by_role("button", name=no).evaluate(
        "b => b === document.activeElement"
    )
    assert web.serious_accessibility_violations() == []
    page.keyboard.press("Escape")  # going back keeps the place
    assert not dialog.is_visible()
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    page.get_by_role("button", name=cancel).click()
    dialog.get_by_role("button", name=yes).click()
    page.wait_for_url("**/learn/my-learning/")
    assert cancelled in page.locator(".messages").inner_text()
    registration.refresh_from_db()
    assert registration.status == "cancelled" and browser_dialogs == []


@pytest.mark.parametrize(
    ("language", "choose", "none"),
    [("ar", "اختيار ملف", "لم يُختر أي ملف"), ("en", "Choose a file", "No file chosen")],
)
def test_a_file_is_chosen_in_the_pages_language(web, language, choose, none, tmp_path):
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    indicator = IndicatorFactory()
    web.sign_in("manager", TEST_PASSWORD, language)
    web.goto(f"/{language}/indicators/{indicator.pk}/report/")
    page = web.page
    picker = page.locator(".file-picker")
    assert choose in picker.inner_text() and none in picker.inner_text()
    evidence = tmp_path / "محضر-التحقق.pdf"
    evidence.write_bytes(b"%PDF-1.4\n")
    picker.locator("input[type=file]").set_input_files(evidence)
    assert "محضر-التحقق.pdf" in picker.inner_text()
    page.keyboard.press("Tab")  # the hidden input still takes the keyboard and shows where focus is
    assert web.serious_accessibility_violations() == []


@pytest.mark.parametrize(
    ("language", "closed"),
    [("ar", "أُغلق التسجيل في هذه الجلسة"), ("en", "Registration for this session closed on")],
)
def test_a_session_past_its_registration_deadline_says_so_before_the_click(web, catalogue, language, closed):
    session = SessionFactory(opportunity=catalogue["opportunity"], starts_at=timezone.now() + dt.timedelta(hours=20),
                             registration_days_before=1)  # fmt: skip
    web.goto(f"/{language}/opportunities/{catalogue['opportunity'].pk}/")
    card = web.page.locator("li.card", has=web.page.locator(".session-refusal"))
    assert closed in card.inner_text()
    assert web.page.locator(f'a[href$="/sessions/{session.pk}/register/"]').count() == 0
