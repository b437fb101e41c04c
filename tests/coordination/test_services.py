import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from learningcity.coordination import selectors, services
from learningcity.coordination.minutes import minutes_diff
from learningcity.coordination.models import (
    ActionItem,
    ActionItemUpdate,
    ActionStatus,
    Attendance,
    Invitation,
    InvitationResponse,
    Meeting,
    MinutesStatus,
    SeriesFrequency,
)
from learningcity.notifications.models import Notification
from tests.factories import (
    ActionItemFactory,
    CoordinatorFactory,
    EntityFactory,
    LearningCityFactory,
    MeetingFactory,
    coordinator_user,
)


def _meeting_data(city, organiser, **extra):
    data = {
        "title_ar": "اللقاء التنسيقي حول مدن التعلم",
        "title_en": "Coordination meeting on learning cities",
        "learning_city": city,
        "organiser": organiser,
        "starts_at": timezone.now() + dt.timedelta(days=3),
        "venue_ar": "مدينة طيبة التعليمية للتربية الخاصة",
    }
    data.update(extra)
    return data


def test_meeting_create_invites_and_notifies_after_commit(
    manager, entity_a, entity_b, coordinator_a, coordinator_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_create(
            data=_meeting_data(LearningCityFactory(), entity_a),
            invited_entities=[entity_a, entity_b],
            by=manager,
        )
    assert set(meeting.invitations.values_list("entity_id", flat=True)) == {entity_a.pk, entity_b.pk}
    assert set(
        Notification.objects.filter(kind="meeting.invited").values_list("recipient__username", flat=True)
    ) == {
        "coordinator_a",
        "coordinator_b",
    }
    assert sorted(message.to[0] for message in mail.outbox) == [
        "coordinator_a@example.sa",
        "coordinator_b@example.sa",
    ]
    assert "اللقاء التنسيقي حول مدن التعلم" in mail.outbox[0].subject


def test_meeting_needs_a_place(manager, entity_a):
    with pytest.raises(ValidationError):
        services.meeting_create(data=_meeting_data(LearningCityFactory(), entity_a, venue_ar=""), by=manager)
    assert not Meeting.objects.exists()


def test_only_managers_create_meetings(coordinator_a, entity_a):
    with pytest.raises(PermissionDenied):
        services.meeting_create(data=_meeting_data(LearningCityFactory(), entity_a), by=coordinator_a)


def test_monthly_series_keeps_the_local_time_and_clamps_month_ends(manager, entity_a):
    riyadh = timezone.get_default_timezone()
    first = timezone.make_aware(dt.datetime(2026, 1, 31, 10, 0), riyadh)
    series = services.meeting_series_create(
        data=_meeting_data(LearningCityFactory(), entity_a, starts_at=first),
        frequency=SeriesFrequency.MONTHLY,
        count=3,
        invited_entities=[entity_a],
        by=manager,
    )
    starts = [timezone.localtime(m.starts_at) for m in series.meetings.order_by("starts_at")]
    assert [(s.month, s.day, s.hour) for s in starts] == [(1, 31, 10), (2, 28, 10), (3, 31, 10)]
    # Each meeting has its own invitations and can be edited on its own.
    assert all(m.invitations.count() == 1 for m in series.meetings.all())
    one = series.meetings.order_by("starts_at")[1]
    services.meeting_update(meeting=one, data={"title_ar": "لقاء فبراير"}, by=manager)
    assert series.meetings.filter(title_ar="لقاء فبراير").count() == 1


def test_series_length_is_bounded(manager, entity_a):
    with pytest.raises(ValidationError):
        services.meeting_series_create(
            data=_meeting_data(LearningCityFactory(), entity_a), frequency="weekly", count=100, by=manager
        )
    assert not Meeting.objects.exists()


def test_agenda_items_are_ordered_and_move(manager, meeting):
    first = services.agenda_item_save(meeting=meeting, data={"title_ar": "أول"}, by=manager)
    second = services.agenda_item_save(meeting=meeting, data={"title_ar": "ثان"}, by=manager)
    third = services.agenda_item_save(meeting=meeting, data={"title_ar": "ثالث"}, by=manager)
    services.agenda_item_move(item=third, direction="up", by=manager)
    assert list(meeting.agenda_items.order_by("position").values_list("title_ar", flat=True)) == [
        "أول",
        "ثالث",
        "ثان",
    ]
    services.agenda_item_move(item=first, direction="up", by=manager)  # already first: no change
    services.agenda_item_delete(item=second, by=manager)
    assert list(meeting.agenda_items.order_by("position").values_list("position", "title_ar")) == [
        (1, "أول"),
        (2, "ثالث"),
    ]


def test_invited_coordinator_replies_with_a_delegate(meeting, coordinator_a):
    invitation = meeting.invitations.get()
    with pytest.raises(ValidationError) as error:
        services.invitation_reply(
            invitation=invitation, response=InvitationResponse.DELEGATE, by=coordinator_a
        )
    assert "delegate_name" in error.value.message_dict
    services.invitation_reply(
        invitation=invitation,
        response=InvitationResponse.DELEGATE,
        delegate_name="سعد الجهني",
        by=coordinator_a,
    )
    invitation.refresh_from_db()
    assert (invitation.response, invitation.delegate_name, invitation.responded_by) == (
        "delegate",
        "سعد الجهني",
        coordinator_a,
    )


def test_reply_from_someone_not_invited_is_refused(meeting, coordinator_b):
    invitation = meeting.invitations.get()
    with pytest.raises(services.NotInvitedError):
        services.invitation_reply(
            invitation=invitation, response=InvitationResponse.ATTENDING, by=coordinator_b
        )
    invitation.refresh_from_db()
    assert invitation.response == InvitationResponse.PENDING


def test_no_reply_after_the_meeting(meeting, coordinator_a):
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - dt.timedelta(days=2))
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        services.invitation_reply(
            invitation=meeting.invitations.get(), response=InvitationResponse.ATTENDING, by=coordinator_a
        )


def test_check_in_with_the_code_on_the_day(meeting, coordinator_a, coordinator_b):
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + dt.timedelta(minutes=5))
    meeting.refresh_from_db()
    if timezone.localdate() != meeting.local_date:  # the test runs a few minutes before midnight
        pytest.skip("meeting falls on tomorrow")
    with pytest.raises(ValidationError):
        services.attendance_check_in(meeting=meeting, code="WRONG1", by=coordinator_a)
    attendance = services.attendance_check_in(
        meeting=meeting, code=meeting.checkin_code.lower(), by=coordinator_a
    )
    again = services.attendance_check_in(meeting=meeting, code=meeting.checkin_code, by=coordinator_a)
    assert attendance.pk == again.pk and attendance.method == "code"
    with pytest.raises(services.NotInvitedError):
        services.attendance_check_in(meeting=meeting, code=meeting.checkin_code, by=coordinator_b)
    assert Attendance.objects.count() == 1


def test_check_in_is_refused_on_another_day(meeting, coordinator_a):
    with pytest.raises(ValidationError):
        services.attendance_check_in(meeting=meeting, code=meeting.checkin_code, by=coordinator_a)


def test_attendance_summary_by_sector_and_gender(manager, meeting, entity_a, entity_b):
    Invitation.objects.create(meeting=meeting, entity=entity_b)
    man = CoordinatorFactory(entity=entity_a, gender="m")
    woman = CoordinatorFactory(entity=entity_b, gender="f")
    services.attendance_mark(meeting=meeting, entity=entity_a, coordinator=man, by=manager)
    services.attendance_mark(meeting=meeting, entity=entity_b, coordinator=woman, by=manager)
    services.attendance_mark(meeting=meeting, entity=entity_b, name="مندوبة", gender="f", by=manager)
    with pytest.raises(ValidationError):
        services.attendance_mark(meeting=meeting, entity=entity_a, coordinator=woman, by=manager)
    summary = selectors.attendance_summary(selectors.meeting_detail(pk=meeting.pk))
    assert (summary.men, summary.women, summary.entities_present, summary.entities_invited) == (1, 2, 2, 2)
    assert {row["sector"]: (row["men"], row["women"]) for row in summary.by_sector} == {
        "government": (1, 0),
        "private": (0, 2),
    }


def test_decisions_are_numbered_per_meeting(manager, meeting):
    numbers = [
        services.decision_save(meeting=meeting, data={"text_ar": f"قرار {n}"}, by=manager).number
        for n in range(3)
    ]
    other = MeetingFactory()
    assert numbers == [1, 2, 3]
    assert services.decision_save(meeting=other, data={"text_ar": "قرار"}, by=manager).number == 1


def test_publishing_locks_the_minutes_and_corrections_make_a_new_version(manager, meeting):
    decision = services.decision_save(meeting=meeting, data={"text_ar": "إطلاق مبادرات توعوية"}, by=manager)
    first = services.minutes_publish(meeting=meeting, by=manager)
    assert first.number == 1 and "إطلاق مبادرات توعوية" in first.text
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.PUBLISHED
    with pytest.raises(ValidationError):
        services.decision_save(meeting=meeting, decision=decision, data={"text_ar": "تغيير"}, by=manager)
    with pytest.raises(ValidationError):
        services.agenda_item_save(meeting=meeting, data={"title_ar": "بند"}, by=manager)
    services.minutes_start_correction(meeting=meeting, by=manager)
    services.decision_save(
        meeting=meeting,
        decision=decision,
        data={"text_ar": "إطلاق مبادرات توعوية لتعزيز التعلم مدى الحياة"},
        by=manager,
    )
    second = services.minutes_publish(meeting=meeting, by=manager)
    assert second.number == 2
    changes = minutes_diff(first.text, second.text)
    assert ("-", "1. [قرار] إطلاق مبادرات توعوية") in changes
    assert ("+", "1. [قرار] إطلاق مبادرات توعوية لتعزيز التعلم مدى الحياة") in changes


def test_empty_minutes_cannot_be_published(manager, meeting):
    with pytest.raises(ValidationError):
        services.minutes_publish(meeting=meeting, by=manager)


def test_action_item_due_before_the_meeting_is_refused(manager, meeting, entity_a):
    with pytest.raises(ValidationError) as error:
        services.action_item_create(
            meeting=meeting,
            data={
                "title_ar": "مهمة",
                "owner_entity": entity_a,
                "due_date": meeting.local_date - dt.timedelta(days=1),
            },
            by=manager,
        )
    assert "due_date" in error.value.message_dict
    assert not ActionItem.objects.exists()


def test_action_item_owner_person_must_belong_to_the_owner_entity(manager, meeting, entity_a, entity_b):
    outsider = CoordinatorFactory(entity=entity_b)
    with pytest.raises(ValidationError) as error:
        services.action_item_create(
            meeting=meeting,
            data={
                "title_ar": "مهمة",
                "owner_entity": entity_a,
                "owner_person": outsider,
                "due_date": meeting.local_date,
            },
            by=manager,
        )
    assert "owner_person" in error.value.message_dict
    assert not ActionItem.objects.exists()


def test_assigning_notifies_the_owner(
    manager, meeting, entity_a, coordinator_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.action_item_create(
            meeting=meeting,
            data={"title_ar": "إعداد خط الأساس", "owner_entity": entity_a, "due_date": meeting.local_date},
            by=manager,
        )
    notification = Notification.objects.get(kind="action_item.assigned")
    assert notification.recipient == coordinator_a
    assert "إعداد خط الأساس" in notification.title
    assert len(mail.outbox) == 1


def test_owner_coordinator_follows_up_their_item(meeting, entity_a, coordinator_a, coordinator_b):
    item = ActionItemFactory(meeting=meeting, owner_entity=entity_a)
    with pytest.raises(PermissionDenied):
        services.action_item_add_progress(item=item, note="ليس لي", status="done", by=coordinator_b)
    services.action_item_add_progress(
        item=item, note="بدأنا العمل", status=ActionStatus.IN_PROGRESS, by=coordinator_a
    )
    services.action_item_add_progress(
        item=item,
        note="أنجزنا المهمة",
        status=ActionStatus.DONE,
        evidence=SimpleUploadedFile("report.pdf", b"%PDF-1.7 report"),
        by=coordinator_a,
    )
    item.refresh_from_db()
    assert item.status == ActionStatus.DONE and item.completed_at is not None
    assert list(item.updates.values_list("status_from", "status_to")) == [
        ("open", "in_progress"),
        ("in_progress", "done"),
    ]


def test_bad_evidence_saves_nothing(meeting, entity_a, coordinator_a):
    item = ActionItemFactory(meeting=meeting, owner_entity=entity_a)
    with pytest.raises(ValidationError):
        services.action_item_add_progress(
            item=item,
            note="مرفق خاطئ",
            status="done",
            evidence=SimpleUploadedFile("x.exe", b"MZ"),
            by=coordinator_a,
        )
    item.refresh_from_db()
    assert item.status == ActionStatus.OPEN
    assert not ActionItemUpdate.objects.exists()


def test_oversized_attachment_is_refused(manager, meeting, settings):
    settings.MAX_DOCUMENT_UPLOAD_MB = 1
    with pytest.raises(ValidationError):
        services.attachment_add(
            meeting=meeting,
            title="كبير",
            file=SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 1_100_000),
            by=manager,
        )
    assert not meeting.attachments.exists()


def test_implementation_rate_per_meeting_and_entity(manager, meeting, entity_a, entity_b):
    done, partly, silent = (
        services.decision_save(meeting=meeting, data={"text_ar": f"قرار {n}"}, by=manager) for n in range(3)
    )
    today = timezone.localdate()
    ActionItemFactory(meeting=meeting, decision=done, owner_entity=entity_a, status="done")
    ActionItemFactory(meeting=meeting, decision=done, owner_entity=entity_b, status="done")
    ActionItemFactory(meeting=meeting, decision=done, owner_entity=entity_b, status="cancelled")  # ignored
    ActionItemFactory(meeting=meeting, decision=partly, owner_entity=entity_a, status="done")
    ActionItem.objects.create(
        meeting=meeting,
        decision=partly,
        title_ar="متأخرة",
        owner_entity=entity_b,
        due_date=today - dt.timedelta(days=1),
    )
    rate = selectors.implementation_rates([meeting.pk])[meeting.pk]
    assert (rate.implemented, rate.followed, rate.without_follow_up, rate.percent) == (1, 2, 1, 50)
    assert (rate.open_items, rate.overdue_items, rate.done_items) == (1, 1, 3)
    by_entity = {
        row["entity_id"]: row for row in selectors.implementation_rates_by_entity(meeting.action_items.all())
    }
    assert (by_entity[entity_a.pk]["decisions_implemented"], by_entity[entity_a.pk]["decisions"]) == (2, 2)
    assert (by_entity[entity_b.pk]["decisions_implemented"], by_entity[entity_b.pk]["overdue"]) == (1, 1)
    assert silent.action_items.count() == 0


def test_coordinator_of_two_entities_sees_both_in_my_items(meeting, entity_a, entity_b):
    both = coordinator_user(entity_a, "both")
    CoordinatorFactory(entity=entity_b, user=both)
    third = EntityFactory()
    for owner in (entity_a, entity_b, third):
        ActionItemFactory(meeting=meeting, owner_entity=owner)
    from learningcity.partners.permissions import coordinated_entity_ids

    mine = selectors.action_item_list(filters={}, entity_ids=coordinated_entity_ids(both))
    assert {item.owner_entity_id for item in mine} == {entity_a.pk, entity_b.pk}
