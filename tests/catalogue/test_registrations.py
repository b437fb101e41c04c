"""Registering: places, the waiting list, audiences, and the cases that must be refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from learningcity.catalogue.models import RegistrationStatus
from learningcity.catalogue.services.opportunities import session_cancel, session_update
from learningcity.catalogue.services.registrations import (
    registration_cancel,
    registration_create,
    session_reminders_send,
)
from learningcity.notifications.models import Notification
from tests.conftest import client_for
from tests.factories import LearnerFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_places_are_confirmed_until_full_then_the_waiting_list_starts(session):
    first, second, third = LearnerFactory.create_batch(3)
    assert registration_create(learner=first, session=session).status == RegistrationStatus.CONFIRMED
    assert registration_create(learner=second, session=session).status == RegistrationStatus.CONFIRMED
    waiting = registration_create(learner=third, session=session)
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert session.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == session.capacity


def test_a_cancellation_offers_the_place_to_the_longest_waiting_learner_and_tells_them(session):
    first, second, third, fourth = LearnerFactory.create_batch(4)
    confirmed = registration_create(learner=first, session=session)
    registration_create(learner=second, session=session)
    waiting_first = registration_create(learner=third, session=session)
    waiting_second = registration_create(learner=fourth, session=session)

    registration_cancel(registration=confirmed, by=first.user)

    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert waiting_first.status == RegistrationStatus.OFFERED
    assert waiting_second.status == RegistrationStatus.WAITLISTED
    offered = Notification.objects.get(recipient=third.user, kind="registration.offered")
    assert session.opportunity.title_ar in offered.title
    assert not Notification.objects.filter(recipient=fourth.user, kind="registration.offered").exists()


def test_more_places_are_offered_to_people_on_the_waiting_list(session, coordinator_a):
    learners = LearnerFactory.create_batch(4)
    for learner in learners:
        registration_create(learner=learner, session=session)
    session_update(session=session, data={"capacity": 3}, by=coordinator_a)
    statuses = [r.status for r in session.registrations.order_by("pk")]
    assert statuses == ["confirmed", "confirmed", "offered", "waitlisted"]


def test_places_cannot_drop_below_the_people_already_confirmed(session, coordinator_a):
    for learner in LearnerFactory.create_batch(2):
        registration_create(learner=learner, session=session)
    with pytest.raises(ValidationError) as error:
        session_update(session=session, data={"capacity": 1}, by=coordinator_a)
    assert "capacity" in error.value.message_dict


def test_confirmation_is_written_in_the_learners_language(session):
    english = LearnerFactory(language="en")
    arabic = LearnerFactory(language="ar")
    registration_create(learner=english, session=session)
    registration_create(learner=arabic, session=session)
    assert Notification.objects.get(recipient=english.user).title.startswith("Your place is confirmed")
    assert Notification.objects.get(recipient=arabic.user).title.startswith("تم تأكيد مقعدك")


def test_the_confirmation_leads_to_the_check_in_code_and_carries_the_reference(session):
    """What the learner shows at the door (issue 27): the message links to the registration's
    page, which holds the check-in QR code, and names the reference a host can type in."""
    learner = LearnerFactory(language="ar")
    registration = registration_create(learner=learner, session=session)
    notice = Notification.objects.get(recipient=learner.user, kind="registration.confirmed")
    assert notice.url == f"/ar/learn/registrations/{registration.pk}/"
    assert registration.reference in notice.body and "عند الدخول" in notice.body
    page = client_for(learner.user).get(notice.url).content.decode()
    qr = page[page.index("<svg") : page.index("</svg>")]
    assert registration.reference in qr  # the QR code, titled with the reference for screen readers


def test_registering_twice_is_refused_with_a_clear_message(session, woman):
    registration_create(learner=woman, session=session)
    with pytest.raises(ValidationError) as error:
        registration_create(learner=woman, session=session)
    assert error.value.code == "duplicate"
    assert session.registrations.count() == 1


def test_after_cancelling_the_learner_may_register_again(session, woman):
    registration = registration_create(learner=woman, session=session)
    registration_cancel(registration=registration, by=woman.user)
    again = registration_create(learner=woman, session=session)
    assert again.status == RegistrationStatus.CONFIRMED


def test_a_men_only_session_refuses_a_woman_and_says_why(opportunity, woman, man):
    session = SessionFactory(opportunity=opportunity, audience_sex="men")
    with pytest.raises(ValidationError) as error:
        registration_create(learner=woman, session=session)
    assert error.value.code == "audience"
    assert "للرجال فقط" in error.value.messages[0]
    assert registration_create(learner=man, session=session).status == RegistrationStatus.CONFIRMED


def test_a_women_only_opportunity_refuses_a_man(opportunity, man, woman):
    opportunity.audience_sex = "women"
    opportunity.save()
    session = SessionFactory(opportunity=opportunity)
    with pytest.raises(ValidationError) as error:
        registration_create(learner=man, session=session)
    assert "للنساء فقط" in error.value.messages[0]
    assert registration_create(learner=woman, session=session).status == RegistrationStatus.CONFIRMED


def test_a_past_session_is_refused(past_session, woman):
    with pytest.raises(ValidationError) as error:
        registration_create(learner=woman, session=past_session)
    assert error.value.code == "past"


def test_a_cancelled_session_is_refused_and_its_learners_are_told(session, woman, man, coordinator_a):
    registration_create(learner=man, session=session)
    session_cancel(session=session, by=coordinator_a)
    with pytest.raises(ValidationError) as error:
        registration_create(learner=woman, session=session)
    assert error.value.code == "cancelled"
    assert Notification.objects.filter(recipient=man.user, kind="session.cancelled").exists()


def test_a_cancellation_notice_is_said_to_her_or_to_him(session, woman, man, coordinator_a):
    for learner in (woman, man):
        learner.language = "ar"
        learner.save()
        registration_create(learner=learner, session=session)
    session_cancel(session=session, by=coordinator_a)
    told = {n.recipient_id: n.title for n in Notification.objects.filter(kind="session.cancelled")}
    assert "ابحثي عن جلسة أخرى" in told[woman.user_id]
    assert "ابحث عن جلسة أخرى" in told[man.user_id]


def test_an_unpublished_opportunity_takes_no_registrations(session, woman):
    session.opportunity.status = "draft"
    session.opportunity.save()
    with pytest.raises(ValidationError) as error:
        registration_create(learner=woman, session=session)
    assert error.value.code == "not_open"


def test_another_learner_cannot_cancel_my_registration(session, woman, man):
    registration = registration_create(learner=woman, session=session)
    with pytest.raises(PermissionDenied):
        registration_cancel(registration=registration, by=man.user)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_reminders_go_once_to_confirmed_learners_of_sessions_starting_soon(opportunity):
    soon = SessionFactory(
        opportunity=opportunity, starts_at=timezone.now() + dt.timedelta(hours=20), capacity=1
    )
    later = SessionFactory(opportunity=opportunity, starts_at=timezone.now() + dt.timedelta(days=5))
    confirmed, waiting, far = LearnerFactory.create_batch(3)
    registration_create(learner=confirmed, session=soon)
    registration_create(learner=waiting, session=soon)
    registration_create(learner=far, session=later)

    assert session_reminders_send(hours_before=24) == 1
    assert session_reminders_send(hours_before=24) == 0
    reminded = set(Notification.objects.filter(kind="session.reminder").values_list("recipient", flat=True))
    assert reminded == {confirmed.user_id}


def test_the_reminder_command_reports_what_it_sent(opportunity):
    from io import StringIO

    from django.core.management import call_command

    session = SessionFactory(opportunity=opportunity, starts_at=timezone.now() + dt.timedelta(hours=3))
    registration_create(learner=LearnerFactory(), session=session)
    out = StringIO()
    call_command("send_session_reminders", stdout=out)
    assert out.getvalue().strip() == "Session reminders sent: 1."


def test_the_credential_key_command_prints_a_usable_key(settings):
    from io import StringIO

    from django.core.management import call_command

    from learningcity.catalogue.credentials import signing_key

    out = StringIO()
    call_command("credential_key", stdout=out)
    settings.CREDENTIAL_SIGNING_KEY = out.getvalue().strip()
    assert signing_key().public_key()


def test_an_opportunity_for_other_age_groups_is_refused_before_and_at_the_click(session, woman):
    from learningcity.catalogue.models import OpportunityAgeGroup

    OpportunityAgeGroup.objects.create(opportunity=session.opportunity, age_group="15-24")
    OpportunityAgeGroup.objects.create(opportunity=session.opportunity, age_group="65+")
    woman.age_group = "25-44"
    woman.save()
    page = client_for(woman.user).get(f"/ar/opportunities/{session.opportunity_id}/").content.decode()
    assert "هذه الفرصة للفئات العمرية: من 15 إلى 24 سنة، 65 سنة فأكثر، وليست فئتك العمرية بينها." in page
    assert f"/sessions/{session.pk}/register/" not in page
    with pytest.raises(ValidationError) as error:
        registration_create(learner=woman, session=session)
    assert error.value.code == "age_group"
    woman.age_group = "65+"
    woman.save()
    assert registration_create(learner=woman, session=session).status == "confirmed"


def test_registration_closes_when_the_provider_said_and_the_page_says_so_before_the_click(opportunity, woman):
    soon = SessionFactory(opportunity=opportunity, starts_at=timezone.now() + dt.timedelta(hours=30),
                          registration_days_before=2)  # fmt: skip
    later = SessionFactory(opportunity=opportunity, starts_at=timezone.now() + dt.timedelta(days=5),
                           registration_days_before=2)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        registration_create(learner=woman, session=soon)
    assert error.value.code == "deadline"
    assert registration_create(learner=woman, session=later).status == RegistrationStatus.CONFIRMED
    # Anyone reading the page, signed in or not, sees it closed instead of a button.
    page = Client().get(f"/en/opportunities/{opportunity.pk}/").content.decode()
    assert "Registration for this session closed on" in page
    assert f'href="/en/opportunities/sessions/{soon.pk}/register/"' not in page
    assert f'href="/en/opportunities/sessions/{later.pk}/register/"' in page and "Register by" in page
