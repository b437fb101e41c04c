"""The host app's server side: the day a device downloads, the walk-in places it sets aside,
and the rules that answer each record it sends back (hostapp/services.py)."""

import datetime as dt
import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone, translation

from learningcity.catalogue.check_in import check_in_code
from learningcity.catalogue.models import Registration, WalkInAllotment
from learningcity.catalogue.services.registrations import registration_cancel, registration_create
from learningcity.core.models import AuditEntry
from learningcity.hostapp import services
from tests.conftest import client_for
from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The services answer in the language of the request; these read the English."""
    with translation.override("en"):
        yield


@pytest.fixture
def today_session(entity_a):
    """A session of entity A starting in ten minutes: three places, two taken."""
    opportunity = OpportunityFactory(provider=entity_a, title_ar="مهارات الحاسب", title_en="Computer skills")
    session = SessionFactory(
        opportunity=opportunity, capacity=3, starts_at=timezone.now() + dt.timedelta(minutes=10)
    )
    first, second = (
        registration_create(learner=learner, session=session) for learner in LearnerFactory.create_batch(2)
    )
    return session, first, second


def record(kind, **values):
    return {"id": str(uuid.uuid4()), "type": kind, "at": timezone.now().isoformat(), **values}


def walk_in(session, mobile="0551234567", **values):
    person = {
        "name": "سارة العنزي",
        "sex": "female",
        "age_group": "25-44",
        "nationality": "citizen",
        "consent": True,
    }
    return record("walk_in", session=session.pk, mobile=mobile, **(person | values))


def test_the_day_holds_the_hosts_sessions_with_each_registrants_code(
    today_session, coordinator_a, coordinator_b
):
    session, first, _second = today_session
    day = services.day_for(user=coordinator_a, device="tablet-1", day=timezone.localdate(session.starts_at))
    [shown] = [s for s in day["sessions"] if s["id"] == session.pk]
    assert shown["title"] == "Computer skills" and shown["capacity"] == 3  # in the page's language
    codes = {r["reference"]: r["code"] for r in shown["registrants"]}
    assert codes[first.reference] == check_in_code(first) and first.reference in codes[first.reference]
    other = services.day_for(user=coordinator_b, device="tablet-2", day=timezone.localdate(session.starts_at))
    assert session.pk not in [s["id"] for s in other["sessions"]]


def test_a_person_checked_in_on_two_devices_counts_once(today_session, coordinator_a):
    session, first, _second = today_session
    [one] = services.sync(
        records=[record("check_in", registration=first.pk)], device="tablet-1", by=coordinator_a
    )
    [two] = services.sync(
        records=[record("check_in", registration=first.pk)], device="tablet-2", by=coordinator_a
    )
    assert one["state"] == two["state"] == "sent" and "counted once" in two["message"]
    first.refresh_from_db()
    assert first.attended is True
    marked = AuditEntry.objects.filter(object_id=str(first.pk), changes__has_key="attended")
    assert marked.count() == 1


def test_a_registration_cancelled_meanwhile_is_reported_not_counted(today_session, coordinator_a):
    session, first, _second = today_session
    registration_cancel(registration=first, by=first.learner.user)
    [answer] = services.sync(
        records=[record("check_in", registration=first.pk)], device="tablet-1", by=coordinator_a
    )
    assert answer["state"] == "refused" and "cancelled" in answer["message"]
    first.refresh_from_db()
    assert first.attended is None


def test_a_record_sent_again_gets_the_first_answer_and_changes_nothing(today_session, coordinator_a):
    session, _first, _second = today_session
    services.walk_in_places_set_aside(session=session, device="tablet-1", places=1, by=coordinator_a)
    again = walk_in(session)
    first_answer = services.sync(records=[again], device="tablet-1", by=coordinator_a)
    second_answer = services.sync(records=[again], device="tablet-1", by=coordinator_a)
    assert first_answer == second_answer and first_answer[0]["state"] == "sent"
    assert session.registrations.filter(learner__mobile="+966551234567").count() == 1


def test_walk_ins_use_the_places_their_device_set_aside_and_never_more(today_session, coordinator_a):
    session, _first, _second = today_session
    [refused] = services.sync(records=[walk_in(session)], device="tablet-1", by=coordinator_a)
    assert refused["state"] == "refused" and "no walk-in places" in refused["message"]

    services.walk_in_places_set_aside(session=session, device="tablet-1", places=1, by=coordinator_a)
    sent, over = services.sync(
        records=[walk_in(session), walk_in(session, mobile="0557654321")], device="tablet-1", by=coordinator_a
    )
    assert sent["state"] == "sent" and over["state"] == "refused"
    joined = Registration.objects.get(session=session, learner__mobile="+966551234567")
    assert joined.status == "confirmed" and joined.attended is True
    assert joined.learner.full_name == "سارة العنزي" and not joined.learner.user.has_usable_password()
    assert WalkInAllotment.objects.get(session=session, device="tablet-1").used == 1
    assert session.registrations.filter(status="confirmed").count() == session.capacity


def test_a_second_device_cannot_set_aside_places_that_are_not_free(today_session, coordinator_a):
    session, _first, _second = today_session
    services.walk_in_places_set_aside(session=session, device="tablet-1", places=1, by=coordinator_a)
    with pytest.raises(Exception) as full:
        services.walk_in_places_set_aside(session=session, device="tablet-2", places=1, by=coordinator_a)
    assert "Only 0 places are free" in str(full.value) or "0" in str(full.value)
    # Nor does anyone registering online take the place set aside.
    late = registration_create(learner=LearnerFactory(), session=session)
    assert late.status == "waitlisted"


def test_a_walk_in_keeps_the_sessions_audience(entity_a, coordinator_a):
    session = SessionFactory(
        opportunity=OpportunityFactory(provider=entity_a), capacity=5, audience_sex="women",
        starts_at=timezone.now() + dt.timedelta(minutes=5),
    )  # fmt: skip
    services.walk_in_places_set_aside(session=session, device="tablet-1", places=2, by=coordinator_a)
    [answer] = services.sync(
        records=[walk_in(session, sex="male", name="خالد")], device="tablet-1", by=coordinator_a
    )
    assert answer["state"] == "refused" and "women" in answer["message"]
    assert not session.registrations.exists()  # and nobody was half-written


def test_another_entitys_registration_is_not_found(today_session, coordinator_b):
    session, first, _second = today_session
    [answer] = services.sync(
        records=[record("check_in", registration=first.pk)], device="x", by=coordinator_b
    )
    assert answer["state"] == "refused"
    first.refresh_from_db()
    assert first.attended is None


# --- Over HTTP -----------------------------------------------------------------------------------


def test_sending_needs_the_form_token_and_a_host(today_session, coordinator_a):
    session, first, _second = today_session
    body = json.dumps({"device": "tablet-1", "records": [record("check_in", registration=first.pk)]})
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(coordinator_a)
    assert strict.post("/ar/host/sync/", body, content_type="application/json").status_code == 403
    token = strict.get("/ar/host/token.json").json()["csrf"]
    response = strict.post("/ar/host/sync/", body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200 and response.json()["results"][0]["state"] == "sent"
    learner = client_for(LearnerFactory().user)
    assert learner.get("/ar/host/day.json").status_code == 403


def test_bad_input_gets_a_clear_answer(today_session, coordinator_a):
    client = client_for(coordinator_a)
    assert client.post("/en/host/sync/", "not json", content_type="application/json").json()["error"]
    answer = client.post(
        "/en/host/sync/", json.dumps({"records": [{"id": "nonsense", "type": "check_in"}]}),
        content_type="application/json",
    ).json()  # fmt: skip
    assert answer["results"][0]["state"] == "refused"
    session = today_session[0]
    refused = client.post(
        f"/en/host/sessions/{session.pk}/walk-in-places/", json.dumps({"device": "t", "places": -1}),
        content_type="application/json",
    )  # fmt: skip
    assert refused.status_code == 400 and "whole number" in refused.json()["error"]


def test_the_app_installs_from_its_manifest_and_service_worker(coordinator_a):
    client = client_for(coordinator_a)
    page = client.get("/ar/host/").content.decode()
    assert 'rel="manifest" href="/ar/host/manifest.webmanifest"' in page
    manifest = client.get("/ar/host/manifest.webmanifest")
    data = json.loads(manifest.content)
    assert manifest["Content-Type"].startswith("application/manifest+json")
    assert (
        data["start_url"] == data["scope"] == "/ar/host/"
        and data["dir"] == "rtl"
        and data["display"] == "standalone"
    )
    worker = client.get("/ar/host/sw.js")
    assert worker["Content-Type"].startswith("text/javascript")
    assert '"/ar/host/"' in worker.content.decode() and "/static/js/host.js" in worker.content.decode()


# --- Coordination meetings -----------------------------------------------------------------------


@pytest.fixture
def todays_meeting(entity_a, coordinator_a):
    from learningcity.coordination.models import Invitation
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(starts_at=timezone.now() + dt.timedelta(minutes=15))
    Invitation.objects.create(meeting=meeting, entity=entity_a)
    return meeting


def test_the_organiser_checks_invited_coordinators_in_at_a_meeting_counting_each_once(
    todays_meeting, manager, coordinator_a
):
    day = services.day_for(user=manager, device="tablet-1", day=timezone.localdate(todays_meeting.starts_at))
    [meeting] = day["meetings"]
    assert meeting["code"] == todays_meeting.checkin_code
    person = next(p for p in meeting["people"] if p["id"] == coordinator_a.coordinator_records.first().pk)
    records = [
        record("meeting_check_in", meeting=todays_meeting.pk, coordinator=person["id"]) for _ in range(2)
    ]
    first, second = services.sync(records=records, device="tablet-1", by=manager)
    assert first["state"] == second["state"] == "sent" and "counted once" in second["message"]
    assert todays_meeting.attendances.count() == 1
    # Only the managers who organise meetings see them and take their attendance.
    assert (
        services.day_for(user=coordinator_a, device="t", day=timezone.localdate(todays_meeting.starts_at))[
            "meetings"
        ]
        == []
    )
    [refused] = services.sync(
        records=[record("meeting_check_in", meeting=todays_meeting.pk, coordinator=person["id"])],
        device="t",
        by=coordinator_a,
    )
    assert refused["state"] == "refused"


def test_a_meeting_cancelled_meanwhile_is_reported(todays_meeting, manager, coordinator_a):
    todays_meeting.status = "cancelled"
    todays_meeting.save()
    coordinator = coordinator_a.coordinator_records.first()
    [answer] = services.sync(
        records=[record("meeting_check_in", meeting=todays_meeting.pk, coordinator=coordinator.pk)],
        device="t",
        by=manager,
    )
    assert answer["state"] == "refused" and "cancelled" in answer["message"]
