"""Track channels: who reads and posts in which channel (the coordinators of the track's
member entities and the programme managers), threads, mentions that notify, attachments,
search, and moderation kept in the audit log."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from learningcity.collaboration.models import ChannelPost
from learningcity.core.models import AuditAction, AuditEntry
from learningcity.notifications.models import Notification
from learningcity.programme.models import InitiativePartner
from tests.collaboration.conftest import queries_for
from tests.conftest import client_for
from tests.factories import EntityFactory, InitiativeFactory, TrackFactory, coordinator_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def track(entity_a, entity_b):
    """Entity A owns an initiative on the track and entity B is its partner."""
    track = TrackFactory(title_ar="مسار التعلم الأسري")
    initiative = InitiativeFactory(track=track, owner_entity=entity_a)
    InitiativePartner.objects.create(initiative=initiative, entity=entity_b, role="supporting")
    return track


@pytest.fixture
def outsider():
    return coordinator_user(EntityFactory(name_ar="جهة من مسار آخر"), "outsider")


def _post(user, track, **data):
    return client_for(user).post(f"/ar/channels/{track.pk}/post/", {"text": "السلام عليكم", **data})


def test_member_coordinators_and_managers_read_and_post(coordinator_a, coordinator_b, manager, track):
    for user in (coordinator_a, coordinator_b, manager):
        assert client_for(user).get(f"/ar/channels/{track.pk}/").status_code == 200
        assert _post(user, track).status_code == 302
    posts = ChannelPost.objects.order_by("pk")
    assert [post.author for post in posts] == [coordinator_a, coordinator_b, manager]
    assert posts[0].entity_id is not None and posts[2].entity_id is None
    page = client_for(coordinator_b).get("/ar/channels/").content.decode()
    assert "مسار التعلم الأسري" in page


def test_a_coordinator_outside_the_track_can_neither_read_nor_post(outsider, viewer, learner, track):
    for user in (outsider, viewer, learner):
        assert client_for(user).get(f"/ar/channels/{track.pk}/").status_code == 403
    response = _post(outsider, track)
    assert response.status_code == 403 and "منسقو الجهات الشريكة" in response.content.decode()
    assert not ChannelPost.objects.exists()
    assert "مسار التعلم الأسري" not in client_for(outsider).get("/ar/channels/").content.decode()


def test_replies_stay_in_one_thread(coordinator_a, coordinator_b, track):
    _post(coordinator_a, track, text="من لديه قاعة متاحة يوم الخميس؟")
    question = ChannelPost.objects.get()
    _post(coordinator_b, track, text="لدينا قاعة", parent=question.pk)
    answer = ChannelPost.objects.latest("pk")
    _post(coordinator_a, track, text="شكرًا", parent=answer.pk)  # a reply to a reply joins the thread
    assert set(question.replies.values_list("text", flat=True)) == {"لدينا قاعة", "شكرًا"}
    # The one who asked hears of the reply (but not of their own).
    assert Notification.objects.filter(recipient=coordinator_a, kind="channel.reply").count() == 1


def test_a_mention_notifies_the_coordinator_or_the_entitys_coordinators(
    coordinator_a, coordinator_b, entity_b, outsider, track
):
    entity_b.acronym = "WCI"
    entity_b.save()
    colleague = coordinator_user(entity_b, "colleague_b")
    _post(coordinator_a, track, text="@coordinator_b هل يمكنكم المساعدة؟ و@outsider")
    assert Notification.objects.filter(recipient=coordinator_b, kind="channel.mention").count() == 1
    # Someone who cannot read the channel is not mentioned.
    assert not Notification.objects.filter(recipient=outsider).exists()
    _post(coordinator_a, track, text="نرجو من @WCI تأكيد الموعد")
    assert Notification.objects.filter(recipient=colleague, kind="channel.mention").exists()
    _post(coordinator_a, track, text="بلا ذكر", mention_users=[coordinator_b.pk])
    post = ChannelPost.objects.latest("pk")
    assert list(post.mentioned_users.all()) == [coordinator_b]
    assert Notification.objects.filter(recipient=coordinator_b, kind="channel.mention").count() == 3
    # The author is never notified of their own mention.
    _post(coordinator_a, track, text="@coordinator_a")
    assert not Notification.objects.filter(recipient=coordinator_a).exists()


def test_attachments_are_checked_and_served_only_to_the_channel(
    coordinator_a, coordinator_b, outsider, track
):
    bad = SimpleUploadedFile("notes.exe", b"MZ\x90\x00", "application/octet-stream")
    response = _post(coordinator_a, track, text="مرفق", attachment=bad)
    assert response.status_code == 400 and not ChannelPost.objects.exists()
    assert "مرفق" in response.content.decode()  # what was typed is kept
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", "application/pdf")
    _post(coordinator_a, track, text="الخطة", attachment=pdf)
    post = ChannelPost.objects.get()
    url = f"/ar/documents/channel-attachment/{post.pk}/"
    assert client_for(coordinator_b).get(url).status_code == 200
    assert client_for(outsider).get(url).status_code == 403


def test_the_history_is_searched_with_the_arabic_normalisation(coordinator_a, coordinator_b, track):
    _post(coordinator_a, track, text="موعد المعرض")
    thread = ChannelPost.objects.get()
    _post(coordinator_b, track, text="سنحضر بالحافلات", parent=thread.pk)
    _post(coordinator_a, track, text="موضوع آخر عن الميزانية")
    client = client_for(coordinator_b)
    page = client.get(f"/ar/channels/{track.pk}/", {"q": "حافلة"}).content.decode()
    assert "موعد المعرض" in page and "الميزانية" not in page
    assert "الميزانية" in client.get(f"/ar/channels/{track.pk}/", {"q": "ميزانيه"}).content.decode()


def test_a_manager_hides_a_post_with_a_reason_kept_in_the_audit_log(
    coordinator_a, coordinator_b, manager, track
):
    _post(coordinator_a, track, text="إعلان تجاري خارج الموضوع")
    post = ChannelPost.objects.get()
    hide = f"/ar/channels/posts/{post.pk}/hide/"
    assert client_for(coordinator_b).post(hide, {"reason": "x"}).status_code == 403
    client_for(manager).post(hide, {"reason": ""})
    post.refresh_from_db()
    assert post.hidden_at is None
    client_for(manager).post(hide, {"reason": "خارج موضوع المسار"})
    post.refresh_from_db()
    assert post.hidden_at is not None and post.hidden_by == manager
    [entry] = AuditEntry.objects.for_object(post).filter(action=AuditAction.UPDATE)
    assert entry.changes["hidden_reason"] == ["", "خارج موضوع المسار"] and entry.actor == manager
    page = client_for(coordinator_b).get(f"/ar/channels/{track.pk}/").content.decode()
    assert "إعلان تجاري" not in page and "خارج موضوع المسار" in page


def test_the_channel_keeps_its_query_count(coordinator_a, coordinator_b, track):
    for number in range(2):
        _post(coordinator_a, track, text=f"سؤال {number}")
        _post(coordinator_b, track, text="جواب", parent=ChannelPost.objects.latest("pk").pk)
    client = client_for(coordinator_b)
    client.get(f"/ar/channels/{track.pk}/")
    few = queries_for(client, f"/ar/channels/{track.pk}/")
    for number in range(8):
        _post(coordinator_a, track, text=f"سؤال آخر {number}")
        _post(coordinator_b, track, text="جواب آخر", parent=ChannelPost.objects.latest("pk").pk)
    assert queries_for(client, f"/ar/channels/{track.pk}/") == few
