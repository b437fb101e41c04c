from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from learningcity.accounts.models import Role


def programme_managers() -> Any:
    return get_user_model().objects.filter(role=Role.PROGRAMME_MANAGER, is_active=True)


def stored_message(message: Any, **values: Any) -> str:
    """A lazy message in the platform's default language (Arabic), as notifications store it."""
    from learningcity.notifications.services import in_default_language

    return in_default_language(message) % values if values else in_default_language(message)
