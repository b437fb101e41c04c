"""A learning festival in a real browser: a visitor on a phone browses the programme by day and
place with the keyboard and an organisation asks to host; the manager's and the host's pages;
every festival page is axe-core clean in Arabic and in English."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.accounts.models import Role
from learningcity.festivals import services
from learningcity.festivals.models import FestivalEvent, HostSignUp
from tests.factories import (
    TEST_PASSWORD,
    EntityFactory,
    GovernorateFactory,
    LearningCityFactory,
    UserFactory,
    coordinator_user,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def festival(transactional_db):
    manager = UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    city = LearningCityFactory(name_ar="المدينة المنورة", name_en="Madinah")
    alula = GovernorateFactory(region=city.region, name_ar="العلا", name_en="AlUla")
    library = EntityFactory(name_ar="مكتبة الملك عبدالعزيز", name_en="King Abdulaziz Library")
    host = coordinator_user(library, "host")
    today = timezone.localdate()
    festival = services.festival_save(
        data={
            "slug": "festival", "title_ar": "مهرجان المدينة للتعلم", "title_en": "Madinah Learning Festival",
            "description_ar": "أسبوع من الفعاليات", "description_en": "A week of events", "learning_city": city,
            "starts_on": today + dt.timedelta(days=10), "ends_on": today + dt.timedelta(days=12),
            "call_closes_on": today + dt.timedelta(days=5), "status": "call_open",
        },
        themes=[("التعلم الرقمي", "Digital learning"), ("التراث", "Heritage")],
        by=manager,
    )  # fmt: skip
    themes = list(festival.themes.all())
    for day, governorate, theme, title_ar, title_en in (
        (0, city.governorate, themes[0], "مكتبتي الرقمية", "My digital library"),
        (2, alula, themes[1], "جولة في البلدة القديمة", "A walk in the old town"),
    ):
        start = timezone.make_aware(
            dt.datetime.combine(festival.starts_on + dt.timedelta(days=day), dt.time(17))
        )
        event = services.event_submit(
            festival=festival,
            data={
                "host": library, "theme": theme, "title_ar": title_ar, "title_en": title_en,
                "description_ar": "وصف", "description_en": "About", "starts_at": start,
                "ends_at": start + dt.timedelta(hours=2), "governorate": governorate, "venue_ar": "المكتبة",
                "venue_en": "The library", "capacity": 30,
            },
            by=host,
        )  # fmt: skip
        services.event_review(event=event, decision="accept", note="", by=manager)
    services.event_submit(
        festival=festival,
        data={
            "host": library, "theme": themes[0], "title_ar": "فعالية تنتظر", "description_ar": "وصف",
            "starts_at": start, "ends_at": start + dt.timedelta(hours=1), "governorate": city.governorate,
            "venue_ar": "المكتبة", "capacity": 10,
        },
        by=host,
    )  # fmt: skip
    services.host_sign_up_create(
        festival=festival,
        data={
            "organisation_name": "جمعية أصدقاء القراءة", "governorate": city.governorate, "about": "نوادي قراءة",
            "contact_name": "نورة", "contact_gender": "f", "email": "reading@example.sa", "phone": "0551234567",
        },
        language="ar",
    )  # fmt: skip
    return festival, alula


def test_a_visitor_on_a_phone_browses_the_programme_with_the_keyboard_and_asks_to_host(phone, festival):
    festival, alula = festival
    phone.goto(f"/ar/festivals/{festival.slug}/")
    page = phone.page
    assert page.get_by_role("heading", name="مكتبتي الرقمية").is_visible()
    assert page.get_by_role("heading", name="فعالية تنتظر").count() == 0
    assert phone.serious_accessibility_violations() == []
    # The place filter by keyboard: focus it, choose AlUla, press Enter on "Show".
    page.get_by_label("المكان").focus()
    page.get_by_label("المكان").select_option(str(alula.pk))
    page.get_by_role("button", name="عرض").press("Enter")
    page.wait_for_url(f"**place={alula.pk}**")
    assert page.get_by_role("heading", name="جولة في البلدة القديمة").is_visible()
    assert page.get_by_role("heading", name="مكتبتي الرقمية").count() == 0
    assert page.get_by_role("status").filter(has_text="فعالية واحدة").count() == 1

    # An organisation asks to host; a missing field keeps what was typed and names the field.
    page.get_by_role("link", name="تسجيل جهة لاستضافة فعاليات").first.click()
    page.get_by_label("اسم الجهة").fill("نادي القراءة في قباء")
    page.get_by_role("button", name="إرسال الطلب").click()
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("اسم الجهة").input_value() == "نادي القراءة في قباء"
    assert phone.serious_accessibility_violations() == []
    # The failed form answers 400 on purpose (core.forms.form_status); nothing else went wrong.
    assert [error for error in phone.console_errors if "status of 400" not in error] == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_festival_page_is_accessible(web, festival, language):
    festival, _alula = festival
    event = FestivalEvent.objects.get(status="submitted")
    sign_up = HostSignUp.objects.get()
    pages = {
        None: [f"/{language}/festivals/", f"/{language}/festivals/{festival.slug}/",
               f"/{language}/festivals/{festival.slug}/host-sign-up/"],
        "host": [f"/{language}/festivals/{festival.slug}/submissions/", f"/{language}/festivals/{festival.slug}/submit/",
                 f"/{language}/festivals/events/{event.pk}/", f"/{language}/festivals/events/{event.pk}/edit/"],
        "manager": [f"/{language}/festivals/", f"/{language}/festivals/new/", f"/{language}/festivals/{festival.slug}/edit/",
                    f"/{language}/festivals/{festival.slug}/submissions/", f"/{language}/festivals/events/{event.pk}/",
                    f"/{language}/festivals/hosts/", f"/{language}/festivals/hosts/{sign_up.pk}/"],
    }  # fmt: skip
    found = {}
    for username, addresses in pages.items():
        if username:
            web.page.context.clear_cookies()  # signed out: the next person signs in afresh
            web.sign_in(username, TEST_PASSWORD, language)
        for address in addresses:
            response = web.goto(address)
            assert response.status == 200, address
            violations = web.serious_accessibility_violations()
            if violations:
                found[address] = violations
    assert found == {}
    assert web.console_errors == []
