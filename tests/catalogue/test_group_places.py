"""Group places: a parent registers their children, a teacher a class — one confirmation, each
person with their own registration, attendance and certificate, the whole group within the
session's places and audience or nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from learningcity.catalogue.models import Learner, OpportunityAgeGroup, Registration
from learningcity.catalogue.services.group_places import group_register
from learningcity.catalogue.services.personal_data import anonymise_learner
from learningcity.catalogue.services.registrations import (
    attendance_mark,
    registration_cancel,
    registration_create,
    registrations_complete,
)
from learningcity.notifications.models import Notification
from tests.conftest import client_for
from tests.factories import LearnerFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


CHILDREN = [
    {"full_name": "جود الحربي", "sex": "female", "age_group": "0-14"},
    {"full_name": "فيصل الحربي", "sex": "male", "age_group": "0-14"},
    {"full_name": "لين الحربي", "sex": "female", "age_group": "0-14"},
]


@pytest.fixture
def family_session(opportunity):
    return SessionFactory(opportunity=opportunity, capacity=5)


def test_a_parent_registers_three_children_with_one_confirmation(family_session, woman):
    group = group_register(
        booker=woman, session=family_session, kind="family", name="", people=CHILDREN, consent=True
    )
    registrations = list(group.registrations.select_related("learner__user").order_by("pk"))
    assert [r.learner.full_name for r in registrations] == [c["full_name"] for c in CHILDREN]
    assert all(r.status == "confirmed" and r.learner.guardian == woman for r in registrations)
    # Their own records, without an account that signs in.
    assert all(
        not r.learner.user.is_active and not r.learner.user.has_usable_password() for r in registrations
    )
    [confirmation] = Notification.objects.filter(recipient=woman.user)
    assert confirmation.kind == "registration.group_confirmed" and "3" in confirmation.title

    listing = client_for(woman.user).get("/en/learn/my-learning/").content.decode()
    assert all(f"For {child['full_name']}" in listing for child in CHILDREN)


def test_each_person_has_their_own_attendance_and_certificate(opportunity, woman, coordinator_a):
    from learningcity.catalogue.models import Certificate

    session = SessionFactory(
        opportunity=opportunity, capacity=5, starts_at=timezone.now() + dt.timedelta(hours=1)
    )
    group = group_register(
        booker=woman, session=session, kind="family", name="", people=CHILDREN[:2], consent=True
    )
    first, second = group.registrations.order_by("pk")
    session.starts_at = timezone.now() - dt.timedelta(minutes=5)
    session.save()
    attendance_mark(session=session, attended={first.pk: True, second.pk: False}, by=coordinator_a)
    registrations_complete(session=session, registration_ids=[first.pk], by=coordinator_a)
    assert Certificate.objects.get(registration=first).registration.learner.full_name == "جود الحربي"
    second.refresh_from_db()
    assert second.attended is False and not Certificate.objects.filter(registration=second).exists()


def test_the_group_gets_its_places_together_or_not_at_all(family_session, woman):
    for learner in LearnerFactory.create_batch(3):
        registration_create(learner=learner, session=family_session)
    before = (Learner.objects.count(), Registration.objects.count())
    with pytest.raises(ValidationError) as refused:
        group_register(
            booker=woman, session=family_session, kind="family", name="", people=CHILDREN, consent=True
        )
    assert "Only 2 places are left" in refused.value.messages[0]
    assert (Learner.objects.count(), Registration.objects.count()) == before  # nothing half-written


def test_every_person_keeps_the_sessions_audience_and_ages(opportunity, woman):
    girls_only = SessionFactory(opportunity=opportunity, capacity=10, audience_sex="women")
    with pytest.raises(ValidationError) as refused:
        group_register(
            booker=woman, session=girls_only, kind="family", name="", people=CHILDREN, consent=True
        )
    [message] = refused.value.messages
    assert message.startswith("Person 2 (فيصل الحربي): This session is for women only")
    OpportunityAgeGroup.objects.create(opportunity=opportunity, age_group="15-24")
    for_youth = SessionFactory(opportunity=opportunity, capacity=10)
    with pytest.raises(ValidationError) as too_young:
        group_register(
            booker=woman, session=for_youth, kind="family", name="", people=CHILDREN[:1], consent=True
        )
    assert "جود الحربي" in too_young.value.messages[0]
    assert not Registration.objects.filter(session__in=[girls_only, for_youth]).exists()


def test_consent_and_at_least_one_person_are_needed(family_session, woman):
    with pytest.raises(ValidationError) as refused:
        group_register(
            booker=woman, session=family_session, kind="class", name="٥ب", people=CHILDREN, consent=False
        )
    assert "consent" in refused.value.message_dict
    with pytest.raises(ValidationError):
        group_register(booker=woman, session=family_session, kind="class", name="", people=[], consent=True)


def test_the_parent_may_cancel_a_childs_place_and_nobody_else(family_session, woman, man):
    group = group_register(
        booker=woman, session=family_session, kind="family", name="", people=CHILDREN[:1], consent=True
    )
    child = group.registrations.get()
    with pytest.raises(PermissionDenied):
        registration_cancel(registration=child, by=man.user)
    response = client_for(woman.user).post(f"/en/learn/registrations/{child.pk}/cancel/")
    assert (
        response.status_code == 302 and response["Location"] == "/en/learn/my-learning/"
    )  # her page, not staff's
    child.refresh_from_db()
    assert child.status == "cancelled"


def test_deleting_the_parents_account_takes_the_childrens_names_too(family_session, woman):
    group = group_register(
        booker=woman, session=family_session, kind="family", name="", people=CHILDREN, consent=True
    )
    anonymise_learner(learner=woman, reason="test", by=woman.user)
    names = set(Learner.objects.filter(guardian=woman).values_list("full_name", flat=True))
    assert names == {""}
    assert not group.registrations.exclude(status="cancelled").exists()


def test_the_group_page_keeps_what_was_typed_and_confirms(family_session, woman):
    client = client_for(woman.user)
    url = f"/en/opportunities/sessions/{family_session.pk}/register/group/"
    page = client.get(f"{url}?rows=4").content.decode()
    assert page.count("Full name") == 4 and "Person 4" in page
    data = {
        "people-TOTAL_FORMS": "4", "people-INITIAL_FORMS": "0", "people-MIN_NUM_FORMS": "0", "people-MAX_NUM_FORMS": "40",
        "kind": "family", "name": "",
        "people-0-full_name": "جود الحربي", "people-0-sex": "female", "people-0-age_group": "0-14",
        "people-1-full_name": "فيصل الحربي", "people-1-sex": "male", "people-1-age_group": "0-14",
    }  # fmt: skip
    refused = client.post(url, data)  # no consent
    assert refused.status_code == 400 and "فيصل الحربي" in refused.content.decode()
    response = client.post(url, {**data, "consent": "on"})
    assert response.status_code == 302
    assert (
        family_session.registrations.filter(learner__guardian=woman).count() == 2
    )  # the empty rows left out
