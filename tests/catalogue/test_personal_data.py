"""A learner's own data: a download of everything held about them, and deleting the account —
anonymised, upcoming places given up to the waiting list, certificates still verifiable."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from learningcity.catalogue.models import Learner, Registration
from learningcity.catalogue.services.registrations import attendance_mark, registrations_complete
from learningcity.core.models import AuditEntry
from tests.conftest import client_for
from tests.factories import TEST_PASSWORD, LearnerFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner_with_history(opportunity, coordinator_a):
    learner = LearnerFactory(
        full_name="نورة الحربي", accommodation_needs="مترجم لغة إشارة", has_disability=True
    )
    learner.user.email = "noura@example.org"
    learner.user.save()
    started = timezone.now() - dt.timedelta(hours=3)
    past = SessionFactory(opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2))
    done = past.registrations.create(learner=learner, status="confirmed", confirmed_at=started)
    attendance_mark(session=past, attended={done.pk: True}, by=coordinator_a)
    registrations_complete(session=past, registration_ids=[done.pk], by=coordinator_a)
    upcoming = SessionFactory(opportunity=opportunity, capacity=1)
    upcoming.registrations.create(learner=learner, status="confirmed", confirmed_at=timezone.now())
    waiting = LearnerFactory()
    upcoming.registrations.create(learner=waiting, status="waitlisted", waitlisted_at=timezone.now())
    return learner, done.certificate, waiting


def test_a_learner_downloads_everything_held_about_them(learner_with_history):
    learner, certificate, _waiting = learner_with_history
    response = client_for(learner.user).get("/ar/learn/my-data.json")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["full_name"] == "نورة الحربي"
    assert data["profile"]["accommodation_needs"] == "مترجم لغة إشارة"
    assert data["account"]["email"] == "noura@example.org"
    assert len(data["registrations"]) == 2
    assert data["certificates"][0]["id"] == str(certificate.uuid)


def test_only_a_signed_in_learner_gets_their_data(manager):
    assert Client().get("/ar/learn/my-data.json").status_code == 302  # to sign in
    assert client_for(manager).get("/ar/learn/my-data.json").status_code == 403


def test_a_wrong_password_deletes_nothing(learner_with_history):
    learner, _certificate, _waiting = learner_with_history
    response = client_for(learner.user).post("/ar/learn/delete-account/", {"password": "wrong"})
    assert response.status_code == 400 and "لم يُحذف حسابك" in response.content.decode()
    assert Learner.objects.get(pk=learner.pk).full_name == "نورة الحربي"


def test_deleting_the_account_anonymises_frees_places_and_keeps_certificates(learner_with_history):
    learner, certificate, waiting = learner_with_history
    client = client_for(learner.user)
    response = client.post("/ar/learn/delete-account/", {"password": TEST_PASSWORD})
    assert response.status_code == 302

    learner = Learner.objects.select_related("user").get(pk=learner.pk)
    assert learner.full_name == "" and learner.mobile is None and learner.accommodation_needs == ""
    assert not learner.user.is_active and learner.user.email == "" and not learner.user.has_usable_password()
    assert learner.sex == "female" and learner.governorate_id  # anonymous counts stay
    # The place still to come is offered to the next person waiting.
    assert Registration.objects.get(learner=waiting).status == "offered"
    # The certificate still verifies, under the name it was issued to.
    verify = Client().get(certificate.get_absolute_url())
    assert verify.status_code == 200 and "نورة الحربي" in verify.content.decode()
    # Signed out, and cannot sign in again.
    assert client.get("/ar/learn/my-learning/").status_code == 302
    again = Client()
    again.post("/ar/accounts/login/", {"username": learner.user.username, "password": TEST_PASSWORD})
    assert again.get("/ar/learn/my-learning/").status_code == 302
    assert AuditEntry.objects.filter(object_id=str(learner.pk), action="delete").exists()
    assert get_user_model().objects.filter(pk=learner.user_id).exists()  # kept, emptied


def test_viewing_or_exporting_registrants_and_reading_them_through_the_api_are_audited(
    opportunity, coordinator_a, entity_a
):
    from rest_framework.test import APIClient

    from learningcity.exchange.tokens import token_create

    session = SessionFactory(opportunity=opportunity)
    registration = session.registrations.create(
        learner=LearnerFactory(accommodation_needs="كرسي متحرك"), status="confirmed"
    )
    client = client_for(coordinator_a)
    assert client.get(f"/ar/opportunities/manage/sessions/{session.pk}/registrants/").status_code == 200
    assert (
        client.get(
            f"/ar/opportunities/manage/sessions/{session.pk}/registrants/", {"format": "csv"}
        ).status_code
        == 200
    )
    _token, plain = token_create(entity=entity_a, name="t", scope="read", days=1, by=coordinator_a)
    machine = APIClient()
    machine.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert machine.get("/api/v1/registrations/").status_code == 200
    assert machine.get(f"/api/v1/registrations/{registration.pk}/").status_code == 200
    viewed = list(
        AuditEntry.objects.filter(action="access").order_by("pk").values_list("actor__username", "changes")
    )
    assert [actor for actor, _changes in viewed] == ["coordinator_a"] * 4
    assert [changes["viewed"][1] for _actor, changes in viewed] == [
        "page (1)",
        "csv (1)",
        "api registrations (1)",
        "api registration (1)",
    ]


def test_my_learning_shows_the_latest_cancellations_only(client):
    import datetime as dt

    from django.utils import timezone

    from learningcity.catalogue.models import Registration
    from tests.conftest import client_for
    from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

    learner = LearnerFactory()
    opportunity = OpportunityFactory(title_ar="دورة ملغاة")
    for days in range(13):
        session = SessionFactory(
            opportunity=opportunity, starts_at=timezone.now() + dt.timedelta(days=days + 1)
        )
        Registration.objects.create(
            learner=learner, session=session, status="cancelled", cancelled_at=timezone.now()
        )
    page = client_for(learner.user).get("/en/learn/my-learning/").content.decode()
    cancelled_section = page[page.index('id="cancelled-heading"') :]
    assert cancelled_section.count(f'href="/en/opportunities/{opportunity.pk}/"') == 10
    assert "The latest 10 of 13 cancelled registrations are shown" in page


def test_a_learner_reads_all_their_data_on_a_page_in_their_language(client):
    learner = LearnerFactory(full_name="نورة الحربي", sex="female", access_needs=["wheelchair_access"])
    Registration.objects.create(learner=learner, session=SessionFactory(), status="waitlisted")
    client.force_login(learner.user)
    page = client.get("/en/learn/my-data/").content.decode()
    for shown in ("All my data", "نورة الحربي", "Female", "On the waiting list", "Wheelchair access"):
        assert shown in page, shown
    assert "waitlisted" not in page and "wheelchair_access" not in page
    arabic = client.get("/ar/learn/my-data/").content.decode()
    assert "كل بياناتي" in arabic and "أنثى" in arabic
