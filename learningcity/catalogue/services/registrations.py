"""Registering for sessions, the waiting list, attendance and completion.

Places are never oversold: every change to a session's confirmed registrations first locks
the session row (SELECT … FOR UPDATE on PostgreSQL; SQLite runs write transactions one at a
time because the project opens them IMMEDIATE), then counts, then writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from learningcity.accounts.models import User
from learningcity.catalogue.models import (
    ACTIVE_STATUSES,
    HOLDING_STATUSES,
    AudienceSex,
    Learner,
    OpportunityStatus,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from learningcity.catalogue.permissions import can_cancel_registration, can_edit_opportunity
from learningcity.catalogue.places import held_places
from learningcity.core import assurance, events
from learningcity.core.audit import Named, audit_record, audit_updates, record_label
from learningcity.core.disaggregation import AgeGroup, Sex
from learningcity.core.hijri import format_dual_datetime
from learningcity.core.models import AuditAction
from learningcity.notifications.services import notify

# Which learners an audience admits.
AUDIENCE_ADMITS: dict[str, set[Sex]] = {
    AudienceSex.EVERYONE: {Sex.MALE, Sex.FEMALE},
    AudienceSex.MEN: {Sex.MALE},
    AudienceSex.WOMEN: {Sex.FEMALE},
}


def lock_session(session: Session) -> Session:
    """The session re-read and locked for the rest of the transaction: every change to its
    places goes through here first (registering, the waiting list, the host app)."""
    return Session.objects.select_for_update().select_related("opportunity").get(pk=session.pk)


def check_can_register(*, learner: Learner, session: Session, now: Any = None) -> None:
    """Raise ValidationError with the reason `learner` cannot register for `session`."""
    refusal = registration_refusal(learner=learner, session=session, now=now)
    if refusal is not None:
        raise refusal
    if Registration.objects.filter(learner=learner, session=session, status__in=ACTIVE_STATUSES).exists():
        raise ValidationError(_already_registered(learner), code="duplicate")


def session_refusal(*, session: Session, now: Any = None) -> ValidationError | None:
    """Why nobody can register for `session` now, or None (the part of registration_refusal
    that does not depend on the person: shown to visitors who have not signed in too)."""
    now = now or timezone.now()
    if session.opportunity.status != OpportunityStatus.PUBLISHED:
        return ValidationError(_("This opportunity is not open for registration."), code="not_open")
    if session.status == SessionStatus.CANCELLED:
        return ValidationError(_("This session was cancelled; choose another session."), code="cancelled")
    if session.has_started(now):
        return ValidationError(_("This session has already started; choose a later session."), code="past")
    if session.registration_closed(now):
        return ValidationError(
            _("Registration for this session closed on %(date)s; choose a later session.")
            % {"date": format_dual_datetime(session.registration_deadline)},
            code="deadline",
        )
    return None


def registration_refusal(*, learner: Learner, session: Session, now: Any = None) -> ValidationError | None:
    """Why `learner` cannot register for `session`, or None: the opportunity page says it before
    the click (its opportunity's age groups prefetched, so no query per session), registering
    enforces it."""
    now = now or timezone.now()
    closed = session_refusal(session=session, now=now)
    if closed is not None:
        return closed
    return audience_refusal(learner=learner, session=session)


def audience_refusal(*, learner: Learner, session: Session) -> ValidationError | None:
    """Why the session's audience (sex, age groups) leaves `learner` out, or None: the rules a
    host at the door keeps too (hostapp/services.py)."""
    opportunity = session.opportunity
    audience = session.audience
    if learner.sex not in AUDIENCE_ADMITS[audience]:
        message = (
            _("This session is for men only. Look for a session for women or for everyone.")
            if audience == AudienceSex.MEN
            else _("This session is for women only. Look for a session for men or for everyone.")
        )
        return ValidationError(message, code="audience")
    ages = [item.age_group for item in opportunity.age_groups.all()]  # prefetched on the page
    if ages and learner.age_group not in ages:
        labels = dict(AgeGroup.choices)
        return ValidationError(
            _("This opportunity is for the age groups %(ages)s; yours is not among them.")
            % {
                "ages": pgettext("list separator", ", ").join(
                    str(labels[age]) for age in ages if age in labels
                )
            },
            code="age_group",
        )
    return None


def _already_registered(learner: Learner) -> str:
    # Arabic says it to a woman and to a man in different words (أنتِ مسجّلة / أنت مسجّل).
    if learner.sex == Sex.FEMALE:
        return pgettext("addressed to a woman", "You are already registered for this session.")
    return pgettext("addressed to a man", "You are already registered for this session.")


def _message(learner: Learner, text: Any, **values: Any) -> str:
    """`text` (a lazy translation) in the learner's language."""
    with translation.override(learner.language):
        return str(text) % values


def registration_create(*, learner: Learner, session: Session) -> Registration:
    """Confirm a place, or put the learner on the waiting list when the session is full."""
    from learningcity.catalogue.services.waiting_list import offer_free_places_locked

    assurance.require(learner.user, "register")
    try:
        with transaction.atomic():
            session = lock_session(session)
            check_can_register(learner=learner, session=session)
            now = timezone.now()
            # Lapsed offers pass on first, so a newcomer never takes a place owed to someone waiting.
            offer_free_places_locked(session, now)
            if held_places(session) < session.capacity:
                registration = Registration.objects.create(
                    learner=learner, session=session, status=RegistrationStatus.CONFIRMED, confirmed_at=now
                )
            else:
                registration = Registration.objects.create(
                    learner=learner, session=session, status=RegistrationStatus.WAITLISTED, waitlisted_at=now
                )
            audit_record(
                actor=learner.user,
                action=AuditAction.CREATE,
                instance=registration,
                changes={"status": [None, registration.status]},
            )
            _notify_registered(registration)
            events.publish(
                "registration.created",
                entity_ids=[session.opportunity.provider_id],
                payload={
                    "id": registration.pk,
                    "session": session.pk,
                    "opportunity": session.opportunity_id,
                    "status": registration.status,
                    "created_at": registration.created_at.isoformat(),
                },
            )
    except IntegrityError as exc:
        # The unique constraint caught a double submission that raced past the check.
        raise ValidationError(_already_registered(learner), code="duplicate") from exc
    return registration


def session_label(session: Session, language: str) -> str:
    with translation.override(language):
        local = timezone.localtime(session.starts_at)
        return f"{session.opportunity.title} — {local:%Y-%m-%d %H:%M}"


def _notify_registered(registration: Registration) -> None:
    learner = registration.learner
    label = session_label(registration.session, learner.language)
    if registration.status == RegistrationStatus.CONFIRMED:
        title = _message(learner, gettext_lazy("Your place is confirmed: %(session)s"), session=label)
        kind = "registration.confirmed"
    else:
        title = _message(
            learner,
            gettext_lazy(
                "The session is full; you are on the waiting list: %(session)s. We will tell you as soon as a place frees up."
            ),
            session=label,
        )
        kind = "registration.waitlisted"
    if registration.status != RegistrationStatus.CONFIRMED:
        notify(recipients=[learner.user], kind=kind, title=title, url=my_learning_url(learner))
        return
    # A confirmed place leads to the registration's own page, where the check-in QR code is
    # (catalogue/check_in.py); the reference is in the message for a host to type in.
    with translation.override(learner.language):
        url = registration.get_absolute_url()
    body = _message(
        learner,
        gettext_lazy(
            "At the door: the check-in code on the registration's page, or the reference %(reference)s."
        ),
        reference=registration.reference,
    )
    notify(recipients=[learner.user], kind=kind, title=title, body=body, url=url)


def my_learning_url(learner: Learner) -> str:
    from django.urls import reverse

    with translation.override(learner.language):
        return reverse("catalogue:my_learning")


def registration_cancel(*, registration: Registration, by: User) -> Registration:
    from learningcity.catalogue.services.waiting_list import offer_free_places

    if not can_cancel_registration(by, registration):
        raise PermissionDenied(_("You may not change this record."))
    with transaction.atomic():
        lock_session(registration.session)
        registration = Registration.objects.select_related("session__opportunity", "learner__user").get(
            pk=registration.pk
        )
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        if registration.completed_at:
            raise ValidationError(_("A completed registration cannot be cancelled."), code="completed")
        previous = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            instance=registration,
            changes={"status": [previous, registration.status]},
        )
        if previous in HOLDING_STATUSES:
            offer_free_places(session=registration.session)
    return registration


def _provider_registrations(session: Session, registration_ids: Iterable[int]) -> list[Registration]:
    return list(
        session.registrations.filter(
            pk__in=list(registration_ids), status=RegistrationStatus.CONFIRMED
        ).select_related("learner__user", "session__opportunity__provider")
    )


def _check_attendance_allowed(session: Session, by: User) -> None:
    if not can_edit_opportunity(by, session.opportunity):
        raise PermissionDenied(_("You may not change this record."))
    if not session.doors_open():
        raise ValidationError(
            _("Attendance can be marked from half an hour before the session starts."), code="not_started"
        )


def attendance_refusal(*, session: Session, by: User) -> str | None:
    """Why `by` may not mark attendance for `session` now, or None."""
    try:
        _check_attendance_allowed(session, by)
    except PermissionDenied as exc:
        return str(exc)
    except ValidationError as exc:
        return exc.messages[0]
    return None


@transaction.atomic
def attendance_mark(*, session: Session, attended: dict[int, bool], by: User) -> int:
    """Record who came (`attended` maps registration id → came or not). Returns how many changed."""
    return attendance_mark_sessions(marks={session: attended}, by=by)


class ConfirmedPlace(Protocol):
    """A confirmed registration as attendance_mark_sessions needs it: whether the learner came
    so far, and the learner's name for the audit entry."""

    @property
    def pk(self) -> int: ...
    @property
    def session_id(self) -> int: ...
    @property
    def attended(self) -> bool | None: ...
    @property
    def learner_name(self) -> str: ...


class MarkedPlace(NamedTuple):
    pk: int
    session_id: int
    attended: bool | None
    learner_name: str


@transaction.atomic
def attendance_mark_sessions(
    *,
    marks: Mapping[Session, Mapping[int, bool]],
    by: User,
    read: Iterable[ConfirmedPlace] | None = None,
) -> int:
    """attendance_mark for several sessions in one go — an import's thousand rows span some
    fifty sessions, and a round of queries per session was most of its time. Refuses the
    whole change if any session may not be marked (callers check attendance_refusal first to
    report them one by one).

    `read`: the marked registrations as the caller has just read them in this transaction (an
    import has, to match its rows to people); they are then not read a second time, which was
    a tenth of an import. The updates still hold to the confirmed places of these sessions, and
    refuse the change if a registration has moved on since it was read."""
    for session in marks:
        _check_attendance_allowed(session, by)
    sessions = {session.pk: session for session in marks}
    wanted = {pk: value for attended in marks.values() for pk, value in attended.items()}
    if read is None:
        # Only what the change and its audit label need, as plain rows: imports bring a hundred
        # thousand at once, and loading each registration and learner was a fifth of their time.
        read = [
            MarkedPlace(*row)
            for row in Registration.objects.filter(
                session__in=list(sessions), pk__any_of=list(wanted), status=RegistrationStatus.CONFIRMED
            )
            .order_by()  # the model's order would sort every row for nothing
            .values_list("pk", "session_id", "attended", "learner__full_name")
        ]
    session_labels = {pk: record_label(session) for pk, session in sessions.items()}
    changes = [
        (
            Named(
                Registration,
                place.pk,
                Registration.label(place.learner_name, session_labels[place.session_id]),
            ),
            {"attended": [place.attended, wanted[place.pk]]},
        )
        for place in read
        if place.pk in wanted and place.session_id in sessions and place.attended != wanted[place.pk]
    ]
    # Two updates and one audit insert, however many people and sessions.
    now = timezone.now()
    for value in (True, False):
        ids = [named.pk for named, change in changes if change["attended"][1] is value]
        if not ids:
            continue
        updated = Registration.objects.filter(
            pk__any_of=ids, session__in=list(sessions), status=RegistrationStatus.CONFIRMED
        ).update(attended=value, updated_at=now)
        if updated != len(ids):
            raise ValidationError(
                _("Some of these places changed while attendance was being marked. Please try again."),
                code="changed",
            )
    audit_updates(actor=by, changes=changes)
    return len(changes)


@transaction.atomic
def registrations_complete(
    *, session: Session, registration_ids: Iterable[int], by: User
) -> list[Registration]:
    """Mark learners as having completed; issues their certificates where the opportunity awards one."""
    from learningcity.catalogue.services.certificates import certificate_issue

    if not can_edit_opportunity(by, session.opportunity):
        raise PermissionDenied(_("You may not change this record."))
    registrations = _provider_registrations(session, registration_ids)
    not_attended = [r.learner.full_name for r in registrations if not r.attended]
    if not_attended:
        raise ValidationError(
            _("Mark attendance first: %(names)s did not attend, so they cannot complete.")
            % {"names": pgettext("list separator", ", ").join(not_attended)}
        )
    completed = []
    now = timezone.now()
    for registration in registrations:
        if registration.completed_at:
            continue
        registration.completed_at = now
        registration.save(update_fields=["completed_at", "updated_at"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            instance=registration,
            changes={"completed_at": [None, now.isoformat()]},
        )
        certificate_issue(registration=registration, by=by)
        completed.append(registration)
    return completed


# Said to her or to him: Arabic's imperative agrees (ابحثي / ابحث).
SESSION_CANCELLED: dict[str, Any] = {
    Sex.FEMALE: pgettext_lazy(
        "addressed to a woman",
        "Session cancelled: %(session)s. Look for another session of the same opportunity.",
    ),
    Sex.MALE: pgettext_lazy(
        "addressed to a man",
        "Session cancelled: %(session)s. Look for another session of the same opportunity.",
    ),
}


def notify_session_cancelled(*, session: Session) -> None:
    registrations = session.registrations.filter(status__in=ACTIVE_STATUSES).select_related("learner__user")
    for registration in registrations:
        learner = registration.learner
        notify(
            recipients=[learner.user],
            kind="session.cancelled",
            title=_message(
                learner,
                SESSION_CANCELLED.get(learner.sex, SESSION_CANCELLED[Sex.MALE]),
                session=session_label(session, learner.language),
            ),
            url=session.opportunity.get_absolute_url(),
        )


def session_reminders_send(*, now: Any = None, hours_before: int = 24) -> int:
    """Remind confirmed learners of sessions starting within `hours_before` hours, once."""
    import datetime as dt

    now = now or timezone.now()
    due = Session.objects.filter(
        status=SessionStatus.SCHEDULED,
        opportunity__status=OpportunityStatus.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + dt.timedelta(hours=hours_before),
        reminder_sent_at__isnull=True,
    ).select_related("opportunity")
    sent = 0
    for session in due:
        with transaction.atomic():
            # Claim the session first, so a second worker running at the same time sends nothing.
            claimed = Session.objects.filter(pk=session.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not claimed:
                continue
            for registration in session.registrations.filter(
                status=RegistrationStatus.CONFIRMED
            ).select_related("learner__user"):
                learner = registration.learner
                notify(
                    recipients=[learner.user],
                    kind="session.reminder",
                    title=_message(
                        learner,
                        gettext_lazy("Reminder: %(session)s"),
                        session=session_label(session, learner.language),
                    ),
                    url=session.opportunity.get_absolute_url(),
                )
                sent += 1
    return sent
