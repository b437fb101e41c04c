"""The permission rules every app shares: who belongs to the programme's staff, who is a
programme manager, and how a service refuses (the rules particular to an app live in its own
permissions module)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def is_staff(user: Any) -> bool:
    """A signed-in member of the programme's staff (every role but the learner's)."""
    return getattr(user, "is_authenticated", False) and user.is_staff_member


def is_manager(user: Any) -> bool:
    """A signed-in programme manager (superusers hold every power a manager has)."""
    return getattr(user, "is_authenticated", False) and user.is_programme_manager


def require(allowed: bool, message: str | None = None) -> None:
    """A service's refusal: PermissionDenied, in the user's language, when `allowed` is false."""
    if not allowed:
        raise PermissionDenied(message or _("You may not change this record."))
