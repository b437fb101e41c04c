"""Decisions, and publishing or correcting the minutes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.coordination.minutes import minutes_text
from learningcity.coordination.models import (
    Decision,
    Meeting,
    MinutesStatus,
    MinutesVersion,
)
from learningcity.coordination.services.checks import _require_manager, _require_minutes_open
from learningcity.coordination.services.meetings import _notify_invitees
from learningcity.core.services import model_create, model_delete, model_update


@transaction.atomic
def decision_save(
    *, meeting: Meeting, data: Mapping[str, Any], decision: Decision | None = None, by: User
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
def decision_delete(*, decision: Decision, by: User) -> None:
    _require_manager(by)
    _require_minutes_open(decision.meeting)
    model_delete(instance=decision, by=by)


@transaction.atomic
def minutes_publish(*, meeting: Meeting, by: User) -> MinutesVersion:
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
def minutes_start_correction(*, meeting: Meeting, by: User) -> Meeting:
    """Unlock published minutes for a correction; publishing again makes the next version."""
    _require_manager(by)
    if not meeting.minutes_locked:
        raise ValidationError(_("These minutes are not published yet."))
    meeting, _changes = model_update(instance=meeting, data={"minutes_status": MinutesStatus.DRAFT}, by=by)
    return meeting
