"""Announcements: programme managers write to all partners, one sector, or a track's partners."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.models import Role
from learningcity.core.audit import audit_created
from learningcity.notifications.models import Announcement, AnnouncementAudience, AnnouncementReceipt
from learningcity.notifications.services import notify
from learningcity.partners.models import Entity, Responsibility, Sector


def audience_entities(announcement: Announcement) -> QuerySet[Entity]:
    entities = Entity.objects.all()
    if announcement.audience == AnnouncementAudience.SECTOR:
        return entities.filter(sector=announcement.sector)
    if announcement.audience == AnnouncementAudience.TRACK:
        # A track's partners: the entities that own or take part in its initiatives, and the
        # sectors the responsibility matrix names for it.
        sectors = Responsibility.objects.filter(track=announcement.track).values_list("sector", flat=True)
        return entities.filter(
            Q(owned_initiatives__track=announcement.track)
            | Q(initiative_roles__initiative__track=announcement.track)
            | Q(sector__in=sectors)
        ).distinct()
    return entities


def audience_users(announcement: Announcement) -> QuerySet:
    """Active coordinators of the audience's entities, and the programme's managers."""
    entity_ids = audience_entities(announcement).values("pk")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(
                role=Role.COORDINATOR,
                coordinator_records__entity__in=entity_ids,
                coordinator_records__is_active=True,
            )
            | Q(role=Role.PROGRAMME_MANAGER)
        )
        .distinct()
    )


@transaction.atomic
def announcement_send(*, data: Mapping[str, Any], by: Any) -> Announcement:
    if not getattr(by, "is_programme_manager", False):
        raise PermissionDenied(_("Only programme managers send announcements."))
    data = dict(data)
    if data.get("audience") == AnnouncementAudience.SECTOR and data.get("sector") not in Sector.values:
        raise ValidationError({"sector": _("Choose the sector.")})
    if data.get("audience") == AnnouncementAudience.TRACK and not data.get("track"):
        raise ValidationError({"track": _("Choose the track.")})
    announcement = Announcement(created_by=by, **data)
    announcement.full_clean(exclude=["created_by"])
    announcement.save()
    audit_created(actor=by, instance=announcement)
    # Thousands of receipts, notifications and messages are the worker's to write: the manager's
    # request returns at once (announcement_fan_out).
    from learningcity.notifications.tasks import send_announcement

    transaction.on_commit(lambda: send_announcement.enqueue(announcement.pk))
    return announcement


@transaction.atomic
def announcement_fan_out(*, announcement_id: int) -> int:
    """Each recipient's receipt, notification and messages (in the worker). Once only: a job run
    again finds the receipts written and does nothing."""
    announcement = Announcement.objects.select_for_update().get(pk=announcement_id)
    if announcement.receipts.exists():
        return 0
    users = list(audience_users(announcement))
    AnnouncementReceipt.objects.bulk_create(
        [AnnouncementReceipt(announcement=announcement, user=user) for user in users], batch_size=1000
    )
    notify(
        recipients=users,
        kind="announcement.sent",
        title=announcement.title_ar,
        body=announcement.body_ar[:500],
        url=announcement.get_absolute_url(),
    )
    return len(users)


def announcement_mark_read(*, announcement: Announcement, user: Any) -> None:
    AnnouncementReceipt.objects.filter(announcement=announcement, user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
