from __future__ import annotations

from learningcity.accounts.models import User


def user_entity_for(user: User, candidates: set[int]) -> int | None:
    """The entity (among `candidates`) through which a coordinator acts, for attribution."""
    from learningcity.partners.permissions import coordinated_entity_ids

    mine = sorted(coordinated_entity_ids(user) & candidates)
    return mine[0] if mine else None
