"""Who may change what in the programme (tested as a matrix in tests/programme/test_permissions.py).

- Programme managers: everything.
- Coordinators of an initiative's owner entity: edit the initiative, its milestones, funding
  and documents, and request resources for it.
- Coordinators of its partner entities: add beneficiaries, field challenges and progress notes.
- Coordinators of a resource's owner entity: keep the resource and approve or decline
  requests for it.
- Evaluators (and managers): record impact evaluations.
"""

from __future__ import annotations

from typing import Any

from learningcity.core.permissions import is_manager, is_staff
from learningcity.partners.permissions import can_edit_entity, coordinated_entity_ids
from learningcity.programme.models import Initiative, Resource

can_manage_programme = is_manager


can_view_programme = is_staff


def can_edit_initiative(user: Any, initiative: Initiative) -> bool:
    return can_edit_entity(user, initiative.owner_entity_id)


def partner_entity_ids(initiative: Initiative) -> set[int]:
    return {partner.entity_id for partner in initiative.partners.all()}


def can_contribute(user: Any, initiative: Initiative) -> bool:
    """Add beneficiaries, field challenges and progress notes."""
    if can_edit_initiative(user, initiative):
        return True
    return bool(coordinated_entity_ids(user) & partner_entity_ids(initiative))


def can_evaluate(user: Any) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_evaluator or user.is_programme_manager)
    )


def can_keep_resource(user: Any, resource: Resource) -> bool:
    return can_edit_entity(user, resource.owner_entity_id)


def can_create_initiative_for(user: Any, owner_entity_id: int | None) -> bool:
    return owner_entity_id is not None and can_edit_entity(user, owner_entity_id)
