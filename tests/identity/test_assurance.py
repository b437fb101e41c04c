"""The assurance each action needs (core/assurance.py, ASSURANCE_REQUIRED): registering for a
session, receiving a certificate and becoming a coordinator, each at a password, a verified
mobile number and the national identity — said before the person starts, refused with the
way forward, and (for certificates) held until the person gets there."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learningcity.catalogue.services import mobile_codes
from learningcity.catalogue.services.registrations import (
    attendance_mark,
    registration_create,
    registrations_complete,
)
from learningcity.core import assurance
from learningcity.identity.linking import Verified, identity_link
from learningcity.notifications.models import Notification
from learningcity.partners.services import coordinator_create
from tests.conftest import client_for
from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

NATIONAL = Verified(
    provider="national", kind="national", subject="42", name="سارة محمد العتيبي", national_id="1000000001"
)


def _national(user):
    identity_link(user=user, verified=NATIONAL, by=user)


@pytest.mark.parametrize(
    ("needed", "holds"),
    [
        ("password", {"password", "verified_mobile", "national_identity"}),
        ("verified_mobile", {"verified_mobile", "national_identity"}),
        ("national_identity", {"national_identity"}),
    ],
)
def test_registering_needs_the_level_set_for_it(settings, oidc, needed, holds):
    settings.ASSURANCE_REQUIRED = {**settings.ASSURANCE_REQUIRED, "register": needed}
    people = {
        "password": LearnerFactory(mobile_verified_at=None),
        "verified_mobile": LearnerFactory(mobile_verified_at=timezone.now()),
        "national_identity": LearnerFactory(mobile_verified_at=None),
    }
    _national(people["national_identity"].user)
    for level, learner in people.items():
        assert assurance.level_of(learner.user) == level
        session = SessionFactory()
        if level in holds:
            assert registration_create(learner=learner, session=session).status == "confirmed"
        else:
            with pytest.raises(ValidationError) as refused:
                registration_create(learner=learner, session=session)
            assert refused.value.code == "assurance"


def test_what_registering_needs_is_said_on_the_opportunity_with_the_way_there(settings, oidc):
    settings.ASSURANCE_REQUIRED = {**settings.ASSURANCE_REQUIRED, "register": "verified_mobile"}
    session = SessionFactory()
    page = client_for(LearnerFactory(mobile_verified_at=None).user).get(
        f"/en/opportunities/{session.opportunity.pk}/"
    )
    text = page.content.decode()
    assert "Registering for a session needs: a verified mobile number." in text
    assert 'href="/en/learn/verify-mobile/?next=' in text
    met = client_for(LearnerFactory(mobile_verified_at=timezone.now()).user).get(
        f"/en/opportunities/{session.opportunity.pk}/"
    )
    assert "alert-success assurance-note" in met.content.decode()
    settings.ASSURANCE_REQUIRED = {**settings.ASSURANCE_REQUIRED, "register": "national_identity"}
    text = (
        client_for(LearnerFactory().user).get(f"/ar/opportunities/{session.opportunity.pk}/").content.decode()
    )
    assert 'href="/ar/sign-in/with/national/?next=' in text
    # A password is enough: nothing is said.
    settings.ASSURANCE_REQUIRED = {**settings.ASSURANCE_REQUIRED, "register": "password"}
    assert (
        "assurance-note"
        not in client_for(LearnerFactory().user)
        .get(f"/en/opportunities/{session.opportunity.pk}/")
        .content.decode()
    )


def test_the_register_button_refuses_with_the_reason(settings, oidc):
    settings.ASSURANCE_REQUIRED = {**settings.ASSURANCE_REQUIRED, "register": "national_identity"}
    session = SessionFactory()
    learner = LearnerFactory()
    response = client_for(learner.user).post(
        f"/en/opportunities/sessions/{session.pk}/register/", follow=True
    )
    assert "Registering for a session needs: the national single sign-on." in response.content.decode()
    assert not learner.registrations.exists()


def _completed(learner, entity, coordinator):
    """`learner` attended and completed a session of `entity`'s certified opportunity."""
    started = timezone.now() - dt.timedelta(hours=3)
    session = SessionFactory(
        opportunity=OpportunityFactory(provider=entity),
        starts_at=started,
        ends_at=started + dt.timedelta(hours=2),
    )
    registration = session.registrations.create(learner=learner, status="confirmed", confirmed_at=started)
    attendance_mark(session=session, attended={registration.pk: True}, by=coordinator)
    registrations_complete(session=session, registration_ids=[registration.pk], by=coordinator)
    registration.refresh_from_db()
    return registration


def test_a_certificate_waits_for_the_assurance_and_is_issued_once_it_is_reached(
    settings, oidc, coordinator_a, entity_a
):
    settings.ASSURANCE_REQUIRED = {**settings.ASSURANCE_REQUIRED, "certificate": "national_identity"}
    learner = LearnerFactory(full_name="سارة", language="ar")
    registration = _completed(learner, entity_a, coordinator_a)
    assert registration.completed_at and not hasattr(registration, "certificate")
    waiting = Notification.objects.get(recipient=learner.user, kind="certificate.waiting")
    assert "النفاذ الوطني الموحد" in waiting.title
    _national(learner.user)  # she signs in with the national single sign-on
    registration.refresh_from_db()
    certificate = registration.certificate
    assert certificate.learner_name == "سارة محمد العتيبي" and certificate.name_verified_by == "national"
    page = client_for(learner.user).get(certificate.get_absolute_url()).content.decode()
    assert 'data-testid="name-verified"' in page


def test_a_certificate_waiting_for_a_verified_number_is_issued_when_the_number_is_verified(
    settings, coordinator_a, entity_a, providers, django_capture_on_commit_callbacks
):
    settings.ASSURANCE_REQUIRED = {**settings.ASSURANCE_REQUIRED, "certificate": "verified_mobile"}
    learner = LearnerFactory(mobile="+966512340000", mobile_verified_at=None)
    registration = _completed(learner, entity_a, coordinator_a)
    assert not hasattr(registration, "certificate")
    with django_capture_on_commit_callbacks(execute=True):
        mobile_codes.code_send(mobile=learner.mobile, purpose="verify", client="127.0.0.1")
    code = re.search(r"\d{6}", providers.sms_to("966512340000")[-1]).group()
    mobile_codes.mobile_verify(learner=learner, code=code)
    registration.refresh_from_db()
    assert registration.certificate.learner_name == learner.full_name


def test_becoming_a_coordinator_needs_the_level_set_for_it(settings, oidc, manager, entity_a):
    settings.ASSURANCE_REQUIRED = {**settings.ASSURANCE_REQUIRED, "coordinator": "national_identity"}
    account = UserFactory(username="new_coordinator", role="coordinator")
    data = {"full_name_ar": "منسقة", "full_name_en": "Coordinator", "gender": "f", "user": account}
    form = client_for(manager).get(f"/en/partners/{entity_a.pk}/coordinators/new/").content.decode()
    assert "Becoming a coordinator needs: the national single sign-on." in form
    with pytest.raises(ValidationError) as refused:
        coordinator_create(entity=entity_a, data=data, by=manager)
    assert refused.value.message_dict["user"] == [
        "Becoming a coordinator needs: the national single sign-on."
    ]
    _national(account)
    assert coordinator_create(entity=entity_a, data=data, by=manager).user == account
