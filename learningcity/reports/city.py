"""The figures of a city progress report: one learning city (or the whole region) over a
period. Everything the PDF, the workbook and the monthly archive show comes from
`city_report()`, so the three always agree.

Each section is a fixed number of grouped queries, whatever the size of the region.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from learningcity.catalogue.models import Registration
from learningcity.coordination.models import Decision, Meeting, MeetingStatus
from learningcity.coordination.selectors import implementation_rates
from learningcity.core.disaggregation import Dimension, categories
from learningcity.core.models import LearningCity, Region
from learningcity.datacollection.selectors import Completeness, completeness_in
from learningcity.festivals.selectors import FestivalTotals, festival_totals
from learningcity.indicators.models import scope_key
from learningcity.indicators.selectors import Tile, dashboard_indicators, scorecard
from learningcity.partners.models import Entity, EntityStatus, Sector
from learningcity.programme.models import (
    Axis,
    BeneficiaryReport,
    Challenge,
    ChallengeStatus,
    Initiative,
    InitiativeFunding,
    InitiativeStatus,
    Resource,
)
from learningcity.programme.selectors import beneficiary_totals


@dataclass(frozen=True)
class ReportScope:
    """Where and when a report looks: a learning city or the whole region, and a period."""

    region: Region
    learning_city: LearningCity | None
    start: dt.date
    end: dt.date

    @property
    def name(self) -> str:
        return self.learning_city.name if self.learning_city else self.region.name

    @property
    def indicator_scope(self) -> str:
        return scope_key(self.region.pk, self.learning_city.pk if self.learning_city else None, None)

    def initiatives(self) -> QuerySet[Initiative]:
        """Initiatives of the place that ran at some time in the period."""
        initiatives = Initiative.objects.filter(start_date__lte=self.end, end_date__gte=self.start)
        if self.learning_city:
            return initiatives.filter(learning_city=self.learning_city)
        return initiatives.filter(learning_city__region=self.region)

    def registrations(self) -> QuerySet[Registration]:
        opportunity = "session__opportunity__"
        if self.learning_city:
            return Registration.objects.filter(**{f"{opportunity}learning_city": self.learning_city})
        if not Region.objects.exclude(pk=self.region.pk).exists():
            # The only region on the platform holds every registration: filtering through
            # session → opportunity → governorate would join a million rows for nothing
            # (10 s instead of 1.4 s at regional scale on SQLite).
            return Registration.objects.all()
        return Registration.objects.filter(**{f"{opportunity}governorate__region": self.region})

    def meetings(self) -> QuerySet[Meeting]:
        start, end = _day_bounds(self.start, self.end)
        meetings = Meeting.objects.filter(
            starts_at__gte=start, starts_at__lt=end, starts_at__lte=timezone.now()
        )
        meetings = meetings.exclude(status=MeetingStatus.CANCELLED)
        if self.learning_city:
            return meetings.filter(learning_city=self.learning_city)
        return meetings.filter(learning_city__region=self.region)


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


@dataclass
class Breakdown:
    """People counted along one dimension: [(category label, count)] in the dimension's order."""

    dimension: str
    label: str
    rows: list[tuple[str, int]]

    @property
    def largest(self) -> int:
        return max((count for _label, count in self.rows), default=0)


@dataclass
class AxisSummary:
    axis: Axis
    by_status: dict[str, int]
    initiatives: list[Initiative]
    progress: Decimal | None

    @property
    def count(self) -> int:
        return len(self.initiatives)


@dataclass
class SectorSummary:
    sector: str
    label: str
    entities: int
    funding: Decimal
    resources: int


@dataclass
class CityReport:
    scope: ReportScope
    generated_at: dt.datetime
    axes: list[AxisSummary]
    status_counts: dict[str, int]
    average_progress: Decimal | None
    indicators: list[Tile]
    beneficiaries_total: int
    beneficiaries: list[Breakdown]
    learners_total: int
    learners: list[Breakdown]
    completions: int
    learning_hours: Decimal
    challenges_open: int
    challenges_resolved: int
    challenges_by_category: list[tuple[str, int, int]]
    meetings_held: int
    decisions: int
    decisions_followed: int
    decisions_implemented: int
    action_items_done: int
    action_items_open: int
    action_items_overdue: int
    sectors: list[SectorSummary]
    funding_total: Decimal
    # Each data set's forms for the report's places and periods: on time, late, missing.
    data_completeness: list[Completeness] = field(default_factory=list)
    # The learning festivals held in the place during the period, with their totals.
    festivals: list[FestivalTotals] = field(default_factory=list)
    status_labels: dict[str, str] = field(default_factory=lambda: dict(InitiativeStatus.choices))

    @property
    def initiatives_total(self) -> int:
        return sum(self.status_counts.values())

    @property
    def implementation_rate(self) -> int | None:
        if not self.decisions_followed:
            return None
        return round(100 * self.decisions_implemented / self.decisions_followed)

    @property
    def partners_total(self) -> int:
        return sum(sector.entities for sector in self.sectors)

    @property
    def indicator_status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for tile in self.indicators:
            counts[tile.status] += 1
        return dict(counts)


def city_report(scope: ReportScope, *, indicators: Any = None) -> CityReport:
    initiatives = scope.initiatives()
    axes, status_counts, average = _initiatives_by_axis(initiatives)
    beneficiaries = beneficiary_totals(
        BeneficiaryReport.objects.filter(
            initiative__in=initiatives, period_start__gte=scope.start, period_end__lte=scope.end
        )
    )
    learners_total, learners = _learners(scope)
    completions, hours = _completions(scope)
    challenges = _challenges(scope, initiatives)
    meetings = _meetings(scope)
    sectors, funding_total = _partners(scope, initiatives)
    tiles = scorecard(
        indicators=indicators if indicators is not None else dashboard_indicators(),
        scope=scope.indicator_scope,
        until=scope.end,
        today=min(scope.end, timezone.localdate()),
    )
    return CityReport(
        scope=scope,
        generated_at=timezone.now(),
        axes=axes,
        status_counts=status_counts,
        average_progress=average,
        indicators=tiles,
        beneficiaries_total=beneficiaries["total"],
        beneficiaries=[
            _breakdown(dimension, counts) for dimension, counts in sorted(beneficiaries["breakdown"].items())
        ],
        learners_total=learners_total,
        learners=learners,
        completions=completions,
        learning_hours=hours,
        **challenges,
        **meetings,
        sectors=sectors,
        funding_total=funding_total,
        data_completeness=completeness_in(
            region=scope.region, learning_city=scope.learning_city, start=scope.start, end=scope.end
        ),
        festivals=festival_totals(
            region=scope.region, learning_city=scope.learning_city, start=scope.start, end=scope.end
        ),
    )


def _breakdown(dimension: str, counts: dict[str, int]) -> Breakdown:
    """Counts in the dimension's own order (men before women, youngest first), labelled."""
    ordered = [(label, counts.get(value, 0)) for value, label in categories(dimension) if value in counts]
    return Breakdown(dimension=dimension, label=str(Dimension(dimension).label), rows=ordered)


def _initiatives_by_axis(
    initiatives: QuerySet[Initiative],
) -> tuple[list[AxisSummary], dict[str, int], Decimal | None]:
    rows = list(
        initiatives.select_related("track__axis").order_by("track__axis__number", "track__code", "code")
    )
    by_axis: dict[int, list[Initiative]] = defaultdict(list)
    status_counts: dict[str, int] = dict.fromkeys(InitiativeStatus.values, 0)
    for initiative in rows:
        by_axis[initiative.track.axis_id].append(initiative)
        status_counts[initiative.status] += 1
    axes = []
    for axis in Axis.objects.filter(pk__in=by_axis).order_by("number"):
        members = by_axis[axis.pk]
        live = [i.progress for i in members if i.status != InitiativeStatus.CANCELLED]
        counts: dict[str, int] = defaultdict(int)
        for initiative in members:
            counts[initiative.status] += 1
        axes.append(
            AxisSummary(
                axis=axis,
                by_status=dict(counts),
                initiatives=members,
                progress=_mean(live),
            )
        )
    live_all = [i.progress for i in rows if i.status != InitiativeStatus.CANCELLED]
    return axes, status_counts, _mean(live_all)


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal("0.1"))


def _learners(scope: ReportScope) -> tuple[int, list[Breakdown]]:
    """People who registered for something in the place during the period, counted once.

    One grouped query over every combination of the learners' attributes (a few hundred rows
    at most), summed here along each dimension — rather than one query per dimension, each
    repeating the search for the period's learners."""
    from learningcity.catalogue.models import Learner

    start, end = _day_bounds(scope.start, scope.end)
    registered = scope.registrations().filter(created_at__gte=start, created_at__lt=end)
    attributes = ("sex", "age_group", "nationality", "has_disability", "governorate__code")
    groups = (
        Learner.objects.filter(pk__in=registered.values("learner_id"))
        .values(*attributes)
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total = 0
    for group in groups:
        total += group["n"]
        counts[Dimension.SEX][group["sex"]] += group["n"]
        counts[Dimension.AGE_GROUP][group["age_group"]] += group["n"]
        counts[Dimension.NATIONALITY][group["nationality"]] += group["n"]
        counts[Dimension.DISABILITY]["with" if group["has_disability"] else "without"] += group["n"]
        counts[Dimension.GOVERNORATE][group["governorate__code"]] += group["n"]
    dimensions = (
        Dimension.SEX,
        Dimension.AGE_GROUP,
        Dimension.NATIONALITY,
        Dimension.DISABILITY,
        Dimension.GOVERNORATE,
    )
    breakdowns = [_breakdown(dimension, counts[dimension]) for dimension in dimensions]
    return total, [b for b in breakdowns if b.rows]


def _completions(scope: ReportScope) -> tuple[int, Decimal]:
    start, end = _day_bounds(scope.start, scope.end)
    completed = scope.registrations().filter(completed_at__gte=start, completed_at__lt=end)
    totals = completed.aggregate(n=Count("pk"), hours=Sum("session__opportunity__hours"))
    return totals["n"], Decimal(totals["hours"] or 0)


def _challenges(scope: ReportScope, initiatives: QuerySet[Initiative]) -> dict[str, Any]:
    """Open at the end of the period (reported by then and not resolved by then) and resolved
    during it, overall and by category."""
    start, end = _day_bounds(scope.start, scope.end)
    challenges = Challenge.objects.filter(initiative__in=initiatives, created_at__lt=end)
    open_ = ~Q(status=ChallengeStatus.RESOLVED) | Q(resolved_on__gt=scope.end)
    resolved = Q(status=ChallengeStatus.RESOLVED, resolved_on__gte=scope.start, resolved_on__lte=scope.end)
    rows = challenges.values("category").annotate(
        open=Count("pk", filter=open_), resolved=Count("pk", filter=resolved)
    )
    labels = dict(Challenge._meta.get_field("category").choices)
    by_category = [
        (str(labels.get(row["category"], row["category"])), row["open"], row["resolved"])
        for row in rows.order_by("category")
        if row["open"] or row["resolved"]
    ]
    return {
        "challenges_open": sum(row[1] for row in by_category),
        "challenges_resolved": sum(row[2] for row in by_category),
        "challenges_by_category": by_category,
    }


def _meetings(scope: ReportScope) -> dict[str, Any]:
    meeting_ids = list(scope.meetings().values_list("pk", flat=True))
    rates = implementation_rates(meeting_ids, today=min(scope.end, timezone.localdate()))
    return {
        "meetings_held": len(meeting_ids),
        "decisions": Decision.objects.filter(meeting_id__in=meeting_ids).count(),
        "decisions_followed": sum(rate.followed for rate in rates.values()),
        "decisions_implemented": sum(rate.implemented for rate in rates.values()),
        "action_items_done": sum(rate.done_items for rate in rates.values()),
        "action_items_open": sum(rate.open_items for rate in rates.values()),
        "action_items_overdue": sum(rate.overdue_items for rate in rates.values()),
    }


def _partners(scope: ReportScope, initiatives: QuerySet[Initiative]) -> tuple[list[SectorSummary], Decimal]:
    """Active partner entities by sector (those working in the place, for a city), what each
    sector funded of the period's initiatives, and the resources it offers."""
    entities = Entity.objects.filter(status=EntityStatus.ACTIVE)
    resources = Resource.objects.filter(is_available=True)
    if scope.learning_city:
        entities = entities.filter(governorates=scope.learning_city.governorate_id)
        resources = resources.filter(governorate=scope.learning_city.governorate_id)
    else:
        entities = entities.filter(governorates__region=scope.region)
        resources = resources.filter(governorate__region=scope.region)
    entity_counts = dict(
        entities.values("sector").annotate(n=Count("pk", distinct=True)).values_list("sector", "n")
    )
    funding = dict(
        InitiativeFunding.objects.filter(initiative__in=initiatives)
        .values("source__sector")
        .annotate(total=Sum("amount"))
        .values_list("source__sector", "total")
    )
    resource_counts = dict(
        resources.values("owner_entity__sector")
        .annotate(n=Count("pk"))
        .values_list("owner_entity__sector", "n")
    )
    sectors = [
        SectorSummary(
            sector=value,
            label=str(label),
            entities=entity_counts.get(value, 0),
            funding=Decimal(funding.get(value) or 0),
            resources=resource_counts.get(value, 0),
        )
        for value, label in Sector.choices
    ]
    return sectors, sum((s.funding for s in sectors), Decimal(0))
