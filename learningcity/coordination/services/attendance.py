"""Replies to invitations, and who attended (marked, or checked in with the room's code)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.coordination.models import (
    Attendance,
    AttendanceMethod,
    Invitation,
    InvitationResponse,
    Meeting,
    MeetingStatus,
)
from learningcity.coordination.permissions import can_reply
from learningcity.coordination.services.checks import _require_manager
from learningcity.core.services import model_create, model_delete, model_update
from learningcity.partners.models import Coordinator, Entity
from learningcity.partners.permissions import coordinated_entity_ids


class NotInvitedError(ValidationError):
    pass


@transaction.atomic
def invitation_reply(
    *, invitation: Invitation, response: str, delegate_name: str = "", by: User
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
    by: User,
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
def attendance_remove(*, attendance: Attendance, by: User) -> None:
    _require_manager(by)
    model_delete(instance=attendance, by=by)


def attendance_check_in(*, meeting: Meeting, code: str, by: User) -> Attendance:
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
