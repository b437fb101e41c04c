"""Group places: a parent registers their children, a teacher a class — names, sex and age
group of each — in one go and with one confirmation. Each person gets their own registration
(own attendance, own certificate) and a learner record without an account of its own, kept
by the one who registered them (Learner.guardian).

The group is confirmed whole or not at all: it fits in the session's free places (counted as
everywhere, catalogue/places.py, under the session's lock) and every person fits the
session's audience (sex, age groups); otherwise nothing is written and each refusal is said
by row.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from learningcity.accounts.models import Role
from learningcity.catalogue.models import (
    GroupBooking,
    GroupKind,
    Learner,
    Registration,
    RegistrationStatus,
    Session,
)
from learningcity.catalogue.places import held_places
from learningcity.catalogue.services.registrations import (
    audience_refusal,
    lock_session,
    my_learning_url,
    session_label,
    session_refusal,
)
from learningcity.core import assurance, events
from learningcity.core.audit import audit_created, audit_record
from learningcity.core.disaggregation import AgeGroup, Sex
from learningcity.core.models import AuditAction
from learningcity.notifications.services import notify


def _member(booker: Learner, person: Mapping[str, Any], now: Any) -> Learner:
    """A learner record for someone registered by `booker`, with an account that cannot sign in."""
    user = get_user_model().objects.create(
        username=f"member-{uuid.uuid4().hex}",
        role=Role.LEARNER,
        is_active=False,
        first_name=person["full_name"][:150],
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return Learner.objects.create(
        user=user, guardian=booker, full_name=person["full_name"], sex=person["sex"], age_group=person["age_group"],
        governorate=booker.governorate, nationality=booker.nationality, language=booker.language,
        consented_at=now, privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
    )  # fmt: skip


def _checked(people: Sequence[Mapping[str, Any]], session: Session) -> list[dict[str, str]]:
    """The people as they will be written, or a ValidationError naming each row that fails."""
    errors = []
    checked = []
    sexes, ages = set(Sex.values), set(AgeGroup.values)
    for row, person in enumerate(people, start=1):
        name = str(person.get("full_name") or "").strip()[:150]
        sex, age = person.get("sex"), person.get("age_group")
        if not name or sex not in sexes or age not in ages:
            errors.append(_("Person %(row)d: give the full name, sex and age group.") % {"row": row})
            continue
        candidate = Learner(full_name=name, sex=sex, age_group=age)
        refusal = audience_refusal(learner=candidate, session=session)
        if refusal is not None:
            errors.append(
                _("Person %(row)d (%(name)s): %(reason)s")
                % {"row": row, "name": name, "reason": refusal.messages[0]}
            )
            continue
        checked.append({"full_name": name, "sex": sex, "age_group": age})
    if errors:
        raise ValidationError(errors)
    return checked


def group_register(
    *,
    booker: Learner,
    session: Session,
    kind: str,
    name: str,
    people: Sequence[Mapping[str, Any]],
    consent: bool,
) -> GroupBooking:
    """Confirm places for `people`, all together or none."""
    assurance.require(booker.user, "register")
    if kind not in GroupKind.values:
        raise ValidationError({"kind": _("Choose who the people are.")})
    if not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Please confirm that you may register them and that they accept the privacy notice."
                )
            }
        )
    if not people:
        raise ValidationError(_("Add at least one person."))
    if len(people) > settings.GROUP_PLACES_MAX:
        raise ValidationError(
            _("At most %(count)d people can be registered together.") % {"count": settings.GROUP_PLACES_MAX}
        )
    with transaction.atomic():
        from learningcity.catalogue.services.waiting_list import offer_free_places_locked

        session = lock_session(session)
        closed = session_refusal(session=session)
        if closed is not None:
            raise closed
        members = _checked(people, session)
        now = timezone.now()
        offer_free_places_locked(session, now)  # places owed to the waiting list go there first
        free = session.capacity - held_places(session)
        if len(members) > free:
            raise ValidationError(
                _(
                    "Only %(free)d places are left in this session, so a group of %(count)d cannot be "
                    "confirmed together. Register fewer people, or choose another session."
                )
                % {"free": max(free, 0), "count": len(members)},
                code="full",
            )
        group = GroupBooking.objects.create(
            session=session, booked_by=booker, kind=kind, name=name.strip()[:150]
        )
        audit_created(actor=booker.user, instance=group)
        for person in members:
            registration = Registration.objects.create(
                learner=_member(booker, person, now), session=session, status=RegistrationStatus.CONFIRMED,
                confirmed_at=now, group=group,
            )  # fmt: skip
            audit_record(
                actor=booker.user, action=AuditAction.CREATE, instance=registration,
                changes={"status": [None, registration.status], "group": [None, group.pk]},
            )  # fmt: skip
            events.publish(
                "registration.created",
                entity_ids=[session.opportunity.provider_id],
                payload={
                    "id": registration.pk, "session": session.pk, "opportunity": session.opportunity_id,
                    "status": registration.status, "created_at": registration.created_at.isoformat(),
                },
            )  # fmt: skip
        with translation.override(booker.language):
            title = ngettext(
                "A place is confirmed for the %(count)s person you registered: %(session)s",
                "Places are confirmed for the %(count)s people you registered: %(session)s",
                len(members),
            ) % {"count": len(members), "session": session_label(session, booker.language)}
        notify(
            recipients=[booker.user],
            kind="registration.group_confirmed",
            title=title,
            url=my_learning_url(booker),
        )
    return group
