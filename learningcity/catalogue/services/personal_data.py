"""A learner's rights over their personal data (Saudi PDPL): a copy of everything the platform
holds about them, and deleting their account.

Deleting keeps what others rely on without the person in it: past registrations stay (with
sex, age group, governorate and nationality only, as the anonymous counts behind the
programme's indicators), certificates stay verifiable under the name they were issued to, and
places still to come are given up so the waiting list moves on.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.catalogue.models import (
    ACTIVE_STATUSES,
    Certificate,
    Learner,
    Registration,
)
from learningcity.catalogue.services.registrations import registration_cancel
from learningcity.core.audit import audit_record
from learningcity.core.models import AuditAction, AuditEntry


def _stamp(value: Any) -> str | None:
    return value.isoformat() if value else None


def _stated(change: Any) -> Any:
    """An audit change [before, after] as one value: what it became, or what it was."""
    if isinstance(change, list) and len(change) == 2:
        return change[1] if change[1] is not None else change[0]
    return change


def learner_data_export(*, learner: Learner) -> dict[str, Any]:
    """Everything held about `learner`, for them to download."""
    user = learner.user
    registrations = learner.registrations.select_related("session__opportunity__provider").order_by(
        "session__starts_at", "pk"
    )
    certificates = Certificate.objects.filter(registration__learner=learner).order_by("issued_at")
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "date_joined": _stamp(user.date_joined),
            "last_login": _stamp(user.last_login),
        },
        "profile": {
            "full_name": learner.full_name,
            "mobile": learner.mobile,
            "sex": learner.sex,
            "age_group": learner.age_group,
            "governorate": learner.governorate.name_ar,
            "nationality": learner.nationality,
            "has_disability": learner.has_disability,
            "accommodation_needs": learner.accommodation_needs,
            "access_needs": learner.access_needs,
            "interests": [group.name for group in learner.interests.all()],
            "language": learner.language,
            "privacy_notice_accepted_at": _stamp(learner.consented_at),
            "privacy_notice_version": learner.privacy_notice_version,
        },
        "registrations": [
            {
                "opportunity": registration.session.opportunity.title_ar,
                "provider": registration.session.opportunity.provider.name_ar,
                "session_starts_at": _stamp(registration.session.starts_at),
                "status": registration.status,
                "registered_at": _stamp(registration.created_at),
                "attended": registration.attended,
                "completed_at": _stamp(registration.completed_at),
            }
            for registration in registrations
        ],
        "certificates": [
            {
                "id": str(certificate.uuid),
                "issued_to": certificate.learner_name,
                "issued_at": _stamp(certificate.issued_at),
                "hours": str(certificate.hours),
                "revoked_at": _stamp(certificate.revoked_at),
            }
            for certificate in certificates
        ],
        "saved_searches": [
            {"query": saved.query, "created_at": _stamp(saved.created_at)}
            for saved in learner.saved_searches.order_by("created_at")
        ],
        "notifications": [
            {"title": n.title, "created_at": _stamp(n.created_at)}
            for n in user.notifications.order_by("created_at")
        ],
        # Identities linked through identity providers (identity/), reached by their
        # relation so the catalogue does not import the app that builds on it.
        "linked_identities": [
            {
                "provider": identity.provider,
                "verified_name": identity.verified_name,
                "email": identity.email,
                "national_identity_number": identity.national_id
                or ("kept as a keyed hash" if identity.national_id_hash else ""),
                "linked_at": _stamp(identity.created_at),
                "last_signed_in_at": _stamp(identity.last_signed_in_at),
            }
            for identity in user.identities.order_by("created_at")
        ],
        "sign_ins_and_links": [
            {
                "at": _stamp(entry.timestamp),
                "what": entry.action,
                **{name: _stated(value) for name, value in entry.changes.items()},
            }
            for entry in AuditEntry.objects.filter(
                actor=user, action__in=[AuditAction.SIGN_IN, AuditAction.LINK, AuditAction.UNLINK]
            ).order_by("pk")
        ],
    }


@transaction.atomic
def learner_account_delete(*, learner: Learner, by: User) -> None:
    """Delete the learner's account at their own request (see the module's note)."""
    if by.pk != learner.user_id:
        raise PermissionDenied(_("You may not change this record."))
    anonymise_learner(learner=learner, reason="deleted at the learner's request", by=by)


@transaction.atomic
def anonymise_learner(*, learner: Learner, reason: str, by: User | None = None) -> None:
    """Remove the person from the record: upcoming places given up, name, contact details and
    accommodation needs removed, the account closed. `by` is the learner (their request) or
    None (the retention policy)."""
    now = timezone.now()
    upcoming = learner.registrations.filter(
        status__in=ACTIVE_STATUSES,
        session__starts_at__gt=now,
        completed_at__isnull=True,
    )
    for registration in upcoming:
        registration_cancel(registration=registration, by=by or learner.user)
    # The people they registered have no account of their own: they go with them.
    for dependent in learner.dependents.exclude(full_name=""):
        anonymise_learner(learner=dependent, reason=reason, by=None)
    user = learner.user
    learner.full_name = ""
    learner.mobile = None
    learner.has_disability = False
    learner.accommodation_needs = ""
    learner.access_needs = []
    learner.save(
        update_fields=[
            "full_name",
            "mobile",
            "has_disability",
            "accommodation_needs",
            "access_needs",
            "updated_at",
        ]
    )
    learner.interests.clear()
    learner.saved_searches.all().delete()
    user.notifications.all().delete()
    user.username = f"deleted-{uuid.uuid4().hex}"
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit_record(
        actor=None, action=AuditAction.DELETE, instance=learner, changes={"account": ["active", reason]}
    )
    # Other signed-in sessions end too: an inactive user is not authenticated any more.


def inactive_learners(*, before: dt.datetime) -> QuerySet[Learner]:
    """Learners still holding personal data who have neither signed in nor had a session since
    `before` (joined before it, too)."""
    recent_sessions = Registration.objects.filter(learner=OuterRef("pk"), session__ends_at__gte=before)
    return (
        Learner.objects.filter(user__is_active=True, user__date_joined__lt=before)
        .filter(Q(user__last_login__isnull=True) | Q(user__last_login__lt=before))
        .exclude(Exists(recent_sessions))
    )


def anonymise_inactive_learners(before: dt.datetime, dry_run: bool) -> int:
    """The retention step for learners (core.retention): anonymise those inactive since `before`."""
    count = 0
    for learner in inactive_learners(before=before).select_related("user").iterator(chunk_size=500):
        count += 1
        if not dry_run:
            anonymise_learner(learner=learner, reason="anonymised by the retention policy")
    return count
