"""Reads for the programme, with list pages at a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from learningcity.partners.selectors import filter_by_search
from learningcity.programme.models import (
    Axis,
    BeneficiaryCount,
    BeneficiaryReport,
    Challenge,
    ChallengeStatus,
    Initiative,
    InitiativePartner,
    InitiativeStatus,
    Milestone,
    Resource,
    ResourceRequest,
    Severity,
    Track,
    milestone_overdue,
)
from learningcity.programme.progress import elapsed_share, is_behind_schedule

# The generation of what public pages show of the programme (core/cache.py): its initiatives.
PROGRAMME_CACHE = "programme"

LIVE = ~Q(initiatives__status=InitiativeStatus.CANCELLED)
RUNNING = (InitiativeStatus.PLANNED, InitiativeStatus.ACTIVE, InitiativeStatus.ON_HOLD)


def behind_schedule_ids(initiatives: QuerySet[Initiative], today: dt.date | None = None) -> set[int]:
    """Initiatives whose progress trails their elapsed time by more than the margin (one query)."""
    today = today or timezone.localdate()
    margin = settings.BEHIND_SCHEDULE_MARGIN
    rows = initiatives.filter(status__in=RUNNING, start_date__lt=today).values_list(
        "pk", "progress", "start_date", "end_date"
    )
    return {
        pk
        for pk, progress, start, end in rows
        if is_behind_schedule(progress, elapsed_share(start, end, today), margin)
    }


def initiative_list(*, filters: dict[str, Any]) -> QuerySet[Initiative]:
    initiatives = Initiative.objects.select_related("track__axis", "owner_entity", "learning_city").order_by(
        "code"
    )
    if filters.get("q"):
        initiatives = filter_by_search(initiatives, filters["q"])
    if filters.get("learning_city"):
        initiatives = initiatives.filter(learning_city=filters["learning_city"])
    if filters.get("axis"):
        initiatives = initiatives.filter(track__axis=filters["axis"])
    if filters.get("track"):
        initiatives = initiatives.filter(track=filters["track"])
    if filters.get("entity"):
        entity = filters["entity"]
        initiatives = initiatives.filter(Q(owner_entity=entity) | Q(partners__entity=entity)).distinct()
    if filters.get("status"):
        initiatives = initiatives.filter(status=filters["status"])
    if filters.get("target_group"):
        initiatives = initiatives.filter(target_groups__group=filters["target_group"])
    if filters.get("governorate"):
        initiatives = initiatives.filter(governorates=filters["governorate"])
    if filters.get("behind_schedule"):
        initiatives = initiatives.filter(pk__in=behind_schedule_ids(Initiative.objects.all()))
    return initiatives


def at_risk(*, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Initiatives behind schedule, with open high-severity challenges, or overdue milestones,
    each with the reasons (three queries)."""
    today = today or timezone.localdate()
    running = Initiative.objects.filter(status__in=RUNNING)
    reasons: dict[int, list[str]] = defaultdict(list)
    for pk in behind_schedule_ids(running, today):
        reasons[pk].append("behind")
    serious = Challenge.objects.filter(
        initiative__in=running,
        severity__in=(Severity.HIGH, Severity.CRITICAL),
    ).exclude(status=ChallengeStatus.RESOLVED)
    for pk in serious.values_list("initiative_id", flat=True).distinct():
        reasons[pk].append("challenge")
    late = Milestone.objects.filter(milestone_overdue(today), initiative__in=running)
    for pk in late.values_list("initiative_id", flat=True).distinct():
        reasons[pk].append("milestone")
    initiatives = Initiative.objects.filter(pk__in=reasons).select_related(
        "track__axis", "owner_entity", "learning_city"
    )
    return [
        {"initiative": initiative, "reasons": reasons[initiative.pk]}
        for initiative in initiatives.order_by("code")
    ]


def initiative_detail(*, pk: int) -> Initiative:
    return (
        Initiative.objects.select_related("track__axis", "owner_entity", "learning_city")
        .prefetch_related(
            "governorates",
            "target_groups",
            "framework_nodes__framework",
            Prefetch("partners", queryset=InitiativePartner.objects.select_related("entity")),
            "milestones__owner_entity",
            "funding__source",
            "documents",
            "notes__author",
            Prefetch("beneficiary_reports", queryset=BeneficiaryReport.objects.prefetch_related("counts")),
            Prefetch(
                "resource_requests",
                queryset=ResourceRequest.objects.select_related("resource__owner_entity", "requested_by"),
            ),
            Prefetch(
                "challenges",
                queryset=Challenge.objects.select_related("owner_entity", "escalated_to__meeting"),
            ),
            "evaluations__scores",
            "evaluations__recommendations__action_item",
            "evaluations__evaluator",
        )
        .get(pk=pk)
    )


def beneficiary_totals(reports: QuerySet[BeneficiaryReport]) -> dict[str, Any]:
    """People reached: the sum of report totals (never of breakdowns, which describe the same
    people along several dimensions), and the breakdown sums per dimension and category."""
    total = reports.aggregate(total=Sum("total"))["total"] or 0
    breakdown: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        BeneficiaryCount.objects.filter(report__in=reports)
        .values("dimension", "category")
        .annotate(count=Sum("count"))
        .order_by("dimension", "category")
    )
    for row in rows:
        breakdown[row["dimension"]][row["category"]] = row["count"]
    return {"total": total, "breakdown": dict(breakdown)}


def track_progress() -> QuerySet[Track]:
    return Track.objects.select_related("axis").annotate(
        progress=Avg("initiatives__progress", filter=LIVE),
        initiative_count=Count("initiatives", filter=LIVE),
    )


def roadmap(*, learning_city: Any = None) -> list[dict[str, Any]]:
    """Axes with their tracks, goals, responsibilities and rolled-up progress (four queries)."""
    live = LIVE
    if learning_city is not None:
        live &= Q(initiatives__learning_city=learning_city)
    tracks = (
        Track.objects.select_related("axis")
        .prefetch_related("goals__owner_entity", "responsibilities")
        .annotate(
            progress=Avg("initiatives__progress", filter=live),
            initiative_count=Count("initiatives", filter=live),
        )
    )
    by_axis: dict[int, list[Track]] = defaultdict(list)
    for track in tracks:
        by_axis[track.axis_id].append(track)
    axis_filter = Q(
        tracks__initiatives__status__in=[
            s for s in InitiativeStatus.values if s != InitiativeStatus.CANCELLED
        ]
    )
    if learning_city is not None:
        axis_filter &= Q(tracks__initiatives__learning_city=learning_city)
    axes = Axis.objects.annotate(
        progress=Avg("tracks__initiatives__progress", filter=axis_filter),
        initiative_count=Count("tracks__initiatives", filter=axis_filter),
    )
    return [{"axis": axis, "tracks": by_axis.get(axis.pk, [])} for axis in axes]


def timeline(*, learning_city: Any) -> dict[str, Any]:
    """Initiatives of a city as bars on a time axis, positioned in percent of the span."""
    initiatives = list(
        Initiative.objects.filter(learning_city=learning_city)
        .exclude(status=InitiativeStatus.CANCELLED)
        .select_related("track__axis")
        .order_by("track__axis__number", "start_date")
    )
    if not initiatives:
        return {"rows": [], "years": []}
    start = min(initiative.start_date for initiative in initiatives)
    end = max(initiative.end_date for initiative in initiatives)
    span = max((end - start).days, 1)
    rows = []
    for initiative in initiatives:
        offset = Decimal(100 * (initiative.start_date - start).days / span).quantize(Decimal("0.1"))
        width = max(
            Decimal(100 * (initiative.end_date - initiative.start_date).days / span).quantize(Decimal("0.1")),
            Decimal("0.8"),
        )
        rows.append({"initiative": initiative, "offset": offset, "width": width})
    years = []
    for year in range(start.year, end.year + 2):
        day = dt.date(year, 1, 1)
        if start <= day <= end:
            years.append(
                {"year": year, "offset": Decimal(100 * (day - start).days / span).quantize(Decimal("0.1"))}
            )
    today = timezone.localdate()
    today_offset = (
        Decimal(100 * (today - start).days / span).quantize(Decimal("0.1")) if start <= today <= end else None
    )
    return {"rows": rows, "years": years, "start": start, "end": end, "today_offset": today_offset}


def challenge_register(*, filters: dict[str, Any]) -> QuerySet[Challenge]:
    challenges = Challenge.objects.select_related(
        "initiative__learning_city", "owner_entity", "escalated_to__meeting"
    )
    if filters.get("status"):
        challenges = challenges.filter(status=filters["status"])
    elif not filters.get("include_resolved"):
        challenges = challenges.exclude(status=ChallengeStatus.RESOLVED)
    if filters.get("severity"):
        challenges = challenges.filter(severity=filters["severity"])
    if filters.get("category"):
        challenges = challenges.filter(category=filters["category"])
    if filters.get("learning_city"):
        challenges = challenges.filter(initiative__learning_city=filters["learning_city"])
    return challenges.order_by("created_at", "pk")  # oldest first: ageing matters


def resource_list(*, filters: dict[str, Any]) -> QuerySet[Resource]:
    resources = Resource.objects.select_related("owner_entity", "governorate").annotate(
        approved_count=Count("requests", filter=Q(requests__status="approved"))
    )
    if filters.get("kind"):
        resources = resources.filter(kind=filters["kind"])
    if filters.get("governorate"):
        resources = resources.filter(governorate=filters["governorate"])
    if filters.get("owner_entity"):
        resources = resources.filter(owner_entity=filters["owner_entity"])
    return resources.order_by("kind", "title_ar", "pk")
