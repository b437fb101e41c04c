"""Meetings, their series, cancellation, invitations sent and attachments."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from learningcity.accounts.models import User
from learningcity.coordination.models import (
    Invitation,
    Meeting,
    MeetingAttachment,
    MeetingSeries,
    MeetingStatus,
    SeriesFrequency,
)
from learningcity.coordination.services.checks import _require_manager
from learningcity.core.audit import audit_record
from learningcity.core.models import AuditAction
from learningcity.core.services import model_create, model_update
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify
from learningcity.partners.models import Entity
from learningcity.partners.selectors import entity_coordinator_users

MAX_SERIES_LENGTH = 24


@transaction.atomic
def meeting_create(*, data: Mapping[str, Any], invited_entities: Iterable[Entity] = (), by: User) -> Meeting:
    _require_manager(by)
    meeting = model_create(instance=Meeting(**data), by=by)
    invitations_sync(meeting=meeting, entities=invited_entities, by=by)
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, data: Mapping[str, Any], invited_entities: Iterable[Entity] | None = None, by: User
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
    steps: dict[str, Callable[[int], dt.datetime]] = {
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
    by: User,
) -> MeetingSeries:
    """Create `count` meetings in one step; each can then be edited on its own."""
    _require_manager(by)
    if not 2 <= count <= MAX_SERIES_LENGTH:
        raise ValidationError(
            {
                "count": ngettext(
                    "A series has from 2 to %(max)s meeting.",
                    "A series has from 2 to %(max)s meetings.",
                    MAX_SERIES_LENGTH,
                )
                % {"max": MAX_SERIES_LENGTH}
            }
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
def meeting_cancel(*, meeting: Meeting, by: User) -> Meeting:
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
        title=said(title, title=Named(meeting, "title")),
        body=_meeting_summary(meeting),
        url=meeting.get_absolute_url(),
    )


def _meeting_summary(meeting: Meeting) -> str:
    from learningcity.core.hijri import format_dual_datetime

    place = meeting.venue_ar or meeting.online_url
    return f"{format_dual_datetime(meeting.starts_at, 'ar')} — {place}"


@transaction.atomic
def invitations_sync(*, meeting: Meeting, entities: Iterable[Entity], by: User) -> list[Invitation]:
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
def attachment_add(*, meeting: Meeting, title: str, file: Any, by: User) -> MeetingAttachment:
    _require_manager(by)
    attachment = MeetingAttachment(meeting=meeting, title=title, file=file, uploaded_by=by)
    return model_create(instance=attachment, by=by)
