"""Notification preferences per topic, and announcements with read receipts."""

import datetime as dt

import pytest
from django.core import mail

from learningcity.notifications.models import (
    Announcement,
    AnnouncementReceipt,
    Notification,
)
from learningcity.notifications.services import notify
from learningcity.partners.models import Sector
from tests.conftest import client_for
from tests.factories import TEST_PASSWORD, EntityFactory, InitiativeFactory, coordinator_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_preferences_decide_in_app_and_email_per_topic(coordinator_a):
    client = client_for(coordinator_a)
    # Keep action items in the platform only; no meetings at all.
    client.post(
        "/ar/notifications/preferences/",
        {"action_item-in_app": "on", "learning-in_app": "on", "learning-email": "on"},
    )
    notify(recipients=[coordinator_a], kind="action_item.reminder", title="تذكير")
    notify(recipients=[coordinator_a], kind="meeting.invited", title="دعوة")
    assert list(Notification.objects.values_list("kind", flat=True)) == ["action_item.reminder"]
    assert mail.outbox == []
    page = client.get("/ar/notifications/preferences/").content.decode()
    assert 'name="action_item-in_app" id="action_item-in_app" checked' in page
    assert 'name="meeting-in_app" id="meeting-in_app">' in page


def test_without_preferences_everything_arrives_both_ways(coordinator_a):
    notify(recipients=[coordinator_a], kind="meeting.invited", title="دعوة")
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_an_announcement_to_a_sector_reaches_its_coordinators_with_receipts(
    manager, entity_a, entity_b, coordinator_a, coordinator_b, django_capture_on_commit_callbacks
):
    assert entity_b.sector == Sector.PRIVATE
    client = client_for(manager)
    # The request writes the announcement; the worker (here: at commit) writes its receipts.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ar/notifications/announcements/new/",
            {"title_ar": "ورشة القطاع الخاص", "body_ar": "ندعوكم", "audience": "sector", "sector": "private"},
        )
    announcement = Announcement.objects.get()
    assert response.status_code == 302
    recipients = set(AnnouncementReceipt.objects.values_list("user__username", flat=True))
    assert recipients == {"coordinator_b", "manager"}
    assert Notification.objects.filter(recipient=coordinator_b, kind="announcement.sent").exists()
    assert not Notification.objects.filter(recipient=coordinator_a).exists()

    assert client_for(coordinator_a).get(announcement.get_absolute_url()).status_code == 403
    client_for(coordinator_b).get(announcement.get_absolute_url())
    assert AnnouncementReceipt.objects.get(user=coordinator_b).read_at is not None
    detail = client.get(announcement.get_absolute_url()).content.decode()
    assert "coordinator_b" in detail
    listing = client.get("/ar/notifications/announcements/").content.decode()
    assert "ورشة القطاع الخاص" in listing


def test_a_tracks_partners_are_its_initiatives_owners_and_partners(
    manager, entity_a, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory(owner_entity=entity_a)
    partner = EntityFactory(sector=Sector.COMMUNITY)
    coordinator_user(partner, "partner_coordinator")
    initiative.partners.create(entity=partner, role="funder")
    outsider = EntityFactory(sector=Sector.COMMUNITY)
    coordinator_user(outsider, "outsider")
    coordinator_user(entity_a, "owner_coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(manager).post(
            "/ar/notifications/announcements/new/",
            {"title_ar": "لقاء المسار", "body_ar": "نص", "audience": "track", "track": initiative.track_id},
        )
    usernames = set(AnnouncementReceipt.objects.values_list("user__username", flat=True))
    assert {"owner_coordinator", "partner_coordinator"} <= usernames and "outsider" not in usernames


@pytest.mark.parametrize("role", ["coordinator_a", "viewer", "evaluator", "learner"])
def test_only_managers_send_announcements(request, role):
    response = client_for(request.getfixturevalue(role)).post(
        "/ar/notifications/announcements/new/", {"title_ar": "x", "body_ar": "y", "audience": "all"}
    )
    assert response.status_code == 403 and not Announcement.objects.exists()


def test_a_fanned_out_announcement_is_not_fanned_out_twice(
    manager, coordinator_a, django_capture_on_commit_callbacks
):
    from learningcity.notifications.announcements import announcement_fan_out, announcement_send

    with django_capture_on_commit_callbacks(execute=True):
        announcement = announcement_send(
            data={"audience": "all", "title_ar": "إعلان", "body_ar": "نص"}, by=manager
        )
    receipts = AnnouncementReceipt.objects.filter(announcement=announcement).count()
    assert receipts >= 2
    # A job run again (a worker that died after committing) writes nothing more.
    assert announcement_fan_out(announcement_id=announcement.pk) == 0
    assert AnnouncementReceipt.objects.filter(announcement=announcement).count() == receipts
    assert Notification.objects.filter(kind="announcement.sent", recipient=coordinator_a).count() == 1


def test_each_person_is_told_in_the_language_they_sign_in_with(
    manager, entity_a, coordinator_a, django_capture_on_commit_callbacks
):
    """Notifications, e-mails and texts are written per recipient: a coordinator who signs in
    in English reads an action item's news in English, with its English title; one who signs
    in in Arabic, in Arabic."""
    from django.test import Client

    from learningcity.coordination.services.actions import action_item_create
    from tests.factories import MeetingFactory

    english = coordinator_user(entity_a, "coordinator_en")
    english.email, coordinator_a.email = "en@example.sa", "ar@example.sa"
    english.save()
    coordinator_a.save()
    signing_in = Client()
    signing_in.post("/en/accounts/login/", {"username": "coordinator_en", "password": TEST_PASSWORD})
    english.refresh_from_db()
    assert english.language == "en"
    meeting = MeetingFactory(organiser=entity_a)
    with django_capture_on_commit_callbacks(execute=True):
        action_item_create(
            meeting=meeting,
            data={
                "title_ar": "إعداد قائمة الجهات", "title_en": "Prepare the list of entities",
                "owner_entity": entity_a, "due_date": dt.date.today() + dt.timedelta(days=10),
            },
            by=manager,
        )  # fmt: skip
    said = dict(
        Notification.objects.filter(kind="action_item.assigned").values_list("recipient__username", "title")
    )
    assert said["coordinator_en"] == "New action item for your entity: Prepare the list of entities"
    assert said["coordinator_a"] == "مهمة متابعة جديدة لجهتك: إعداد قائمة الجهات"
    emails = {message.to[0]: message for message in mail.outbox}
    assert emails["en@example.sa"].subject.startswith("New action item")
    assert 'dir="ltr"' in emails["en@example.sa"].alternatives[0][0]
    assert 'dir="rtl"' in emails["ar@example.sa"].alternatives[0][0]


@pytest.mark.parametrize(
    ("count", "arabic"),
    [(1, "مهمة متابعة واحدة متأخرة"), (4, "4 مهام متابعة متأخرة"), (12, "12 مهمة متابعة متأخرة")],
)
def test_a_counted_notification_takes_the_form_of_its_number_in_each_language(count, arabic):
    from django.utils.translation import ngettext_lazy

    from learningcity.notifications.said import said

    digest = said(
        ngettext_lazy(
            "Weekly digest: %(count)s overdue action item",
            "Weekly digest: %(count)s overdue action items",
            "count",
        ),
        count=count,
    )
    assert digest.in_language("ar") == f"الملخص الأسبوعي: {arabic}"
    assert digest.in_language("en").endswith("item" if count == 1 else "items")


def test_someone_without_an_e_mail_address_is_not_offered_e_mail(coordinator_a):
    client = client_for(coordinator_a)
    assert 'name="meeting-email"' in client.get("/en/notifications/preferences/").content.decode()
    coordinator_a.email = ""
    coordinator_a.save(update_fields=["email"])
    page = client.get("/en/notifications/preferences/").content.decode()
    assert 'name="meeting-email"' not in page and "By e-mail" not in page
    # Saving the page without that column keeps the e-mail choice as it was, for when an
    # address is given again.
    client.post("/en/notifications/preferences/", {"meeting-in_app": "on"})
    coordinator_a.email = "back@example.org"
    coordinator_a.save(update_fields=["email"])
    notify(recipients=[coordinator_a], kind="meeting.invited", title="دعوة")
    assert len(mail.outbox) == 1
