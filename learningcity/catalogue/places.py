"""How many of a session's places are taken — one rule for registering, the waiting list,
changing a session and every page that says how many are left: confirmed registrations,
places offered from the waiting list and not yet answered, and places a host's device set
aside for walk-ins and has not used yet."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce

from learningcity.catalogue.models import HOLDING_STATUSES, Registration, Session, WalkInAllotment


def held_places(session: Session) -> int:
    registrations = session.registrations.filter(status__in=HOLDING_STATUSES).count()
    set_aside = session.walk_in_allotments.aggregate(left=Sum(F("places") - F("used")))["left"] or 0
    return registrations + set_aside


def registrations_counted(statuses: Sequence[str]) -> Expression:
    """How many of a session's registrations are in `statuses`, as an annotation on sessions:
    a subquery per row, so a page of sessions is counted without grouping every registration."""
    registrations = (
        Registration.objects.filter(session=OuterRef("pk"), status__in=list(statuses))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(registrations), Value(0), output_field=IntegerField())


def held_places_expression() -> Expression:
    """held_places as an annotation on sessions."""
    set_aside = (
        WalkInAllotment.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Sum(F("places") - F("used")))
        .values("n")
    )
    return registrations_counted(HOLDING_STATUSES) + Coalesce(
        Subquery(set_aside), Value(0), output_field=IntegerField()
    )
