from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.accounts.selectors import programme_managers
from learningcity.coordination.models import AgendaItem, Meeting, MeetingStatus, MeetingType
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_update
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify
from learningcity.partners.permissions import can_edit_entity
from learningcity.programme.models import Challenge, ChallengeStatus, Initiative
from learningcity.programme.permissions import can_contribute


def _can_work_on(user: User, challenge: Challenge) -> bool:
    return can_contribute(user, challenge.initiative) or (
        challenge.owner_entity_id is not None and can_edit_entity(user, challenge.owner_entity_id)
    )


@transaction.atomic
def challenge_create(*, initiative: Initiative, data: Mapping[str, Any], by: User) -> Challenge:
    require(can_contribute(by, initiative))
    return model_create(instance=Challenge(initiative=initiative, reported_by=by, **data), by=by)


@transaction.atomic
def challenge_update(*, challenge: Challenge, data: Mapping[str, Any], by: User) -> Challenge:
    require(_can_work_on(by, challenge))
    data = dict(data)
    status = data.get("status", challenge.status)
    if status == ChallengeStatus.RESOLVED:
        if not (data.get("resolution") or challenge.resolution).strip():
            raise ValidationError({"resolution": _("Describe how the challenge was resolved.")})
        data.setdefault("resolved_on", challenge.resolved_on or timezone.localdate())
    else:
        data["resolved_on"] = None
    challenge, _changes = model_update(instance=challenge, data=data, by=by)
    return challenge


def next_coordination_meeting(initiative: Initiative) -> Meeting | None:
    """The next scheduled coordination meeting whose minutes are still open, in the
    initiative's learning city if there is one, otherwise in any city."""
    upcoming = Meeting.objects.filter(
        starts_at__gte=timezone.now(),
        status=MeetingStatus.SCHEDULED,
        meeting_type=MeetingType.COORDINATION,
        minutes_status="draft",
    ).order_by("starts_at", "pk")
    return upcoming.filter(learning_city_id=initiative.learning_city_id).first() or upcoming.first()


@transaction.atomic
def challenge_escalate(*, challenge: Challenge, by: User) -> AgendaItem:
    """Put the challenge on the agenda of the next coordination meeting and mark it escalated."""
    require(_can_work_on(by, challenge))
    if challenge.status == ChallengeStatus.RESOLVED:
        raise ValidationError(_("A resolved challenge cannot be escalated."))
    if challenge.escalated_to_id:
        raise ValidationError(_("This challenge is already on a meeting's agenda."))
    meeting = next_coordination_meeting(challenge.initiative)
    if meeting is None:
        raise ValidationError(
            _(
                "No coordination meeting is scheduled yet. Ask a programme manager to schedule one, then escalate again."
            )
        )
    position = (meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = model_create(
        instance=AgendaItem(
            meeting=meeting,
            position=position,
            title_ar=f"تحدٍّ ميداني: {challenge.title}",
            title_en=f"Field challenge: {challenge.title}",
            presenter_entity=challenge.initiative.owner_entity,
            axis=challenge.initiative.track.axis,
            track=challenge.initiative.track,
            notes_ar=f"{challenge.initiative.code} — {challenge.get_severity_display()}\n{challenge.description}",
        ),
        by=by,
    )
    model_update(instance=challenge, data={"status": ChallengeStatus.ESCALATED, "escalated_to": item}, by=by)
    notify(
        recipients=programme_managers(),
        kind="challenge.escalated",
        title=said(gettext_lazy("Field challenge escalated: %(title)s"), title=challenge.title),
        body=said(Named(meeting, "title")),
        url=meeting.get_absolute_url(),
    )
    return item
