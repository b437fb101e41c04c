from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from learningcity.exchange.models import ApiToken


class ApiAccess(BasePermission):
    """Partner systems with a token, or signed-in staff (for the interactive docs). A read-only
    token cannot write; learners' accounts have no API."""

    message = _("This needs a token with write access.")

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if not getattr(user, "is_authenticated", False) or not user.is_staff_member:
            self.message = _("Sign in or send a valid API token.")
            return False
        if request.method not in SAFE_METHODS and not (user.is_coordinator or user.is_programme_manager):
            # Viewers and evaluators read; only partners' coordinators and managers write
            # (which records, the services decide). Refused before the body is read.
            self.message = _("Your role can read through the API but not change records.")
            return False
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if request.method not in SAFE_METHODS and token is not None and not token.can_write:
            self.message = _("This token is read only; make a token with write access to change records.")
            return False
        return True
