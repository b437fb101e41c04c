"""Who may do what with festivals. Programme managers run the festivals and review what is
submitted; a coordinator submits and changes events for the entities they coordinate."""

from __future__ import annotations

from typing import Any

from learningcity.core.permissions import is_manager
from learningcity.festivals.models import Festival, FestivalEvent
from learningcity.partners.permissions import can_edit_entity, coordinated_entity_ids


def can_manage_festivals(user: Any) -> bool:
    return is_manager(user)


def can_see_festival(user: Any, festival: Festival) -> bool:
    return festival.is_public or is_manager(user)


def can_submit_events(user: Any) -> bool:
    """A coordinator of some entity, or a manager (who submits on an entity's behalf)."""
    return is_manager(user) or bool(coordinated_entity_ids(user))


def can_see_event(user: Any, event: FestivalEvent) -> bool:
    return can_edit_entity(user, event.host_id)


def can_edit_event(user: Any, event: FestivalEvent) -> bool:
    return can_see_event(user, event) and event.is_editable
