"""Each person's private calendar address."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction

from learningcity.coordination.models import (
    CalendarFeed,
)


@transaction.atomic
def calendar_feed_regenerate(*, user: Any) -> CalendarFeed:
    """A new secret address for the person's meeting calendar; the old one stops working."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: Any) -> None:
    CalendarFeed.objects.filter(user=user).delete()
