"""What the programme's forms offer to choose from, and how it is labelled."""

from __future__ import annotations

from typing import Any

from learningcity.indicators.models import FrameworkNode
from learningcity.partners.models import Entity
from learningcity.partners.permissions import coordinated_entity_ids
from learningcity.programme.models import (
    Track,
)

LTR = {"dir": "ltr"}


def track_label(track: Track) -> str:
    return f"{track.axis.number}. {track.title}"


def node_label(node: FrameworkNode) -> str:
    return f"{node.framework.name} — {node.name}"


def entities_for(user: Any):  # a QuerySet of Entity
    """The owner entities a user may choose: every entity for a manager, their own otherwise."""
    entities = Entity.objects.order_by("name_ar")
    return entities if user.is_programme_manager else entities.filter(pk__in=coordinated_entity_ids(user))
