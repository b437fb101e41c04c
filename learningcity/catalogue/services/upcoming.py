"""Keeping Opportunity.upcoming_session_at — when each opportunity's next scheduled session
starts — current: at once when one of its sessions changes (a signal, so imports, the admin
and the services are all covered), and for the rest as sessions begin (the hourly job)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from learningcity.catalogue.models import Opportunity, Session, SessionStatus
from learningcity.catalogue.selectors import CATALOGUE_CACHE
from learningcity.core.cache import bump


def refresh_upcoming_sessions(
    opportunities: QuerySet[Opportunity] | None = None, *, now: dt.datetime | None = None
) -> int:
    """Recompute upcoming_session_at for `opportunities` — by default those whose stored
    session has begun since. One UPDATE; returns the number of opportunities looked at."""
    now = now or timezone.now()
    if opportunities is None:
        opportunities = Opportunity.objects.filter(upcoming_session_at__lte=now)
    next_start = (
        Session.objects.filter(opportunity=OuterRef("pk"), status=SessionStatus.SCHEDULED, starts_at__gt=now)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    # QuerySet.update() sends no signal and leaves updated_at alone: the sort order changes,
    # the opportunity does not. The cached result lists are told explicitly.
    changed = opportunities.order_by().update(upcoming_session_at=Subquery(next_start))
    if changed:
        bump(CATALOGUE_CACHE)
    return changed


def session_changed(sender: Any, instance: Session, **_kwargs: Any) -> None:
    """post_save / post_delete of a Session."""
    refresh_upcoming_sessions(Opportunity.objects.filter(pk=instance.opportunity_id))
