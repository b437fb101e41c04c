"""The permission matrix of coordination: every write path × every role.

Programme managers run meetings; a coordinator replies for, checks in to and follows up
only their own entity's invitations and action items. A refused request changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.coordination import services
from learningcity.coordination.models import (
    ActionItem,
    ActionItemUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Invitation,
    Meeting,
    MeetingAttachment,
    MinutesVersion,
)
from learningcity.core.models import AuditEntry
from tests.conftest import client_for
from tests.factories import ActionItemFactory, CoordinatorFactory

ROLES = ("anonymous", "learner", "viewer", "evaluator", "coordinator_a", "coordinator_b", "manager")
MANAGER_ONLY = {"manager": 302}


def _expect(path: str, role: str) -> int:
    special = {
        "action_item_progress": {"manager": 302, "coordinator_a": 302},
        "invitation_reply": {
            "manager": 302,
            "coordinator_a": 302,
            "coordinator_b": 400,
            "viewer": 400,
            "evaluator": 400,
        },
        "check_in": {
            "coordinator_a": 302,
            "coordinator_b": 400,
            "viewer": 400,
            "evaluator": 400,
            "manager": 400,
        },
    }.get(path, MANAGER_ONLY)
    if role == "anonymous":
        return 302
    return special.get(role, 403)


@pytest.fixture
def world(manager, entity_a, entity_b, coordinator_a, coordinator_b, evaluator, viewer, learner, meeting):
    # The meeting is today (for check-in) and entity A is invited; entity B is not.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + dt.timedelta(minutes=1))
    meeting.refresh_from_db()
    agenda = services.agenda_item_save(meeting=meeting, data={"title_ar": "بند"}, by=manager)
    services.agenda_item_save(meeting=meeting, data={"title_ar": "بند ثان"}, by=manager)
    decision = services.decision_save(meeting=meeting, data={"text_ar": "قرار"}, by=manager)
    item = ActionItemFactory(meeting=meeting, decision=decision, owner_entity=entity_a)
    attendee = CoordinatorFactory(entity=entity_a)
    attendance = Attendance.objects.create(meeting=meeting, entity=entity_a, name="حاضر", gender="m")
    return {
        "meeting": meeting,
        "agenda": agenda,
        "decision": decision,
        "item": item,
        "attendance": attendance,
        "attendee": attendee,
        "entity_a": entity_a,
        "users": {
            "anonymous": None,
            "learner": learner,
            "viewer": viewer,
            "evaluator": evaluator,
            "coordinator_a": coordinator_a,
            "coordinator_b": coordinator_b,
            "manager": manager,
        },
    }


def _request(path: str, world: dict) -> tuple[str, dict]:
    meeting, entity_a = world["meeting"], world["entity_a"]
    local = timezone.localtime(meeting.starts_at)
    meeting_form = {
        "title_ar": "لقاء معدل",
        "meeting_type": "coordination",
        "learning_city": meeting.learning_city_id,
        "date": (local.date() + dt.timedelta(days=1)).isoformat(),
        "time": "10:00",
        "duration_minutes": 90,
        "venue_ar": "قاعة",
        "organiser": meeting.organiser_id,
        "invited_entities": [entity_a.pk],
    }
    return {
        "meeting_create": ("/ar/meetings/new/", meeting_form),
        "meeting_series_create": (
            "/ar/meetings/new-series/",
            {**meeting_form, "frequency": "weekly", "count": 2},
        ),
        "meeting_edit": (f"/ar/meetings/{meeting.pk}/edit/", meeting_form),
        "meeting_cancel": (f"/ar/meetings/{meeting.pk}/cancel/", {}),
        "agenda_item_add": (f"/ar/meetings/{meeting.pk}/agenda/", {"title_ar": "بند جديد"}),
        "agenda_item_edit": (
            f"/ar/meetings/agenda/{world['agenda'].pk}/edit/",
            {"title_ar": "بند معدل", "notes_ar": "ملاحظات"},
        ),
        "agenda_item_move": (f"/ar/meetings/agenda/{world['agenda'].pk}/move/", {"direction": "down"}),
        "agenda_item_delete": (f"/ar/meetings/agenda/{world['agenda'].pk}/delete/", {}),
        "attendance_add": (
            f"/ar/meetings/{meeting.pk}/attendance/",
            {"entity": entity_a.pk, "coordinator": world["attendee"].pk},
        ),
        "attendance_remove": (f"/ar/meetings/attendance/{world['attendance'].pk}/remove/", {}),
        "decision_add": (
            f"/ar/meetings/{meeting.pk}/decisions/",
            {"kind": "decision", "text_ar": "قرار جديد"},
        ),
        "decision_edit": (
            f"/ar/meetings/decisions/{world['decision'].pk}/edit/",
            {"kind": "recommendation", "text_ar": "توصية"},
        ),
        "decision_delete": (f"/ar/meetings/decisions/{world['decision'].pk}/delete/", {}),
        "minutes_publish": (f"/ar/meetings/{meeting.pk}/minutes/publish/", {}),
        "action_item_create": (
            f"/ar/meetings/{meeting.pk}/action-items/new/",
            {
                "title_ar": "مهمة",
                "owner_entity": entity_a.pk,
                "due_date": local.date().isoformat(),
                "priority": "high",
            },
        ),
        "action_item_edit": (
            f"/ar/action-items/{world['item'].pk}/edit/",
            {
                "title_ar": "مهمة معدلة",
                "owner_entity": entity_a.pk,
                "due_date": local.date().isoformat(),
                "priority": "low",
                "status": "open",
            },
        ),
        "action_item_progress": (
            f"/ar/action-items/{world['item'].pk}/progress/",
            {"note": "تم", "status": "done"},
        ),
        "invitation_reply": (
            f"/ar/meetings/{meeting.pk}/reply/",
            {"entity": entity_a.pk, "response": "attending"},
        ),
        "check_in": (f"/ar/meetings/{meeting.pk}/check-in/", {"code": meeting.checkin_code}),
    }[path]


PATHS = (
    "meeting_create", "meeting_series_create", "meeting_edit", "meeting_cancel", "agenda_item_add",
    "agenda_item_edit", "agenda_item_move", "agenda_item_delete", "attendance_add", "attendance_remove",
    "decision_add", "decision_edit", "decision_delete", "minutes_publish", "action_item_create",
    "action_item_edit", "action_item_progress", "invitation_reply", "check_in",
)  # fmt: skip


def _state() -> tuple:
    return (
        list(Meeting.objects.order_by("pk").values_list("title_ar", "status", "minutes_status", "starts_at")),
        list(AgendaItem.objects.order_by("pk").values_list("title_ar", "position", "notes_ar")),
        list(Decision.objects.order_by("pk").values_list("text_ar", "kind")),
        list(ActionItem.objects.order_by("pk").values_list("title_ar", "status", "priority")),
        list(Invitation.objects.order_by("pk").values_list("entity_id", "response")),
        Attendance.objects.count(),
        ActionItemUpdate.objects.count(),
        MinutesVersion.objects.count(),
        MeetingAttachment.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PATHS)
def test_write_path_permission(world, path, role):
    if path == "check_in" and timezone.localdate() != world["meeting"].local_date:
        pytest.skip("the test runs a minute before midnight")
    url, data = _request(path, world)
    before = _state()
    response = client_for(world["users"][role]).post(url, data)
    expected = _expect(path, role)
    assert response.status_code == expected, (path, role, response.content.decode()[:2000])
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"]
    if expected == 302 and role != "anonymous":
        assert _state() != before
    else:
        assert _state() == before


def test_coordinator_cannot_update_another_entitys_action_item(world):
    item = world["item"]
    response = client_for(world["users"]["coordinator_b"]).post(
        f"/ar/action-items/{item.pk}/progress/", {"note": "محاولة", "status": "done"}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == "open"
