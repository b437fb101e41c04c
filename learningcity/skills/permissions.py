"""Who may do what with skills (tested in tests/skills/test_permissions.py and the matrix).

- Programme managers: keep the skills list (groups, skills, other names) and record any
  partner's demand.
- Coordinators of government and private-sector entities: declare, change and withdraw their
  own entity's skills in demand and its pledges (the source document gives the private sector
  the funding of specialised training; government entities know the public sector's needs).
- Every staff member reads the gap view, the demand and the list.
"""

from __future__ import annotations

from typing import Any

from learningcity.core.permissions import is_manager
from learningcity.partners.models import Entity, Sector
from learningcity.partners.permissions import can_edit_entity, coordinated_entity_ids

DECLARING_SECTORS = (Sector.GOVERNMENT, Sector.PRIVATE)


can_manage_skills = is_manager


def declaring_entities(user: Any) -> Any:
    """The entities `user` may declare demand for."""
    entities = Entity.objects.order_by("name_ar")
    if can_manage_skills(user):
        return entities
    return entities.filter(pk__in=coordinated_entity_ids(user), sector__in=DECLARING_SECTORS)


def can_declare_demand(user: Any) -> bool:
    return can_manage_skills(user) or declaring_entities(user).exists()


def can_declare_for(user: Any, entity: Entity) -> bool:
    if can_manage_skills(user):
        return True
    return entity.sector in DECLARING_SECTORS and can_edit_entity(user, entity)
