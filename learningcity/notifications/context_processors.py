from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from learningcity.notifications.models import Notification


def unread(request: HttpRequest) -> dict[str, Any]:
    """How many notifications the signed-in person has not read (the bell in the header)."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {"unread_notifications": 0}
    return {"unread_notifications": Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
