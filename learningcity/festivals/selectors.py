"""Reading festivals: the public programme with its filters, the submissions a person may
see, and each festival's totals for the city report."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from learningcity.catalogue.models import AudienceSex, OpportunityStatus, RegistrationStatus, Session
from learningcity.catalogue.places import held_places_expression
from learningcity.core.models import Governorate, LearningCity, Region
from learningcity.core.permissions import is_manager
from learningcity.festivals.models import (
    EventStatus,
    Festival,
    FestivalEvent,
    FestivalStatus,
    HostSignUp,
    HostStatus,
)
from learningcity.partners.permissions import coordinated_entity_ids

FESTIVALS_CACHE = "festivals"


def public_festivals() -> QuerySet[Festival]:
    return Festival.objects.exclude(status=FestivalStatus.DRAFT).select_related("learning_city")


def visible_festivals(user: Any) -> QuerySet[Festival]:
    festivals = Festival.objects.select_related("learning_city")
    return festivals if is_manager(user) else festivals.exclude(status=FestivalStatus.DRAFT)


@dataclass(frozen=True)
class ProgrammeFilters:
    day: dt.date | None = None
    governorate: int | None = None
    theme: int | None = None
    audience: str = ""  # an AudienceSex value, or an AgeGroup value prefixed "age:"


def programme(festival: Festival, filters: ProgrammeFilters) -> list[FestivalEvent]:
    """The festival's accepted events still published in the catalogue, soonest first, each
    with `session` (its one session, with `places_left`)."""
    events = (
        festival.events.filter(status=EventStatus.ACCEPTED, opportunity__status=OpportunityStatus.PUBLISHED)
        .select_related("host", "theme", "governorate", "opportunity")
        .order_by("starts_at", "pk")
    )
    if filters.day:
        zone = timezone.get_current_timezone()
        start = dt.datetime.combine(filters.day, dt.time.min, tzinfo=zone)
        events = events.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
    if filters.governorate:
        events = events.filter(governorate_id=filters.governorate)
    if filters.theme:
        events = events.filter(theme_id=filters.theme)
    if filters.audience.startswith("age:"):
        age = filters.audience.removeprefix("age:")
        # An event for every age (no age group) is for this age too.
        events = events.filter(Q(age_groups="") | Q(age_groups__contains=age))
    elif filters.audience in (AudienceSex.MEN, AudienceSex.WOMEN):
        events = events.filter(audience_sex__in=[AudienceSex.EVERYONE, filters.audience])
    listed = list(events)
    sessions = {
        session.opportunity_id: session
        for session in Session.objects.filter(opportunity__in=[event.opportunity_id for event in listed])
        .annotate(held=held_places_expression())
        .order_by("starts_at")
    }
    for event in listed:
        session = sessions.get(event.opportunity_id) if event.opportunity_id else None
        if session is not None:
            session.places_left = max(session.capacity - session.held, 0)
        event.session = session
    return listed


def programme_by_day(events: list[FestivalEvent]) -> list[tuple[dt.date, list[FestivalEvent]]]:
    days: dict[dt.date, list[FestivalEvent]] = defaultdict(list)
    for event in events:
        days[timezone.localtime(event.starts_at).date()].append(event)
    return sorted(days.items())


def programme_places(festival: Festival) -> QuerySet[Governorate]:
    """The governorates the programme has events in (the place filter's choices)."""
    return Governorate.objects.filter(
        pk__in=festival.events.filter(status=EventStatus.ACCEPTED).values("governorate")
    ).order_by("name_ar")


def submissions(festival: Festival, user: Any) -> QuerySet[FestivalEvent]:
    """Every submission for a manager; a coordinator's own entities' for a coordinator."""
    events = festival.events.select_related("host", "theme", "governorate").order_by("starts_at", "pk")
    if is_manager(user):
        return events
    return events.filter(host_id__in=coordinated_entity_ids(user))


def submission_counts(events: QuerySet[FestivalEvent]) -> dict[str, int]:
    counts = dict(events.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in EventStatus.values}


def pending_host_sign_ups() -> QuerySet[HostSignUp]:
    return HostSignUp.objects.filter(status=HostStatus.PENDING).select_related("festival", "governorate")


@dataclass(frozen=True)
class FestivalTotals:
    """One festival's figures for a report: what was submitted and accepted, who hosted, and
    the people its events drew."""

    festival: Festival
    submitted: int
    accepted: int
    hosts: int
    new_hosts: int  # community organisations that joined through the festival's call
    places: int
    registered: int
    attended: int


def festival_totals(
    *, region: Region, learning_city: LearningCity | None, start: dt.date, end: dt.date
) -> list[FestivalTotals]:
    """The festivals of the place that ran (at least one day) in the period. A fixed number of
    grouped queries, whatever the number of festivals."""
    festivals = list(
        Festival.objects.exclude(status=FestivalStatus.DRAFT)
        .filter(starts_on__lte=end, ends_on__gte=start)
        .filter(Q(learning_city=learning_city) if learning_city else Q(learning_city__region=region))
        .order_by("starts_on", "pk")
    )
    if not festivals:
        return []
    accepted = Q(status=EventStatus.ACCEPTED)
    events: dict[int, dict[str, Any]] = {
        row["festival"]: dict(row)
        for row in FestivalEvent.objects.filter(festival__in=festivals)
        .values("festival")
        .annotate(
            submitted=Count("pk"),
            accepted=Count("pk", filter=accepted),
            hosts=Count("host", filter=accepted, distinct=True),
        )
    }
    people: dict[int, dict[str, Any]] = {
        row["opportunity__festival_event__festival"]: dict(row)
        for row in Session.objects.filter(opportunity__festival_event__festival__in=festivals)
        .values("opportunity__festival_event__festival")
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
            attended=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .values("opportunity__festival_event__festival", "registered", "attended")
    }
    capacity = dict(
        Session.objects.filter(opportunity__festival_event__festival__in=festivals)
        .values("opportunity__festival_event__festival")
        .annotate(n=Sum("capacity"))
        .values_list("opportunity__festival_event__festival", "n")
    )
    new_hosts = dict(
        HostSignUp.objects.filter(festival__in=festivals, status=HostStatus.APPROVED)
        .values("festival")
        .annotate(n=Count("pk"))
        .values_list("festival", "n")
    )
    totals = []
    for festival in festivals:
        row = events.get(festival.pk, {})
        person = people.get(festival.pk, {})
        totals.append(
            FestivalTotals(
                festival=festival,
                submitted=row.get("submitted", 0),
                accepted=row.get("accepted", 0),
                hosts=row.get("hosts", 0),
                new_hosts=new_hosts.get(festival.pk, 0),
                places=capacity.get(festival.pk, 0) or 0,
                registered=person.get("registered", 0),
                attended=person.get("attended", 0),
            )
        )
    return totals
