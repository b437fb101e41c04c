"""The outbound-message pipeline end to end (notifications/outbox.py): a learner who signed up with
only a mobile number hears of their registration, a place offered from the waiting list and their reminder by
SMS, through a local server speaking Unifonic's documented API; an outage loses nothing; an
awareness SMS written at night leaves at nine in the morning."""

import datetime as dt
import time

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from learningcity.catalogue.services.registrations import (
    registration_cancel,
    registration_create,
    session_reminders_send,
)
from learningcity.catalogue.services.waiting_list import offer_accept
from learningcity.notifications.models import NotificationPreference, OutboundMessage
from learningcity.notifications.outbox import deliver_due
from learningcity.notifications.services import notify
from learningcity.notifications.sms_rules import RIYADH
from tests.factories import LearnerFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

NUMBER = "+966512345678"


@pytest.fixture
def mobile_only(db):
    """Signed up with a mobile number and no e-mail address, the number verified."""
    return LearnerFactory(user__email="", mobile=NUMBER, mobile_verified_at=timezone.now(), language="ar")


def test_a_learner_with_only_a_mobile_number_hears_everything_by_sms(
    providers, mobile_only, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1, starts_at=timezone.now() + dt.timedelta(hours=20))
    other = LearnerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        taken = registration_create(learner=other, session=session)
        waiting = registration_create(learner=mobile_only, session=session)
    assert waiting.status == "waitlisted"
    [on_the_list] = providers.sms_to("966512345678")
    assert "قائمة الانتظار" in on_the_list

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=taken, by=other.user)  # a place frees: it is offered to her
    offered = providers.sms_to("966512345678")[1]
    assert "محجوز" in offered and session.opportunity.title_ar in offered

    with django_capture_on_commit_callbacks(execute=True):
        offer_accept(registration=waiting, by=mobile_only.user)
    confirmed = providers.sms_to("966512345678")[2]
    assert "تم تأكيد مقعدك" in confirmed

    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send(hours_before=24) >= 1
    reminder = providers.sms_to("966512345678")[3]
    assert session.opportunity.title_ar in reminder
    # Each went out once, in the delivery log with the provider's id and its parts counted.
    log = OutboundMessage.objects.filter(recipient=mobile_only.user)
    assert log.count() == 4 and set(log.values_list("status", "channel", "provider")) == {
        ("sent", "sms", "unifonic")
    }
    assert all(message.provider_message_id and message.parts >= 1 for message in log)


def test_only_a_verified_number_gets_text_messages_and_e_mail_stays_the_default(
    providers, django_capture_on_commit_callbacks
):
    unverified = LearnerFactory(user__email="", mobile="+966512345670", mobile_verified_at=None)
    with_email = LearnerFactory(
        user__email="reem@example.sa", mobile="+966512345671", mobile_verified_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[unverified.user, with_email.user], kind="registration.confirmed", title="تأكيد")
    assert providers.received == []
    assert [message.to for message in mail.outbox] == [["reem@example.sa"]]
    # She may ask for SMS as well for this topic.
    NotificationPreference.objects.create(user=with_email.user, topic="learning", sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[with_email.user], kind="registration.confirmed", title="تأكيد")
    assert providers.sms_to("966512345671") == ["تأكيد"]


def test_an_html_e_mail_in_the_readers_language_and_direction(providers, django_capture_on_commit_callbacks):
    user = UserFactory(email="sara@example.sa")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[user], kind="meeting.invited", title="دعوة إلى لقاء", body="اللقاء التنسيقي")
    [email] = mail.outbox
    html, kind = email.alternatives[0]
    assert kind == "text/html" and 'dir="rtl"' in html and 'lang="ar"' in html and "اللقاء التنسيقي" in html
    assert email.body == "اللقاء التنسيقي" and email.subject == "دعوة إلى لقاء"


@pytest.mark.parametrize(("mode", "why"), [("down", "HTTP 500"), ("slow", "Timeout")])
def test_a_provider_outage_loses_no_message_and_the_learners_action_stands(
    providers, mobile_only, django_capture_on_commit_callbacks, mode, why
):
    providers.mode = mode
    providers.slow_seconds = 2  # the client waits 1 s
    session = SessionFactory(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(learner=mobile_only, session=session)
    assert registration.status == "confirmed"  # the registration does not wait for, or fail with, the SMS
    message = OutboundMessage.objects.get(recipient=mobile_only.user)
    assert message.status == "retrying" and message.attempts == 1 and why in message.error
    assert message.not_before > timezone.now()
    # Still down at the next try: it waits longer (1 then 5 minutes).
    deliver_due(now=message.not_before + dt.timedelta(seconds=1))
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("retrying", 2)
    # The provider is back: the sweep sends it.
    providers.mode = "ok"
    assert deliver_due(now=message.not_before - dt.timedelta(seconds=1))["sent"] == 0  # not yet due
    assert deliver_due(now=message.not_before + dt.timedelta(seconds=1))["sent"] == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error) == ("sent", 3, "")
    # Lost: none. Sent at least once: a provider that took the text but answered too late gets
    # it again (its CorrelationID, the message's id, is the same both times) — once the late
    # request has finished on its side.
    if mode == "slow":
        time.sleep(providers.slow_seconds)
    assert len(providers.sms_to("966512345678")) == (1 if mode == "down" else message.attempts)


def test_a_message_that_keeps_failing_is_given_up_and_says_why(providers, mobile_only, settings):
    settings.MESSAGE_ATTEMPTS = 2
    providers.mode = "down"
    notify(recipients=[mobile_only.user], kind="registration.confirmed", title="تأكيد")
    message = OutboundMessage.objects.get()
    deliver_due(now=timezone.now())
    deliver_due(now=timezone.now() + dt.timedelta(minutes=2))
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", 2) and "HTTP 500" in message.error


def test_a_wrong_number_fails_at_once(providers, mobile_only, settings):
    settings.UNIFONIC_APP_SID = "not-ours"
    notify(recipients=[mobile_only.user], kind="registration.confirmed", title="تأكيد")
    deliver_due(now=timezone.now())
    message = OutboundMessage.objects.get()
    assert (message.status, message.attempts) == ("failed", 1) and "Invalid AppSid" in message.error


def test_an_awareness_sms_written_at_eleven_at_night_leaves_at_nine(
    providers, mobile_only, django_capture_on_commit_callbacks
):
    night = dt.datetime(2026, 12, 6, 23, 0, tzinfo=RIYADH)
    with time_machine.travel(night, tick=False), django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[mobile_only.user], kind="announcement.sent", title="أسبوع التعلم مدى الحياة")
        # A service message written at the same moment goes at once.
        notify(recipients=[mobile_only.user], kind="registration.confirmed", title="تأكيد")
    assert providers.sms_to("966512345678") == ["تأكيد"]
    held = OutboundMessage.objects.get(kind="announcement.sent")
    assert (held.category, held.status) == ("awareness", "queued")
    assert held.not_before == dt.datetime(2026, 12, 7, 9, 0, tzinfo=RIYADH)
    assert deliver_due(now=dt.datetime(2026, 12, 7, 8, 59, tzinfo=RIYADH))["sent"] == 0
    assert deliver_due(now=dt.datetime(2026, 12, 7, 9, 0, tzinfo=RIYADH))["sent"] == 1
    assert providers.sms_to("966512345678")[-1] == "أسبوع التعلم مدى الحياة"


def test_turning_off_sms_for_a_topic_stops_those_messages_only(
    providers, mobile_only, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=mobile_only.user, topic="announcement", sms=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[mobile_only.user], kind="announcement.sent", title="إعلان")
        notify(recipients=[mobile_only.user], kind="registration.confirmed", title="تأكيد")
    assert providers.sms_to("966512345678") == ["تأكيد"]


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_what_the_request_only_wrote(providers, settings):
    """As in production: the database queue and `learningcity worker`, each action returning
    before any provider is called — the waiting-list place, the place offered, its confirmation and
    the reminder of a
    learner who signed up with only a mobile number."""
    import io

    from django.core.management import call_command

    def work() -> None:
        call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    learner = LearnerFactory(user__email="", mobile=NUMBER, mobile_verified_at=timezone.now())
    session = SessionFactory(capacity=1, starts_at=timezone.now() + dt.timedelta(hours=20))
    other = LearnerFactory()
    taken = registration_create(learner=other, session=session)
    waiting = registration_create(learner=learner, session=session)
    message = OutboundMessage.objects.get(recipient=learner.user)
    assert (message.status, providers.received) == ("queued", [])  # written, not sent
    work()
    registration_cancel(registration=taken, by=other.user)
    work()
    offer_accept(registration=waiting, by=learner.user)
    session_reminders_send(hours_before=24)
    work()
    texts = providers.sms_to("966512345678")
    assert len(texts) == 4 and "قائمة الانتظار" in texts[0] and "محجوز" in texts[1]
    assert session.opportunity.title_ar in texts[3]
    assert set(OutboundMessage.objects.filter(recipient=learner.user).values_list("status", flat=True)) == {
        "sent"
    }


def test_switching_off_news_by_sms_never_stops_service_messages(
    providers, mobile_only, django_capture_on_commit_callbacks
):
    """The opt-out of awareness SMS (new opportunities for a saved search) is its own topic."""
    NotificationPreference.objects.create(user=mobile_only.user, topic="news", sms=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[mobile_only.user], kind="registration.saved_search", title="فرصة جديدة تطابق بحثك")
        notify(recipients=[mobile_only.user], kind="registration.confirmed", title="تأكيد")
    assert providers.sms_to("966512345678") == ["تأكيد"]


def test_whatsapp_when_asked_for(providers, mobile_only, settings, django_capture_on_commit_callbacks):
    settings.MESSAGE_CHANNEL_BACKENDS = {
        **settings.MESSAGE_CHANNEL_BACKENDS,
        "whatsapp": "learningcity.notifications.channels.whatsapp.CloudAPI",
    }
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[mobile_only.user], kind="registration.confirmed", title="تأكيد")
    assert [request["provider"] for request in providers.received] == ["unifonic"]  # not asked for yet
    NotificationPreference.objects.create(user=mobile_only.user, topic="learning", whatsapp=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[mobile_only.user], kind="registration.confirmed", title="تأكيد مقعدك")
    whatsapp = [request for request in providers.received if request["provider"] == "whatsapp"]
    assert len(whatsapp) == 1 and whatsapp[0]["to"] == ["966512345678"]
    assert whatsapp[0]["template"]["language"] == {"code": "ar"}
    assert OutboundMessage.objects.get(channel="whatsapp").provider_message_id.startswith("wamid.")
