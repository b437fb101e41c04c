"""Data collection: programme managers set up data sets and name approvers; coordinators of
the entities a data set names fill its forms; the approvers named for a place approve or
return that place's forms (a programme manager may act at any level)."""

from __future__ import annotations

from typing import Any

from learningcity.core.permissions import is_manager
from learningcity.datacollection.models import Approver, DataSet
from learningcity.partners.permissions import coordinated_entity_ids

can_manage_data_sets = is_manager


def can_enter(user: Any, data_set: DataSet) -> bool:
    if is_manager(user):
        return True
    mine = coordinated_entity_ids(user)
    return bool(mine) and data_set.entities.filter(pk__in=mine).exists()


def can_approve(user: Any, scope: str) -> bool:
    if is_manager(user):
        return True
    return (
        getattr(user, "is_authenticated", False) and Approver.objects.filter(scope=scope, user=user).exists()
    )
