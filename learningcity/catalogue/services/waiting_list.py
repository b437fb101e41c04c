"""The waiting list that moves by itself: a freed place is *offered* to the person waiting
longest for a set time (WAITING_LIST_OFFER_HOURS, never past the session's start). They
confirm it or let it go; an offer left unanswered lapses and the place passes to the next.

An offer out holds its place (HOLDING_STATUSES), so nobody registering meanwhile takes it.
Every change locks the session row first, as registering does (services/registrations.py).
Lapsed offers are found by the hourly job (lapse_due_offers) and, so that nobody waits on
the clock, whenever the session's places are counted again: on a registration, a
cancellation, an answer to an offer or a change of the session.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from learningcity.accounts.models import User
from learningcity.catalogue.models import (
    Learner,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from learningcity.catalogue.permissions import can_answer_offer, can_cancel_registration
from learningcity.catalogue.places import held_places
from learningcity.catalogue.services.registrations import _notify_registered, lock_session, session_label
from learningcity.core.audit import audit_record
from learningcity.core.disaggregation import Sex
from learningcity.core.hijri import format_dual_datetime
from learningcity.core.models import AuditAction
from learningcity.notifications.services import notify

# Said to her or to him: Arabic's imperative and past tense agree (أكّدي / أكّد, لم تؤكّدي / لم تؤكّد).
PLACE_OFFERED: dict[str, Any] = {
    Sex.FEMALE: pgettext_lazy(
        "addressed to a woman",
        "A place freed up in %(session)s and it is held for you until %(until)s. "
        "Confirm it, or let it go for the next person waiting.",
    ),
    Sex.MALE: pgettext_lazy(
        "addressed to a man",
        "A place freed up in %(session)s and it is held for you until %(until)s. "
        "Confirm it, or let it go for the next person waiting.",
    ),
}
OFFER_LAPSED: dict[str, Any] = {
    Sex.FEMALE: pgettext_lazy(
        "addressed to a woman",
        "You did not confirm the place offered in %(session)s by %(until)s, so it went to the "
        "next person waiting. You can join the waiting list again.",
    ),
    Sex.MALE: pgettext_lazy(
        "addressed to a man",
        "You did not confirm the place offered in %(session)s by %(until)s, so it went to the "
        "next person waiting. You can join the waiting list again.",
    ),
}


def offer_deadline(session: Session, now: dt.datetime) -> dt.datetime:
    """Until when a place offered now is held: the set hours, but never past the start."""
    return min(now + dt.timedelta(hours=settings.WAITING_LIST_OFFER_HOURS), session.starts_at)


def _tell(learner: Learner, kind: str, texts: dict[str, Any], registration: Registration) -> None:
    """A message about an offer, in the learner's language and grammatical gender."""
    with translation.override(learner.language):
        title = str(texts.get(learner.sex, texts[Sex.MALE])) % {
            "session": session_label(registration.session, learner.language),
            "until": format_dual_datetime(registration.offer_expires_at, learner.language),
        }
        url = registration.get_absolute_url()
    notify(recipients=[learner.user], kind=kind, title=title, url=url)


def _lapse_offers(session: Session, now: dt.datetime) -> list[Registration]:
    """Cancel the session's offers whose time is up, and tell each person. The session is
    locked by the caller."""
    lapsed = list(
        session.registrations.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
        .select_related("learner__user", "session__opportunity")
        .order_by("offer_expires_at", "pk")
    )
    for registration in lapsed:
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = registration.offer_lapsed_at = now
        registration.save(update_fields=["status", "cancelled_at", "offer_lapsed_at", "updated_at"])
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            instance=registration,
            changes={"status": [RegistrationStatus.OFFERED, RegistrationStatus.CANCELLED]},
        )
        _tell(registration.learner, "registration.offer_lapsed", OFFER_LAPSED, registration)
    return lapsed


def offer_free_places_locked(session: Session, now: dt.datetime) -> list[Registration]:
    """With the session locked by the caller (registering, cancelling, answering an offer):
    lapse what is due, then offer each free place to the person waiting longest. Returns the
    new offers."""
    _lapse_offers(session, now)
    if session.status == SessionStatus.CANCELLED or session.has_started(now):
        return []
    free = session.capacity - held_places(session)
    if free <= 0:
        return []
    waiting = list(
        session.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .select_related("learner__user", "session__opportunity")
        .order_by("waitlisted_at", "pk")[:free]
    )
    until = offer_deadline(session, now)
    for registration in waiting:
        registration.status = RegistrationStatus.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = until
        registration.save(update_fields=["status", "offered_at", "offer_expires_at", "updated_at"])
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            instance=registration,
            changes={
                "status": [RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED],
                "offer_expires_at": [None, until.isoformat()],
            },
        )
        _tell(registration.learner, "registration.offered", PLACE_OFFERED, registration)
    return waiting


def offer_free_places(*, session: Session, now: dt.datetime | None = None) -> list[Registration]:
    """Offer the session's free places to the people waiting longest, and tell them."""
    with transaction.atomic():
        return offer_free_places_locked(lock_session(session), now or timezone.now())


def lapse_due_offers(*, now: dt.datetime | None = None) -> int:
    """The hourly job: every offer whose time is up lapses and its place is offered on.
    Returns how many lapsed. One transaction per session, so one busy session does not hold
    the others."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
        .order_by()
        .values_list("session_id", flat=True)
        .distinct()
    )
    lapsed = 0
    for session in Session.objects.filter(pk__in=list(due)):
        with transaction.atomic():
            session = lock_session(session)
            lapsed += len(_lapse_offers(session, now))
            offer_free_places_locked(session, now)  # finds nothing more to lapse; offers the places on
    return lapsed


def _answered(registration: Registration) -> Registration:
    """The registration re-read with its session locked, for an answer to its offer."""
    session = lock_session(registration.session)
    current = Registration.objects.select_related("learner__user").get(pk=registration.pk)
    current.session = session
    return current


def _open(offer: Registration, now: dt.datetime) -> bool:
    expires = offer.offer_expires_at
    return offer.status == RegistrationStatus.OFFERED and expires is not None and expires > now


def _answer(offer: Registration, status: str, by: User, **stamps: dt.datetime) -> None:
    """The offer answered: its new status and when, written and audited."""
    offer.status = status
    for name, value in stamps.items():
        setattr(offer, name, value)
    offer.save(update_fields=["status", *stamps, "updated_at"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        instance=offer,
        changes={"status": [RegistrationStatus.OFFERED, status]},
    )


def offer_accept(*, registration: Registration, by: User, now: dt.datetime | None = None) -> Registration:
    """The person offered a place takes it: the registration is confirmed. An answer that
    comes too late is refused, and the offer lapses there and then (the place moves on)."""
    if not can_answer_offer(by, registration):
        raise PermissionDenied(_("You may not change this record."))
    now = now or timezone.now()
    with transaction.atomic():
        current = _answered(registration)
        if current.status == RegistrationStatus.CONFIRMED:
            return current  # a second click on the same offer
        if _open(current, now):
            _answer(current, RegistrationStatus.CONFIRMED, by, confirmed_at=now)
            _notify_registered(current)
            return current
        offer_free_places_locked(current.session, now)  # lapses a late offer and passes the place on
    if current.status == RegistrationStatus.OFFERED:
        raise ValidationError(
            _("The place was held for you until %(until)s; it went to the next person waiting.")
            % {"until": format_dual_datetime(current.offer_expires_at)},
            code="lapsed",
        )
    raise ValidationError(_("No place is offered to you in this session now."), code="no_offer")


def offer_decline(*, registration: Registration, by: User, now: dt.datetime | None = None) -> Registration:
    """The person offered a place lets it go: they leave the list and the place passes on."""
    if not can_cancel_registration(by, registration):
        raise PermissionDenied(_("You may not change this record."))
    now = now or timezone.now()
    with transaction.atomic():
        current = _answered(registration)
        if _open(current, now):
            _answer(current, RegistrationStatus.CANCELLED, by, cancelled_at=now)
        elif current.status != RegistrationStatus.OFFERED:
            raise ValidationError(_("No place is offered to you in this session now."), code="no_offer")
        offer_free_places_locked(current.session, now)
    current.refresh_from_db()
    return current


__all__ = [
    "lapse_due_offers",
    "offer_accept",
    "offer_deadline",
    "offer_decline",
    "offer_free_places",
    "offer_free_places_locked",
]
