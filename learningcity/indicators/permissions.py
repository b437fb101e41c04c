"""Indicators: programme managers define them and verify values; the owner entity's
coordinators report values; everyone on the programme's side reads them; published
indicators are open to the public."""

from __future__ import annotations

from typing import Any

from learningcity.core.permissions import is_manager
from learningcity.indicators.models import Indicator
from learningcity.partners.permissions import can_edit_entity

can_manage_indicators = is_manager


def can_report(user: Any, indicator: Indicator) -> bool:
    if can_manage_indicators(user):
        return True
    return indicator.owner_entity_id is not None and can_edit_entity(user, indicator.owner_entity_id)
