"""Writes for coordination: meetings, agenda, invitations, attendance, minutes and action items.

Every function checks who is acting, validates, writes inside one transaction, records the
audit log and queues notifications for after the commit.
"""

from __future__ import annotations

import calendar
import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.coordination.minutes import minutes_text
from learningcity.coordination.models import (
    ActionItem,
    ActionItemUpdate,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceMethod,
    CalendarFeed,
    Decision,
    Invitation,
    InvitationResponse,
    Meeting,
    MeetingAttachment,
    MeetingSeries,
    MeetingStatus,
    MinutesStatus,
    MinutesVersion,
    SeriesFrequency,
)
from learningcity.coordination.permissions import can_follow_up, can_manage_meetings, can_reply
from learningcity.core import events
from learningcity.core.audit import audit_record
from learningcity.core.concurrency import check_unchanged
from learningcity.core.models import AuditAction
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_delete, model_update
from learningcity.notifications.services import in_default_language, notify
from learningcity.partners.models import Coordinator, Entity
from learningcity.partners.permissions import coordinated_entity_ids
from learningcity.partners.selectors import entity_coordinator_users

MAX_SERIES_LENGTH = 24


def _require_manager(user: Any) -> None:
    require(can_manage_meetings(user), _("Only a programme manager can change meetings."))


def _require_minutes_open(meeting: Meeting) -> None:
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes are published. Start a correction to change them."))


# --- Meetings ---------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, data: Mapping[str, Any], invited_entities: Iterable[Entity] = (), by: Any) -> Meeting:
    _require_manager(by)
    meeting = model_create(instance=Meeting(**data), by=by)
    invitations_sync(meeting=meeting, entities=invited_entities, by=by)
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, data: Mapping[str, Any], invited_entities: Iterable[Entity] | None = None, by: Any
) -> Meeting:
    _require_manager(by)
    meeting, _changes = model_update(instance=meeting, data=data, by=by)
    if invited_entities is not None:
        invitations_sync(meeting=meeting, entities=invited_entities, by=by)
    return meeting


def _add_months(moment: dt.datetime, months: int) -> dt.datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def series_dates(first: dt.datetime, frequency: str, count: int) -> list[dt.datetime]:
    """Start times of a series, kept at the same local clock time (Asia/Riyadh)."""
    local = timezone.localtime(first)
    naive = local.replace(tzinfo=None)
    steps = {
        SeriesFrequency.WEEKLY: lambda n: naive + dt.timedelta(weeks=n),
        SeriesFrequency.BIWEEKLY: lambda n: naive + dt.timedelta(weeks=2 * n),
        SeriesFrequency.MONTHLY: lambda n: _add_months(naive, n),
    }
    return [timezone.make_aware(steps[frequency](n), local.tzinfo) for n in range(count)]


@transaction.atomic
def meeting_series_create(
    *,
    data: Mapping[str, Any],
    frequency: str,
    count: int,
    invited_entities: Iterable[Entity] = (),
    by: Any,
) -> MeetingSeries:
    """Create `count` meetings in one step; each can then be edited on its own."""
    _require_manager(by)
    if not 2 <= count <= MAX_SERIES_LENGTH:
        raise ValidationError(
            {"count": _("A series has from 2 to %(max)s meetings.") % {"max": MAX_SERIES_LENGTH}}
        )
    invited_entities = list(invited_entities)
    series = model_create(
        instance=MeetingSeries(
            title_ar=data["title_ar"], title_en=data.get("title_en", ""), frequency=frequency
        ),
        by=by,
    )
    for starts_at in series_dates(data["starts_at"], frequency, count):
        meeting_create(
            data={**data, "starts_at": starts_at, "series": series}, invited_entities=invited_entities, by=by
        )
    return series


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: Any) -> Meeting:
    _require_manager(by)
    meeting, changes = model_update(instance=meeting, data={"status": MeetingStatus.CANCELLED}, by=by)
    if changes:
        _notify_invitees(
            meeting,
            kind="meeting.cancelled",
            title=gettext_lazy("Meeting cancelled: %(title)s"),
        )
    return meeting


def _notify_invitees(
    meeting: Meeting, *, kind: str, title: Any, entity_ids: Iterable[int] | None = None
) -> None:
    ids = (
        set(entity_ids)
        if entity_ids is not None
        else set(meeting.invitations.values_list("entity_id", flat=True))
    )
    if not ids:
        return
    notify(
        recipients=entity_coordinator_users(ids),
        kind=kind,
        title=in_default_language(title) % {"title": meeting.title_ar},
        body=_meeting_summary(meeting),
        url=meeting.get_absolute_url(),
    )


def _meeting_summary(meeting: Meeting) -> str:
    from learningcity.core.hijri import format_dual_datetime

    place = meeting.venue_ar or meeting.online_url
    return f"{format_dual_datetime(meeting.starts_at, 'ar')} — {place}"


@transaction.atomic
def invitations_sync(*, meeting: Meeting, entities: Iterable[Entity], by: Any) -> list[Invitation]:
    """Make the invited entities exactly `entities`; newly invited ones are notified."""
    _require_manager(by)
    wanted = {entity.pk: entity for entity in entities}
    existing = {invitation.entity_id: invitation for invitation in meeting.invitations.all()}
    for entity_id, invitation in existing.items():
        if entity_id not in wanted:
            invitation.delete()
    added = [Invitation(meeting=meeting, entity=wanted[pk]) for pk in wanted if pk not in existing]
    Invitation.objects.bulk_create(added)
    if added or len(existing) != len(wanted):
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            instance=meeting,
            changes={
                "invited_entities": [
                    sorted(str(entity_id) for entity_id in existing),
                    sorted(str(entity_id) for entity_id in wanted),
                ]
            },
        )
    if added:
        _notify_invitees(
            meeting,
            kind="meeting.invited",
            title=gettext_lazy("You are invited: %(title)s"),
            entity_ids=[invitation.entity_id for invitation in added],
        )
    return list(meeting.invitations.all())


@transaction.atomic
def attachment_add(*, meeting: Meeting, title: str, file: Any, by: Any) -> MeetingAttachment:
    _require_manager(by)
    attachment = MeetingAttachment(meeting=meeting, title=title, file=file, uploaded_by=by)
    return model_create(instance=attachment, by=by)


# --- Invitations and attendance ------------------------------------------------------------------


class NotInvitedError(ValidationError):
    pass


@transaction.atomic
def invitation_reply(
    *, invitation: Invitation, response: str, delegate_name: str = "", by: Any
) -> Invitation:
    if not can_reply(by, invitation):
        raise NotInvitedError(_("You are not invited to this meeting, so you cannot reply to it."))
    meeting = invitation.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if meeting.ends_at < timezone.now():
        raise ValidationError(_("This meeting has already taken place."))
    if response not in InvitationResponse.values or response == InvitationResponse.PENDING:
        raise ValidationError({"response": _("Choose a reply.")})
    delegate_name = delegate_name.strip()
    if response == InvitationResponse.DELEGATE and not delegate_name:
        raise ValidationError({"delegate_name": _("Give the name of the person you are sending.")})
    data = {
        "response": response,
        "delegate_name": delegate_name if response == InvitationResponse.DELEGATE else "",
        "responded_at": timezone.now(),
        "responded_by": by,
    }
    invitation, _changes = model_update(instance=invitation, data=data, by=by)
    return invitation


@transaction.atomic
def attendance_mark(
    *,
    meeting: Meeting,
    entity: Entity,
    coordinator: Coordinator | None = None,
    name: str = "",
    gender: str = "",
    by: Any,
    method: str = AttendanceMethod.LIST,
) -> Attendance:
    if method == AttendanceMethod.LIST:
        _require_manager(by)
    if coordinator is not None and coordinator.entity_id != entity.pk:
        raise ValidationError({"coordinator": _("This coordinator does not belong to that entity.")})
    if coordinator is None and not name.strip():
        raise ValidationError({"name": _("Choose a coordinator or type the attendee's name.")})
    if coordinator is not None and meeting.attendances.filter(coordinator=coordinator).exists():
        raise ValidationError({"coordinator": _("This coordinator is already marked as attending.")})
    attendance = Attendance(
        meeting=meeting,
        entity=entity,
        coordinator=coordinator,
        name=name.strip(),
        gender=coordinator.gender if coordinator else gender,
        method=method,
    )
    return model_create(instance=attendance, by=by)


@transaction.atomic
def attendance_remove(*, attendance: Attendance, by: Any) -> None:
    _require_manager(by)
    model_delete(instance=attendance, by=by)


def attendance_check_in(*, meeting: Meeting, code: str, by: Any) -> Attendance:
    """A coordinator checks themself in with the code shown in the meeting room (or its QR)."""
    if code.strip().upper() != meeting.checkin_code:
        raise ValidationError({"code": _("That check-in code is not right for this meeting.")})
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if timezone.localdate() != meeting.local_date:
        raise ValidationError(_("Check-in is open on the day of the meeting only."))
    mine = coordinated_entity_ids(by)
    invited = meeting.invitations.filter(entity_id__in=mine).values_list("entity_id", flat=True)
    record = Coordinator.objects.filter(user=by, entity_id__in=list(invited), is_active=True).first()
    if record is None:
        raise NotInvitedError(_("You are not invited to this meeting, so you cannot check in."))
    existing = meeting.attendances.filter(coordinator=record).first()
    if existing is not None:
        return existing
    try:
        return attendance_mark(
            meeting=meeting, entity=record.entity, coordinator=record, by=by, method=AttendanceMethod.CODE
        )
    except IntegrityError:  # a second tap of the button at the same moment
        return meeting.attendances.get(coordinator=record)


# --- Agenda ------------------------------------------------------------------------------------------


@transaction.atomic
def agenda_item_save(
    *, meeting: Meeting, data: Mapping[str, Any], item: AgendaItem | None = None, by: Any
) -> AgendaItem:
    _require_manager(by)
    _require_minutes_open(meeting)
    if item is None:
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
        return model_create(instance=AgendaItem(meeting=meeting, position=last + 1, **data), by=by)
    item, _changes = model_update(instance=item, data=data, by=by)
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by: Any) -> None:
    _require_manager(by)
    _require_minutes_open(item.meeting)
    meeting = item.meeting
    model_delete(instance=item, by=by)
    _renumber_agenda(meeting)


def _renumber_agenda(meeting: Meeting) -> list[AgendaItem]:
    items = list(meeting.agenda_items.order_by("position", "pk"))
    for position, agenda_item in enumerate(items, start=1):
        agenda_item.position = position
    AgendaItem.objects.bulk_update(items, ["position"])
    return items


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by: Any) -> list[AgendaItem]:
    """Move an item one place up or down; returns the agenda in its new order."""
    _require_manager(by)
    _require_minutes_open(item.meeting)
    items = _renumber_agenda(item.meeting)
    index = next(i for i, candidate in enumerate(items) if candidate.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, agenda_item in enumerate(items, start=1):
            agenda_item.position = position
        AgendaItem.objects.bulk_update(items, ["position"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            instance=item.meeting,
            changes={"agenda_order": [None, [str(agenda_item.pk) for agenda_item in items]]},
        )
    return items


# --- Decisions and minutes ---------------------------------------------------------------------------


@transaction.atomic
def decision_save(
    *, meeting: Meeting, data: Mapping[str, Any], decision: Decision | None = None, by: Any
) -> Decision:
    _require_manager(by)
    _require_minutes_open(meeting)
    if decision is None:
        # Numbered per meeting, in the order recorded; the row lock keeps two clerks from
        # taking the same number.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        number = (meeting.decisions.aggregate(last=Max("number"))["last"] or 0) + 1
        return model_create(instance=Decision(meeting=meeting, number=number, **data), by=by)
    decision, _changes = model_update(instance=decision, data=data, by=by)
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision, by: Any) -> None:
    _require_manager(by)
    _require_minutes_open(decision.meeting)
    model_delete(instance=decision, by=by)


@transaction.atomic
def minutes_publish(*, meeting: Meeting, by: Any) -> MinutesVersion:
    """Freeze the minutes as a new version and tell the invited entities."""
    _require_manager(by)
    if meeting.minutes_locked:
        raise ValidationError(_("These minutes are already published."))
    if not meeting.agenda_items.exists() and not meeting.decisions.exists():
        raise ValidationError(_("Add the agenda or at least one decision before publishing the minutes."))
    number = (meeting.minutes_versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = MinutesVersion.objects.create(
        meeting=meeting, number=number, text=minutes_text(meeting), published_by=by
    )
    model_update(instance=meeting, data={"minutes_status": MinutesStatus.PUBLISHED}, by=by)
    title = (
        gettext_lazy("Minutes published: %(title)s")
        if number == 1
        else gettext_lazy("Minutes corrected: %(title)s")
    )
    _notify_invitees(meeting, kind="minutes.published", title=title)
    return version


@transaction.atomic
def minutes_start_correction(*, meeting: Meeting, by: Any) -> Meeting:
    """Unlock published minutes for a correction; publishing again makes the next version."""
    _require_manager(by)
    if not meeting.minutes_locked:
        raise ValidationError(_("These minutes are not published yet."))
    meeting, _changes = model_update(instance=meeting, data={"minutes_status": MinutesStatus.DRAFT}, by=by)
    return meeting


# --- Action items ------------------------------------------------------------------------------------


def _owner_users(item: ActionItem) -> Any:
    if item.owner_person_id and item.owner_person.user_id and item.owner_person.user.is_active:
        return [item.owner_person.user]
    return entity_coordinator_users({item.owner_entity_id})


@transaction.atomic
def action_item_create(*, meeting: Meeting, data: Mapping[str, Any], by: Any) -> ActionItem:
    _require_manager(by)
    if data.get("decision") is not None and data["decision"].meeting_id != meeting.pk:
        raise ValidationError({"decision": _("The decision must be one of this meeting's.")})
    item = model_create(instance=ActionItem(meeting=meeting, **data), by=by)
    _announce_assignment(item)
    notify(
        recipients=_owner_users(item),
        kind="action_item.assigned",
        title=in_default_language(gettext_lazy("New action item for your entity: %(title)s"))
        % {"title": item.title_ar},
        body=f"{item.owner_entity.name_ar} — {item.due_date.isoformat()}",
        url=item.get_absolute_url(),
    )
    return item


@transaction.atomic
def action_item_update(
    *, item: ActionItem, data: Mapping[str, Any], by: Any, seen_version: str | None = None
) -> ActionItem:
    """Change what the task is, who owns it or when it is due: the meeting's organisers' call.
    A save by someone else since `seen_version` (core.concurrency) refuses this one."""
    _require_manager(by)
    check_unchanged(item, seen_version)
    if data.get("decision") is not None and data["decision"].meeting_id != item.meeting_id:
        raise ValidationError({"decision": _("The decision must be one of this meeting's.")})
    old_owner = item.owner_entity_id
    data = dict(data)
    if "status" in data:
        data["completed_at"] = _completed_at(item, data["status"])
    item, _changes = model_update(instance=item, data=data, by=by)
    if item.owner_entity_id != old_owner:
        _announce_assignment(item)
        notify(
            recipients=_owner_users(item),
            kind="action_item.assigned",
            title=in_default_language(gettext_lazy("New action item for your entity: %(title)s"))
            % {"title": item.title_ar},
            url=item.get_absolute_url(),
        )
    return item


def _announce_assignment(item: ActionItem) -> None:
    events.publish(
        "action_item.assigned",
        entity_ids=[item.owner_entity_id],
        payload={
            "id": item.pk, "title_ar": item.title_ar, "title_en": item.title_en, "due_date": item.due_date.isoformat(),
            "owner_entity": item.owner_entity_id, "meeting": item.meeting_id, "status": item.status,
        },
    )  # fmt: skip


def _completed_at(item: ActionItem, status: str) -> dt.datetime | None:
    if status == ActionStatus.DONE:
        return item.completed_at or timezone.now()
    return None


@transaction.atomic
def action_item_add_progress(
    *, item: ActionItem, note: str, status: str | None = None, evidence: Any = None, by: Any
) -> ActionItemUpdate:
    """A progress note from the owner entity (or a manager), optionally moving the status."""
    if not can_follow_up(by, item):
        raise PermissionDenied(_("Only the owner entity's coordinators can update this action item."))
    if not note.strip():
        raise ValidationError({"note": _("Write what was done.")})
    new_status = status or item.status
    if new_status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    # Lock the row so two coordinators updating at once cannot lose one of the changes.
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    update = ActionItemUpdate(
        action_item=item, author=by, note=note.strip(), status_from=item.status, status_to=new_status
    )
    if evidence:
        update.evidence = evidence
    update.full_clean()
    update.save()
    if new_status != item.status:
        model_update(
            instance=item,
            data={"status": new_status, "completed_at": _completed_at(item, new_status)},
            by=by,
        )
    return update


def action_item_url(item: ActionItem) -> str:
    return reverse("coordination:action_item_detail", args=[item.pk])


# --- Calendar feeds ---------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_regenerate(*, user: Any) -> CalendarFeed:
    """A new secret address for the person's meeting calendar; the old one stops working."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: Any) -> None:
    CalendarFeed.objects.filter(user=user).delete()
