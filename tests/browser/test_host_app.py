"""The host app in a real browser, taken offline with Playwright's offline mode: it downloads
the day, opens again without a connection (its service worker), checks registered people and
a walk-in in, and sends everything when the connection returns — a person checked in on
another device meanwhile counts once, a registration cancelled meanwhile is reported and not
counted, and a second device cannot set aside places that are not free."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from learningcity.catalogue.models import Registration
from learningcity.catalogue.services.registrations import registration_cancel, registration_create
from learningcity.hostapp import services
from tests.factories import (
    TEST_PASSWORD,
    EntityFactory,
    LearnerFactory,
    OpportunityFactory,
    SessionFactory,
    coordinator_user,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def door(transactional_db):
    call_command("seed_reference", verbosity=0)
    provider = EntityFactory(name_ar="مكتبة الملك عبدالعزيز", name_en="King Abdulaziz Library")
    host = coordinator_user(provider, "host")
    opportunity = OpportunityFactory(provider=provider, title_ar="مهارات البحث", title_en="Research skills")
    session = SessionFactory(
        opportunity=opportunity, capacity=5, starts_at=timezone.now() + dt.timedelta(minutes=10)
    )
    people = {
        name: registration_create(learner=LearnerFactory(full_name=name, sex="female"), session=session)
        for name in ("أمل السهلي", "بدور الحربي", "هدى المطيري", "ريم الجهني")
    }
    return {"host": host, "session": session, "people": people}


def _host_app_on_a_phone(browser, live_server, username):
    """A phone's browser signed in as `username`, on the host app once its service worker runs."""
    context = browser.new_context(viewport={"width": 412, "height": 900}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/ar/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/ar/host/")
    _wait_until_the_worker_controls(page)
    return context, page


def _wait_until_the_worker_controls(page):
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null")


def _walk_in(page, name, mobile):
    page.fill("#walk-in-name", name)
    page.fill("#walk-in-mobile", mobile)
    page.select_option("#walk-in-sex", "female")
    page.select_option("#walk-in-age", "25-44")
    page.select_option("#walk-in-nationality", "citizen")
    page.check("#walk-in-consent")
    page.get_by_role("button", name="تسجيل الحاضر دون حجز وتسجيل حضوره").click()


def _check_in(page, name):
    page.get_by_role("button", name=f"تسجيل الحضور — {name}").click()


def test_the_host_app_works_offline_and_syncs_by_the_rules(browser, live_server, door):
    session, people = door["session"], door["people"]
    context, page = _host_app_on_a_phone(browser, live_server, "host")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.get_by_role("button", name="تنزيل جلسات اليوم").click()
    page.wait_for_selector("#host-session-panel:not([hidden])")
    page.fill("#host-places", "1")
    page.get_by_role("button", name="تخصيص (يتطلب اتصالًا)").click()
    page.wait_for_function("() => document.getElementById('host-walk-in-left').textContent.includes('1')")

    # A second device cannot set aside a place that is not free: four registered and one set aside fill five.
    with pytest.raises(Exception, match="0"):
        services.walk_in_places_set_aside(
            session=session, device=str(uuid.uuid4()), places=1, by=door["host"]
        )

    context.set_offline(True)
    page.reload()  # served by the service worker: there is no connection
    page.wait_for_selector("#host-session-panel:not([hidden])")
    assert "دون اتصال" in page.locator("#host-status").inner_text()
    for name in ("أمل السهلي", "هدى المطيري", "ريم الجهني"):
        _check_in(page, name)
    _walk_in(page, "سارة العنزي", "0551112233")
    assert page.locator("#host-records tr[data-state=waiting]").count() == 4
    # No more walk-ins than the places set aside, even offline.
    _walk_in(page, "منى العمري", "0551112234")
    assert page.locator("#host-records tr").count() == 4

    # Meanwhile, while this device is offline: Huda cancels; another device checks Reem in.
    huda, reem = people["هدى المطيري"], people["ريم الجهني"]
    registration_cancel(registration=huda, by=huda.learner.user)
    other = {"id": str(uuid.uuid4()), "type": "check_in", "registration": reem.pk}
    assert services.sync(records=[other], device="tablet-2", by=door["host"])[0]["state"] == "sent"

    context.set_offline(False)
    page.wait_for_function(
        "() => document.querySelectorAll('#host-records tr[data-state=waiting]').length === 0"
    )
    states = {
        row.locator("td").nth(1).inner_text(): row.get_attribute("data-state")
        for row in page.locator("#host-records tr").all()
    }
    assert states == {
        "أمل السهلي": "sent",
        "هدى المطيري": "refused",
        "ريم الجهني": "sent",
        "سارة العنزي": "sent",
    }
    refused = page.locator("#host-records tr[data-state=refused]").inner_text()
    assert "أُلغي" in refused or "ألغي" in refused
    assert "مرة واحدة" in page.locator("#host-records tr", has_text="ريم الجهني").inner_text()

    attended = dict(
        Registration.objects.filter(session=session).values_list("learner__full_name", "attended")
    )
    assert (
        attended["أمل السهلي"] is True and attended["ريم الجهني"] is True and attended["سارة العنزي"] is True
    )
    assert attended["هدى المطيري"] is None and attended["بدور الحربي"] is None
    assert (
        Registration.objects.filter(session=session, status__in=["confirmed", "offered"]).count()
        <= session.capacity
    )
    assert errors == []
    context.close()


def test_the_host_app_is_accessible_in_both_languages(web, door):
    web.sign_in("host", TEST_PASSWORD)
    for language in ("ar", "en"):
        web.goto(f"/{language}/host/")
        web.page.get_by_role(
            "button", name="تنزيل جلسات اليوم" if language == "ar" else "Download today's sessions"
        ).click()
        web.page.wait_for_selector("#host-session-panel:not([hidden])")
        assert web.serious_accessibility_violations() == []
    assert web.console_errors == []


def test_the_organiser_checks_coordinators_in_at_a_meeting_offline(browser, live_server, door):
    from learningcity.coordination.models import Attendance, Invitation
    from tests.factories import MeetingFactory, UserFactory

    UserFactory(username="organiser", role="programme_manager")  # signs in below
    meeting = MeetingFactory(title_ar="لقاء الشركاء", starts_at=timezone.now() + dt.timedelta(minutes=20))
    entity = door["host"].coordinator_records.first().entity
    Invitation.objects.create(meeting=meeting, entity=entity)
    context, page = _host_app_on_a_phone(browser, live_server, "organiser")
    page.get_by_role("button", name="تنزيل جلسات اليوم").click()
    page.wait_for_selector("#host-session-choice:not([hidden])")
    page.select_option("#host-session", f"m-{meeting.pk}")
    assert meeting.checkin_code in page.locator("#host-meeting-code").inner_text()
    assert page.locator("#host-walk-ins").is_hidden()

    context.set_offline(True)
    name = str(door["host"].coordinator_records.first())
    _check_in(page, name)
    assert page.locator("#host-records tr[data-state=waiting]").count() == 1
    context.set_offline(False)
    page.wait_for_function(
        "() => document.querySelectorAll('#host-records tr[data-state=sent]').length === 1"
    )
    assert Attendance.objects.filter(meeting=meeting, coordinator__user=door["host"]).count() == 1
    context.close()
