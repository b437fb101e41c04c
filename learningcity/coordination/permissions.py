"""Who may do what with meetings and action items.

Programme managers run meetings: they create them, keep the agenda, attendance and minutes,
and assign action items. Coordinators reply to their entity's invitations, check in, and
follow up their own entity's action items — never another entity's.
"""

from __future__ import annotations

from typing import Any

from learningcity.coordination.models import ActionItem, Invitation, Meeting
from learningcity.core.permissions import is_manager, is_staff
from learningcity.partners.permissions import can_edit_entity, coordinated_entity_ids

can_manage_meetings = is_manager


can_view_meetings = is_staff


def can_reply(user: Any, invitation: Invitation) -> bool:
    return can_manage_meetings(user) or invitation.entity_id in coordinated_entity_ids(user)


def invited_entity_ids_of(user: Any, meeting: Meeting) -> set[int]:
    """The entities through which `user` is invited to `meeting`."""
    mine = coordinated_entity_ids(user)
    if not mine:
        return set()
    return set(meeting.invitations.filter(entity_id__in=mine).values_list("entity_id", flat=True))


def can_follow_up(user: Any, item: ActionItem) -> bool:
    """Add progress notes and change the status of an action item."""
    return can_edit_entity(user, item.owner_entity_id)
