"""Places are never oversold, even when many people press "register" at the same moment.

Parallel HTTP requests, each in its own thread and database connection, on PostgreSQL (SQLite
runs one writer at a time, so there is nothing concurrent to prove there)."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from learningcity.catalogue.models import Registration
from learningcity.catalogue.services import registrations
from tests.concurrency import at_the_same_moment
from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for concurrent transactions"
    ),
]


@pytest.fixture(autouse=True)
def _slow_checks(monkeypatch):
    """Widen the window between reading the session and writing the registration, so that
    without the row lock the requests would all count the same free places (checked: removing
    select_for_update makes these tests fail)."""
    real_check = registrations.check_can_register

    def slow_check(**kwargs):
        real_check(**kwargs)
        time.sleep(0.05)

    monkeypatch.setattr(registrations, "check_can_register", slow_check)


def _post_together(clients: list[Client], url: str) -> list[int]:
    return [
        response.status_code for response in at_the_same_moment([lambda c=c: c.post(url) for c in clients])
    ]


def test_parallel_registrations_never_exceed_the_places():
    session = SessionFactory(opportunity=OpportunityFactory(), capacity=5)
    clients = []
    for learner in LearnerFactory.create_batch(16):
        client = Client()
        client.force_login(learner.user)
        clients.append(client)
    statuses = _post_together(clients, f"/ar/opportunities/sessions/{session.pk}/register/")
    assert statuses == [302] * 16
    assert Registration.objects.filter(session=session, status="confirmed").count() == 5
    assert Registration.objects.filter(session=session, status="waitlisted").count() == 11


def test_a_double_click_registers_once():
    session = SessionFactory(opportunity=OpportunityFactory(), capacity=5)
    learner = LearnerFactory()
    clients = []
    for _ in range(4):
        client = Client()
        client.force_login(learner.user)
        clients.append(client)
    statuses = _post_together(clients, f"/ar/opportunities/sessions/{session.pk}/register/")
    assert sorted(statuses) == [302, 400, 400, 400]
    assert Registration.objects.filter(session=session, learner=learner).count() == 1


def test_a_place_offered_is_never_taken_twice_by_the_person_offered_and_newcomers():
    """While one person answers an offer, others register for the same session at the same
    moment: the offered place is theirs alone, and the session never holds more than its places."""
    from learningcity.catalogue.services.waiting_list import offer_free_places

    session = SessionFactory(opportunity=OpportunityFactory(), capacity=3)
    holders = [
        registrations.registration_create(learner=learner, session=session)
        for learner in LearnerFactory.create_batch(3)
    ]
    waiting = registrations.registration_create(learner=LearnerFactory(), session=session)
    registrations.registration_cancel(registration=holders[0], by=holders[0].learner.user)
    offer_free_places(session=session)
    waiting.refresh_from_db()
    assert waiting.status == "offered"

    answering = Client()
    answering.force_login(waiting.learner.user)
    clients = []
    for learner in LearnerFactory.create_batch(8):
        client = Client()
        client.force_login(learner.user)
        clients.append(client)
    calls = [lambda: answering.post(f"/ar/learn/registrations/{waiting.pk}/offer/accept/")]
    calls += [lambda c=c: c.post(f"/ar/opportunities/sessions/{session.pk}/register/") for c in clients]
    assert [response.status_code for response in at_the_same_moment(calls)] == [302] * 9
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert Registration.objects.filter(session=session, status__in=["confirmed", "offered"]).count() == 3
    assert Registration.objects.filter(session=session, status="waitlisted").count() == 8


def test_parallel_group_registrations_never_exceed_the_places(monkeypatch):
    """Five parents each register three children at the same moment for seven places: two
    groups get their places whole, the others are told the group does not fit."""
    from learningcity.catalogue.services import group_places

    real_check = group_places._checked

    def slow_check(people, session):  # the same widened window as for one person's registration
        checked = real_check(people, session)
        time.sleep(0.05)
        return checked

    monkeypatch.setattr(group_places, "_checked", slow_check)
    session = SessionFactory(opportunity=OpportunityFactory(), capacity=7)
    children = [{"full_name": f"طفل {n}", "sex": "female", "age_group": "0-14"} for n in range(3)]
    parents = LearnerFactory.create_batch(5)
    results = at_the_same_moment(
        [
            lambda p=p: group_places.group_register(
                booker=p, session=session, kind="family", name="", people=children, consent=True
            )
            for p in parents
        ]
    )
    confirmed = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(confirmed), len(refused)) == (2, 3)
    assert all(error.code == "full" for error in refused)
    assert Registration.objects.filter(session=session, status="confirmed").count() == 6
