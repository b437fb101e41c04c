"""Reading festivals: the public programme with its filters, the submissions a person may
see, and each festival's totals for the city report."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from learningcity.catalogue.models import (
    AudienceSex,
    OpportunityAgeGroup,
    OpportunityStatus,
    RegistrationStatus,
    Session,
    SessionStatus,
)
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


def _programme_sessions(festival: Festival) -> QuerySet[Session]:
    """The sessions of the festival's accepted events still published in the catalogue. Once an
    event is accepted its opportunity is the record: a provider who moves the session or
    renames the opportunity changes the programme too."""
    return Session.objects.filter(
        opportunity__festival_event__festival=festival,
        opportunity__festival_event__status=EventStatus.ACCEPTED,
        opportunity__status=OpportunityStatus.PUBLISHED,
        status=SessionStatus.SCHEDULED,
    )


def programme(festival: Festival, filters: ProgrammeFilters) -> Sequence[Session]:
    """The programme's sessions, soonest first, each with `places_left` and its opportunity's
    festival event (for the theme)."""
    sessions = _programme_sessions(festival)
    if filters.day:
        zone = timezone.get_current_timezone()
        start = dt.datetime.combine(filters.day, dt.time.min, tzinfo=zone)
        sessions = sessions.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
    if filters.governorate:
        sessions = sessions.filter(opportunity__governorate_id=filters.governorate)
    if filters.theme:
        sessions = sessions.filter(opportunity__festival_event__theme_id=filters.theme)
    if filters.audience.startswith("age:"):
        ages = OpportunityAgeGroup.objects.filter(opportunity=OuterRef("opportunity"))
        # An event for every age (no age group) is for this age too.
        sessions = sessions.filter(
            ~Exists(ages) | Exists(ages.filter(age_group=filters.audience.removeprefix("age:")))
        )
    elif filters.audience in (AudienceSex.MEN, AudienceSex.WOMEN):
        # A session's own audience narrows its opportunity's (catalogue.Session.audience).
        open_to = [AudienceSex.EVERYONE, filters.audience]
        sessions = sessions.filter(
            Q(audience_sex__in=open_to) | Q(audience_sex="", opportunity__audience_sex__in=open_to)
        )
    listed = list(
        sessions.select_related(
            "opportunity__provider", "opportunity__governorate", "opportunity__festival_event__theme"
        )
        .prefetch_related("opportunity__age_groups")
        .annotate(held=held_places_expression())
        .order_by("starts_at", "pk")
    )
    for session in listed:
        session.places_left = max(session.capacity - session.held, 0)
    return listed


def programme_by_day(sessions: Sequence[Session]) -> list[tuple[dt.date, list[Session]]]:
    days: dict[dt.date, list[Session]] = defaultdict(list)
    for session in sessions:
        days[timezone.localtime(session.starts_at).date()].append(session)
    return sorted(days.items())


def programme_places(festival: Festival) -> QuerySet[Governorate]:
    """The governorates the programme has events in (the place filter's choices)."""
    return Governorate.objects.filter(
        pk__in=_programme_sessions(festival).values("opportunity__governorate")
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
