from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from learningcity.accounts.models import Role


def programme_managers() -> Any:
    return get_user_model().objects.filter(role=Role.PROGRAMME_MANAGER, is_active=True)
