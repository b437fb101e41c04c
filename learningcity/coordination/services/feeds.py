"""Each person's private calendar address."""

from __future__ import annotations

import secrets

from django.db import transaction

from learningcity.accounts.models import User
from learningcity.coordination.models import (
    CalendarFeed,
)


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """A new secret address for the person's meeting calendar; the old one stops working."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()
