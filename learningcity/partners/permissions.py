"""Who may change a partner entity's records — the heart of the security model.

A programme manager changes every entity's records; a coordinator changes only the records
of the entities they coordinate for; everyone else reads. Later areas (initiatives,
opportunities, indicator values…) ask `can_edit_entity` about the record's owner entity.
"""

from __future__ import annotations

from typing import Any

from learningcity.core.permissions import is_manager, is_staff
from learningcity.partners.models import Entity


def coordinated_entity_ids(user: Any) -> frozenset[int]:
    """The entities `user` coordinates for (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_coordinator:
        return frozenset()
    cached = getattr(user, "_coordinated_entity_ids", None)
    if cached is None:
        cached = frozenset(
            user.coordinator_records.filter(is_active=True).values_list("entity_id", flat=True)
        )
        user._coordinated_entity_ids = cached
    return cached


# Create entities, agreements and the responsibility matrix: the managers.
can_manage_partners = is_manager


def can_edit_entity(user: Any, entity: Entity | int | None) -> bool:
    if not getattr(user, "is_authenticated", False) or entity is None:
        return False
    if user.is_programme_manager:
        return True
    entity_id = entity if isinstance(entity, int) else entity.pk
    return entity_id in coordinated_entity_ids(user)


# Coordinators' personal phone and email are for the programme's people, not the public.
can_see_contact_details = is_staff
