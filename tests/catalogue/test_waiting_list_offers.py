"""The waiting list moves by itself and fairly: a freed place is offered to the person waiting
longest for a set time; they confirm it or let it go; an unanswered offer lapses and passes on.
The clock is moved with time-machine, as the hourly job would find it."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learningcity.catalogue.models import Registration, RegistrationStatus
from learningcity.catalogue.services.opportunities import session_update
from learningcity.catalogue.services.registrations import registration_cancel, registration_create
from learningcity.catalogue.services.waiting_list import lapse_due_offers, offer_accept, offer_decline
from learningcity.catalogue.tasks import lapse_due_offers as hourly_job
from learningcity.core.tasks import SCHEDULES
from learningcity.notifications.models import Notification
from tests.conftest import client_for
from tests.exchange.conftest import api, make_token
from tests.factories import LearnerFactory, SessionFactory

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def full_session(opportunity):
    """Two places, both taken, and two people waiting: Noura first, then Khalid."""
    session = SessionFactory(
        opportunity=opportunity, capacity=2, starts_at=timezone.now() + dt.timedelta(days=5)
    )
    holders = [
        registration_create(learner=learner, session=session) for learner in LearnerFactory.create_batch(2)
    ]
    return session, holders


@pytest.fixture
def queue(full_session, woman, man):
    session, holders = full_session
    first = registration_create(learner=woman, session=session)
    second = registration_create(learner=man, session=session)
    assert first.status == second.status == RegistrationStatus.WAITLISTED
    return session, holders, first, second


def _status(registration):
    registration.refresh_from_db()
    return registration.status


def test_a_freed_place_is_offered_for_the_set_hours_and_taken_when_confirmed(queue, woman, settings):
    settings.WAITING_LIST_OFFER_HOURS = 24
    session, holders, first, second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)

    first.refresh_from_db()
    assert first.status == RegistrationStatus.OFFERED
    assert abs(first.offer_expires_at - (first.offered_at + 24 * HOUR)) < dt.timedelta(seconds=1)
    assert _status(second) == RegistrationStatus.WAITLISTED
    offered = Notification.objects.get(recipient=woman.user, kind="registration.offered")
    # Said to her: the imperative agrees (أكّدي).
    assert session.opportunity.title_ar in offered.title and "أكّدي" in offered.title

    with time_machine.travel(timezone.now() + 23 * HOUR):
        confirmed = offer_accept(registration=first, by=woman.user)
    assert confirmed.status == RegistrationStatus.CONFIRMED and confirmed.confirmed_at
    assert Notification.objects.filter(recipient=woman.user, kind="registration.confirmed").exists()
    assert session.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == session.capacity


def test_an_unanswered_offer_lapses_and_passes_to_the_next_person(queue, woman, man):
    session, holders, first, second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    first.refresh_from_db()

    with time_machine.travel(first.offer_expires_at - dt.timedelta(minutes=1)):
        assert lapse_due_offers() == 0  # not yet
    assert _status(first) == RegistrationStatus.OFFERED

    with time_machine.travel(first.offer_expires_at + dt.timedelta(minutes=5)):
        assert hourly_job.call() == 1  # the job the hourly schedule runs
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED and first.offer_lapsed_at
    assert _status(second) == RegistrationStatus.OFFERED
    lapsed = Notification.objects.get(recipient=woman.user, kind="registration.offer_lapsed")
    assert "لم تؤكّدي" in lapsed.title  # said to her
    assert Notification.objects.filter(recipient=man.user, kind="registration.offered").exists()
    assert hourly_job in SCHEDULES["hourly"]


def test_a_late_answer_is_refused_and_the_place_moves_on_at_once(queue, woman):
    session, holders, first, second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    first.refresh_from_db()
    with time_machine.travel(first.offer_expires_at + HOUR), pytest.raises(ValidationError) as refused:
        offer_accept(registration=first, by=woman.user)  # before the hourly job came round
    assert refused.value.code == "lapsed"
    assert _status(first) == RegistrationStatus.CANCELLED
    assert _status(second) == RegistrationStatus.OFFERED


def test_letting_the_place_go_leaves_the_list_and_offers_it_on(queue, woman):
    session, holders, first, second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    declined = offer_decline(registration=first, by=woman.user)
    assert declined.status == RegistrationStatus.CANCELLED and declined.offer_lapsed_at is None
    assert _status(second) == RegistrationStatus.OFFERED
    with pytest.raises(ValidationError):
        offer_accept(registration=first, by=woman.user)


def test_an_offer_out_holds_its_place_against_newcomers(queue, coordinator_a):
    session, holders, first, _second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    newcomer = registration_create(learner=LearnerFactory(), session=session)
    assert newcomer.status == RegistrationStatus.WAITLISTED
    # Nor may the places drop below those held, offers included.
    with pytest.raises(ValidationError):
        session_update(session=session, data={"capacity": 1}, by=coordinator_a)


def test_a_lapsed_offer_goes_to_the_next_person_waiting_not_to_a_newcomer(queue):
    session, holders, first, second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    first.refresh_from_db()
    with time_machine.travel(first.offer_expires_at + HOUR):
        newcomer = registration_create(learner=LearnerFactory(), session=session)  # the job has not run
    assert newcomer.status == RegistrationStatus.WAITLISTED
    assert _status(first) == RegistrationStatus.CANCELLED
    assert _status(second) == RegistrationStatus.OFFERED


def test_an_offer_never_lasts_past_the_start(opportunity, settings):
    settings.WAITING_LIST_OFFER_HOURS = 48
    session = SessionFactory(opportunity=opportunity, capacity=1, starts_at=timezone.now() + 5 * HOUR)
    holder = registration_create(learner=LearnerFactory(), session=session)
    waiting = registration_create(learner=LearnerFactory(), session=session)
    registration_cancel(registration=holder, by=holder.learner.user)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED and waiting.offer_expires_at == session.starts_at


def test_only_the_person_offered_takes_the_place_and_staff_may_let_it_go_for_them(queue, man, coordinator_a):
    session, holders, first, second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    with pytest.raises(PermissionDenied):
        offer_accept(registration=first, by=man.user)
    with pytest.raises(PermissionDenied):
        offer_accept(registration=first, by=coordinator_a)
    offer_decline(registration=first, by=coordinator_a)  # e.g. she phoned to say she cannot come
    assert _status(second) == RegistrationStatus.OFFERED


# --- Pages ---------------------------------------------------------------------------------------


def test_the_learner_sees_the_offer_and_confirms_it_on_her_page(queue, woman):
    session, holders, first, second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    client = client_for(woman.user)
    page = client.get(f"/ar/learn/registrations/{first.pk}/").content.decode()
    assert 'data-testid="offer"' in page
    assert f"/ar/learn/registrations/{first.pk}/offer/accept/" in page
    assert f"/ar/learn/registrations/{first.pk}/offer/decline/" in page
    listing = client.get("/en/learn/my-learning/").content.decode()
    assert "Place offered" in listing and "held for you until" in listing and "Confirm my place" in listing

    response = client.post(f"/ar/learn/registrations/{first.pk}/offer/accept/")
    assert response.status_code == 302
    assert _status(first) == RegistrationStatus.CONFIRMED


def test_a_lapsed_offer_is_said_plainly_with_the_way_back_to_the_list(queue, woman):
    session, holders, first, _second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    first.refresh_from_db()
    with time_machine.travel(first.offer_expires_at + HOUR):
        lapse_due_offers()
        page = client_for(woman.user).get(f"/en/learn/registrations/{first.pk}/").content.decode()
    assert "nobody confirmed it, so it went to the next person waiting" in page
    assert f"/en/opportunities/sessions/{session.pk}/register/" in page
    # …and she can join again, at the end of the list.
    with time_machine.travel(first.offer_expires_at + HOUR):
        again = registration_create(learner=woman, session=session)
    assert again.status == RegistrationStatus.WAITLISTED


def test_people_waiting_see_their_position_and_can_leave_the_list(queue, man):
    session, holders, first, second = queue
    client = client_for(man.user)
    page = client.get(f"/en/learn/registrations/{second.pk}/").content.decode()
    assert "You are number 2 in the waiting list." in page and "Leave the waiting list" in page
    assert "Leave the waiting list" in client.get("/en/learn/my-learning/").content.decode()
    response = client.post(f"/en/learn/registrations/{second.pk}/cancel/")
    assert response.status_code == 302
    assert _status(second) == RegistrationStatus.CANCELLED


def test_staff_see_offers_out_and_when_they_lapse(queue, coordinator_a):
    session, holders, first, _second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    page = client_for(coordinator_a).get(f"/en/opportunities/manage/sessions/{session.pk}/registrants/")
    text = page.content.decode()
    assert "1 confirmed — 1 place offered, not yet answered — 1 waiting" in text
    assert "The first offer to lapse is نورة الحربي" in text
    export = client_for(coordinator_a).get(
        f"/en/opportunities/manage/sessions/{session.pk}/registrants/?export=csv"
    )
    assert "Place offered until" in b"".join(export.streaming_content).decode()


def test_the_api_counts_places_offered(queue, coordinator_a, entity_a):
    session, holders, first, _second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    client = api(make_token(coordinator_a, entity_a, scope="read"))
    rows = client.get(f"/api/v1/sessions/?opportunity={session.opportunity_id}").json()
    row = next(r for r in rows["results"] if r["id"] == session.pk)
    assert (row["confirmed"], row["offered"]) == (1, 1)
    registrations = client.get("/api/v1/registrations/").json()
    offered = next(r for r in registrations["results"] if r["id"] == first.pk)
    assert offered["status"] == "offered" and offered["offer_expires_at"]


def test_the_audit_log_records_each_step(queue, woman):
    from learningcity.core.models import AuditEntry

    session, holders, first, _second = queue
    registration_cancel(registration=holders[0], by=holders[0].learner.user)
    offer_accept(registration=first, by=woman.user)
    changes = [
        entry.changes["status"]
        for entry in AuditEntry.objects.filter(object_id=str(first.pk), changes__has_key="status").order_by(
            "pk"
        )
        if entry.content_type.model == "registration"
    ]
    assert changes[-2:] == [["waitlisted", "offered"], ["offered", "confirmed"]]
    assert Registration.objects.get(pk=first.pk).status == "confirmed"
