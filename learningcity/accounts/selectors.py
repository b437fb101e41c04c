from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from learningcity.accounts.models import Role, User
from learningcity.partners.models import Coordinator


def user_memberships(*, user: Any) -> QuerySet[Coordinator]:
    """The entities a person coordinates for, with their role in each."""
    return user.coordinator_records.select_related("entity").order_by("entity__name_ar")


def programme_managers() -> QuerySet[User]:
    """Everyone told about what waits for a programme manager's decision."""
    return User.objects.filter(role=Role.PROGRAMME_MANAGER, is_active=True)
