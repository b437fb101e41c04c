"""The host app's server side: the day a host's device downloads (sessions and, for the
managers who organise them, coordination meetings), the walk-in places it sets aside before
going offline, and the records it sends back when the connection returns.

Every record is answered — sent, or refused and why — by these rules:
- A person checked in on two devices counts once (attendance is a yes, not a tally).
- A check-in of a registration cancelled meanwhile is refused and said so, never counted.
- A walk-in takes one of the places its device set aside; with none left it is refused, so
  offline sign-ups can never overfill a session (catalogue/places.py counts the places set
  aside as taken). A walk-in who already holds a place is checked in on it instead.
- A record sent again (the answer was lost on the way) gets the first answer and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.catalogue.check_in import check_in_code
from learningcity.catalogue.contact import normalize_mobile
from learningcity.catalogue.models import (
    ACTIVE_STATUSES,
    Learner,
    OpportunityStatus,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
    WalkInAllotment,
)
from learningcity.catalogue.permissions import can_edit_opportunity
from learningcity.catalogue.places import held_places
from learningcity.catalogue.services.learners import learner_sign_up
from learningcity.catalogue.services.registrations import (
    attendance_mark_sessions,
    audience_refusal,
    lock_session,
)
from learningcity.coordination.models import Attendance, Invitation, Meeting, MeetingStatus
from learningcity.coordination.services.attendance import attendance_mark as meeting_attendance_mark
from learningcity.core.audit import audit_record
from learningcity.core.bilingual import bilingual_value
from learningcity.core.hijri import format_dual_datetime
from learningcity.core.models import AuditAction
from learningcity.hostapp.models import SyncedRecord, SyncState
from learningcity.partners.models import Coordinator
from learningcity.partners.permissions import coordinated_entity_ids

# How many records one sync may carry (a day at a busy door is a few hundred).
MAX_RECORDS = 500


def hosted_sessions(user: User, day: dt.date) -> list[Session]:
    """The sessions of `day` (local time) that `user` may take attendance for."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    sessions = Session.objects.filter(
        starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=1),
        opportunity__status__in=[OpportunityStatus.PUBLISHED, OpportunityStatus.CLOSED],
    ).exclude(status=SessionStatus.CANCELLED)
    if not user.is_programme_manager:
        sessions = sessions.filter(opportunity__provider__in=coordinated_entity_ids(user))
    return list(
        sessions.select_related("opportunity__governorate")
        .prefetch_related("opportunity__age_groups")
        .order_by("starts_at", "pk")
    )


def day_for(*, user: User, device: str, day: dt.date) -> dict[str, Any]:
    """Everything the device needs to check people in offline for `day`."""
    sessions = hosted_sessions(user, day)
    registrations: dict[int, list[Registration]] = {session.pk: [] for session in sessions}
    for registration in (
        Registration.objects.filter(session__in=sessions, status=RegistrationStatus.CONFIRMED)
        .select_related("learner")
        .order_by("learner__full_name", "pk")
    ):
        registrations[registration.session_id].append(registration)
    allotments = {
        a.session_id: a for a in WalkInAllotment.objects.filter(session__in=sessions, device=device)
    }
    return {
        "day": day.isoformat(),
        "downloaded_at": timezone.now().isoformat(),
        "meetings": _meetings_of(user, day),
        "sessions": [
            {
                "id": session.pk,
                "title": bilingual_value(session.opportunity, "title"),
                "starts_at": session.starts_at.isoformat(),
                "when": format_dual_datetime(session.starts_at),
                "venue": bilingual_value(session.opportunity, "venue")
                or bilingual_value(session.opportunity.governorate, "name"),
                "capacity": session.capacity,
                "audience": session.audience,
                "age_groups": sorted(item.age_group for item in session.opportunity.age_groups.all()),
                "walk_in": {
                    "places": allotments[session.pk].places if session.pk in allotments else 0,
                    "used": allotments[session.pk].used if session.pk in allotments else 0,
                },
                "registrants": [
                    {
                        "id": registration.pk,
                        "reference": registration.reference,
                        "code": check_in_code(registration),
                        "name": registration.learner.full_name,
                        "attended": registration.attended is True,
                    }
                    for registration in registrations[session.pk]
                ],
            }
            for session in sessions
        ],
    }


def _meetings_of(user: User, day: dt.date) -> list[dict[str, Any]]:
    """The coordination meetings of `day` a manager takes attendance at: each invited entity's
    coordinators, who is already checked in, and the room's own check-in code."""
    if not user.is_programme_manager:
        return []
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    meetings = list(
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )
    invitations = list(Invitation.objects.filter(meeting__in=meetings).order_by("entity__name_ar"))
    by_entity: dict[int, list[Coordinator]] = {}
    for coordinator in Coordinator.objects.filter(
        is_active=True, entity__in={i.entity_id for i in invitations}
    ).select_related("entity", "user"):
        by_entity.setdefault(coordinator.entity_id, []).append(coordinator)
    invited: dict[int, list[Coordinator]] = {meeting.pk: [] for meeting in meetings}
    for invitation in invitations:
        invited[invitation.meeting_id] += by_entity.get(invitation.entity_id, [])
    present = set(
        Attendance.objects.filter(meeting__in=meetings, coordinator__isnull=False).values_list(
            "meeting_id", "coordinator_id"
        )
    )
    return [
        {
            "id": meeting.pk,
            "title": bilingual_value(meeting, "title"),
            "when": format_dual_datetime(meeting.starts_at),
            "code": meeting.checkin_code,
            "people": [
                {
                    "id": coordinator.pk,
                    "name": str(coordinator),
                    "entity": bilingual_value(coordinator.entity, "name"),
                    "attended": (meeting.pk, coordinator.pk) in present,
                }
                for coordinator in invited[meeting.pk]
            ],
        }
        for meeting in meetings
    ]


def walk_in_places_set_aside(*, session: Session, device: str, places: int, by: User) -> WalkInAllotment:
    """Set aside `places` of the session's free places for walk-ins on `device` (in all, the
    ones it used included). Never more than are free: the others belong to registrations,
    offers and other devices."""
    if not can_edit_opportunity(by, session.opportunity):
        raise PermissionDenied(_("You may not change this record."))
    if not device or len(device) > 64:
        raise ValidationError(_("This device has no id; reload the host app."), code="device")
    with transaction.atomic():
        session = lock_session(session)
        if session.status == SessionStatus.CANCELLED or session.ends_at <= timezone.now():
            raise ValidationError(_("This session is over or cancelled."), code="closed")
        allotment, _created = WalkInAllotment.objects.get_or_create(
            session=session, device=device, defaults={"places": 0, "held_by": by}
        )
        free = session.capacity - (held_places(session) - allotment.left)
        if places < allotment.used:
            raise ValidationError(
                _("This device already signed up %(used)d walk-ins; it cannot keep fewer places.")
                % {"used": allotment.used},
                code="used",
            )
        if places - allotment.used > free:
            raise ValidationError(
                _(
                    "Only %(free)d places are free in this session; this device can set aside at most that many."
                )
                % {"free": max(free, 0)},
                code="full",
            )
        before = allotment.places
        allotment.places, allotment.held_by = places, by
        allotment.save(update_fields=["places", "held_by", "updated_at"])
        audit_record(
            actor=by, action=AuditAction.UPDATE, instance=allotment, changes={"places": [before, places]}
        )
    return allotment


# --- Records sent back ---------------------------------------------------------------------------


class Refused(Exception):
    """A record the rules refuse, with the reason said to the host."""


def _registration_for(record: Mapping[str, Any], by: User) -> Registration:
    registration = (
        Registration.objects.select_related("session__opportunity", "learner")
        .filter(pk=_whole(record.get("registration")))
        .first()
    )
    if registration is None or not can_edit_opportunity(by, registration.session.opportunity):
        raise Refused(_("No such registration among your sessions."))
    return registration


def _whole(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0


def _check_in(registration: Registration, by: User) -> str:
    """Mark the registration attended; the message says what happened."""
    if registration.status == RegistrationStatus.CANCELLED:
        raise Refused(
            _("The registration was cancelled on %(when)s, so this check-in was not counted.")
            % {"when": format_dual_datetime(registration.cancelled_at)}
        )
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Refused(_("This person has no confirmed place in the session (they are on its waiting list)."))
    if registration.attended is True:
        return _("Already checked in (on another device or twice); counted once.")
    try:
        attendance_mark_sessions(marks={registration.session: {registration.pk: True}}, by=by)
    except ValidationError as exc:
        raise Refused(exc.messages[0]) from exc
    return ""


def _walk_in(record: Mapping[str, Any], device: str, by: User) -> tuple[Registration, str]:
    session = Session.objects.select_related("opportunity").filter(pk=_whole(record.get("session"))).first()
    if session is None or not can_edit_opportunity(by, session.opportunity):
        raise Refused(_("No such session among yours."))
    try:
        mobile = normalize_mobile(str(record.get("mobile") or ""))
    except ValidationError as exc:
        raise Refused(exc.messages[0]) from exc
    session = lock_session(session)
    known = Learner.objects.filter(mobile=mobile).first()
    if known is not None:
        held = session.registrations.filter(learner=known, status__in=ACTIVE_STATUSES).first()
        if held is not None and held.status == RegistrationStatus.CONFIRMED:
            # Already holds a place (or another device signed them in): checked in on it.
            return held, _check_in(held, by) or _("Already had a place; checked in on it.")
    allotment = WalkInAllotment.objects.select_for_update().filter(session=session, device=device).first()
    if allotment is None or allotment.left <= 0:
        raise Refused(_("This device has no walk-in places left for this session."))
    learner = known or _new_learner(record, session)
    refusal = audience_refusal(learner=learner, session=session)
    if refusal is not None:
        raise Refused(refusal.messages[0])
    now = timezone.now()
    registration = session.registrations.filter(learner=learner, status__in=ACTIVE_STATUSES).first()
    if registration is not None:  # on the waiting list or offered a place: the place is theirs now
        previous = registration.status
        registration.status, registration.confirmed_at, registration.attended = (
            RegistrationStatus.CONFIRMED, now, True,
        )  # fmt: skip
        registration.save(update_fields=["status", "confirmed_at", "attended", "updated_at"])
        changes: dict[str, list[Any]] = {"status": [previous, registration.status], "attended": [None, True]}
        action = AuditAction.UPDATE
    else:
        registration = Registration.objects.create(
            learner=learner,
            session=session,
            status=RegistrationStatus.CONFIRMED,
            confirmed_at=now,
            attended=True,
        )
        changes = {"status": [None, registration.status], "attended": [None, True]}
        action = AuditAction.CREATE
    audit_record(actor=by, action=action, instance=registration, changes=changes)
    allotment.used += 1
    allotment.save(update_fields=["used", "updated_at"])
    return registration, ""


def _meeting_check_in(record: Mapping[str, Any], by: User) -> str:
    """A coordinator checked in at a coordination meeting by its organiser (a manager)."""
    meeting = Meeting.objects.filter(pk=_whole(record.get("meeting"))).first()
    if meeting is None or not by.is_programme_manager:
        raise Refused(_("No such meeting among yours."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise Refused(_("This meeting was cancelled."))
    coordinator = (
        Coordinator.objects.select_related("entity")
        .filter(pk=_whole(record.get("coordinator")), entity__in=meeting.invitations.values("entity"))
        .first()
    )
    if coordinator is None:
        raise Refused(_("This person is not among the meeting's invited coordinators."))
    if meeting.attendances.filter(coordinator=coordinator).exists():
        return _("Already checked in (on another device or twice); counted once.")
    try:
        meeting_attendance_mark(meeting=meeting, entity=coordinator.entity, coordinator=coordinator, by=by)
    except ValidationError as exc:
        raise Refused(" ".join(exc.messages)) from exc
    return ""


def _new_learner(record: Mapping[str, Any], session: Session) -> Learner:
    """An account for someone who walked in: they sign in later with a code sent to the mobile
    number, to find their attendance and certificate."""
    data = {
        "full_name": str(record.get("name") or "").strip()[:150],
        "sex": record.get("sex"),
        "age_group": record.get("age_group"),
        "nationality": record.get("nationality"),
        "governorate": session.opportunity.governorate,
        "mobile": str(record.get("mobile") or ""),
        "consent": record.get("consent") is True,
    }
    try:
        return learner_sign_up(data=data, password=None, language=str(record.get("language") or "ar"))
    except ValidationError as exc:
        raise Refused(" ".join(exc.messages)) from exc


def sync(*, records: Iterable[Mapping[str, Any]], device: str, by: User) -> list[dict[str, str]]:
    """Apply what a device recorded offline; one answer per record, in order."""
    records = list(records)
    if len(records) > MAX_RECORDS:
        raise ValidationError(
            _("At most %(count)d records at a time.") % {"count": MAX_RECORDS}, code="too_many"
        )
    return [_one(record, device, by) for record in records]


def _one(record: Mapping[str, Any], device: str, by: User) -> dict[str, str]:
    try:
        client_id = uuid.UUID(str(record.get("id")))
    except ValueError:
        return {
            "id": str(record.get("id")),
            "state": SyncState.REFUSED,
            "message": _("The record has no id."),
        }
    earlier = SyncedRecord.objects.filter(client_id=client_id).first()
    if earlier is not None:
        return earlier.answer()
    kind = str(record.get("type") or "")
    registration = None
    try:
        with transaction.atomic():
            if kind == "check_in":
                registration = _registration_for(record, by)
                message = _check_in(registration, by)
            elif kind == "walk_in":
                registration, message = _walk_in(record, device, by)
            elif kind == "meeting_check_in":
                message = _meeting_check_in(record, by)
            else:
                raise Refused(_("Unknown kind of record."))
        state = SyncState.SENT
    except Refused as refused:
        state, message = SyncState.REFUSED, str(refused)
    except PermissionDenied as denied:
        state, message = SyncState.REFUSED, str(denied)
    recorded = parse_datetime(str(record.get("at") or ""))
    try:
        saved = SyncedRecord.objects.create(
            client_id=client_id, device=device[:64], sent_by=by, kind=kind[:20], state=state,
            message=message[:300], registration=registration,
            recorded_at=recorded if recorded and timezone.is_aware(recorded) else None,
        )  # fmt: skip
    except IntegrityError:  # the same record arrived twice at the same moment
        saved = SyncedRecord.objects.get(client_id=client_id)
    return saved.answer()
