"""Reads for coordination, shaped so that list pages run a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from learningcity.coordination.models import (
    OPEN_STATUSES,
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Decision,
    Invitation,
    Meeting,
    overdue_condition,
)
from learningcity.core.cache import cached, query_key
from learningcity.partners.models import Entity, Sector

# The generation (core/cache.py) of what the tracker's per-entity rates count: action items,
# their decisions and the entities' names (coordination/apps.py).
ACTION_ITEMS_CACHE = "action-items"
# The generation of the meetings themselves: the tracker's every-meeting select is kept under it.
MEETINGS_CACHE = "meetings"
RATES_CACHE_SECONDS = 3600


@dataclass
class ImplementationRate:
    """Decisions whose action items are all done, out of decisions that have action items."""

    implemented: int = 0
    followed: int = 0
    without_follow_up: int = 0
    open_items: int = 0
    overdue_items: int = 0
    done_items: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.implemented / self.followed) if self.followed else None


def _decision_item_counts(decisions: QuerySet[Decision], today: dt.date) -> QuerySet:
    live = ~Q(action_items__status=ActionStatus.CANCELLED)
    return decisions.values("pk", "meeting_id").annotate(
        items=Count("action_items", filter=live),
        done=Count("action_items", filter=Q(action_items__status=ActionStatus.DONE)),
    )


def implementation_rates(
    meeting_ids: list[int], today: dt.date | None = None
) -> dict[int, ImplementationRate]:
    """Implementation rate of each meeting, in two queries whatever the number of meetings."""
    today = today or timezone.localdate()
    rates: dict[int, ImplementationRate] = defaultdict(ImplementationRate)
    for row in _decision_item_counts(Decision.objects.filter(meeting_id__in=meeting_ids), today):
        rate = rates[row["meeting_id"]]
        if row["items"] == 0:
            rate.without_follow_up += 1
        else:
            rate.followed += 1
            rate.implemented += row["items"] == row["done"]
    items = (
        ActionItem.objects.filter(meeting_id__in=meeting_ids)
        .values("meeting_id")
        .annotate(
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("pk", filter=overdue_condition(today)),
            done=Count("pk", filter=Q(status=ActionStatus.DONE)),
        )
    )
    for row in items:
        rate = rates[row["meeting_id"]]
        rate.open_items, rate.overdue_items, rate.done_items = row["open"], row["overdue"], row["done"]
    return dict(rates)


def implementation_rates_by_entity(
    items: QuerySet[ActionItem] | None = None, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """Per owner entity: decisions where all of the entity's items are done / decisions where it
    has items, with its open and overdue counts, most overdue first. One query, counted by the
    database in two steps (per entity and decision, then per entity): at regional scale
    (20,000 items) fetching every item to count in Python was half of the tracker's time."""
    today = today or timezone.localdate()
    items = items if items is not None else ActionItem.objects.all()
    per_decision = (
        items.exclude(status=ActionStatus.CANCELLED)
        .order_by()
        .values("owner_entity_id", "decision_id")
        .annotate(
            item_count=Count("pk"),
            done_count=Count("pk", filter=Q(status=ActionStatus.DONE)),
            overdue_count=Count("pk", filter=overdue_condition(today)),
        )
    )
    inner, params = per_decision.query.sql_with_params()
    entity_table = Entity._meta.db_table
    # Built from the ORM's own SQL and constant names; the values go in as parameters.
    sql = f"""
        SELECT t.owner_entity_id, e.name_ar, e.name_en, SUM(t.item_count), SUM(t.done_count),
               SUM(t.overdue_count),
               SUM(CASE WHEN t.decision_id IS NULL THEN 0 ELSE 1 END),
               SUM(CASE WHEN t.decision_id IS NOT NULL AND t.item_count = t.done_count THEN 1 ELSE 0 END)
        FROM ({inner}) t LEFT JOIN {entity_table} e ON e.id = t.owner_entity_id
        GROUP BY t.owner_entity_id, e.name_ar, e.name_en
        ORDER BY SUM(t.overdue_count) DESC, e.name_ar, t.owner_entity_id
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        {
            "entity_id": entity_id,
            "name_ar": name_ar,
            "name_en": name_en,
            "items": int(item_count),
            "done": int(done),
            "overdue": int(overdue),
            "decisions": int(decisions),
            "decisions_implemented": int(implemented),
            "percent": round(100 * int(implemented) / int(decisions)) if decisions else None,
        }
        for entity_id, name_ar, name_en, item_count, done, overdue, decisions, implemented in rows
    ]


def kept_implementation_rates(
    items: QuerySet[ActionItem], today: dt.date | None = None
) -> list[dict[str, Any]]:
    """implementation_rates_by_entity(items), kept until an action item, a decision or an entity
    changes (core/cache.py) or the day turns. Counting is linear in the items: at national scale
    (200,000 of them) it was most of the tracker's time (bench/bench_lists.py)."""
    today = today or timezone.localdate()
    return cached(
        ACTION_ITEMS_CACHE,
        ("entity-rates", query_key(items), today),
        lambda: implementation_rates_by_entity(items, today),
        timeout=RATES_CACHE_SECONDS,
    )


def meeting_list(*, filters: dict[str, Any]) -> QuerySet[Meeting]:
    meetings = (
        Meeting.objects.select_related("learning_city", "organiser")
        .annotate(
            invited_count=Count("invitations", distinct=True),
            attendance_count=Count("attendances", distinct=True),
        )
        .order_by("-starts_at", "pk")
    )
    if filters.get("q"):
        from learningcity.core.arabic import search_terms

        for term in search_terms(filters["q"][:200])[:6]:
            meetings = meetings.filter(Q(title_ar__icontains=term) | Q(title_en__icontains=term))
    if filters.get("learning_city"):
        meetings = meetings.filter(learning_city=filters["learning_city"])
    if filters.get("meeting_type"):
        meetings = meetings.filter(meeting_type=filters["meeting_type"])
    when = filters.get("when")
    if when == "upcoming":
        meetings = meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at", "pk")
    elif when == "past":
        meetings = meetings.filter(starts_at__lt=timezone.now())
    if filters.get("entity"):
        meetings = meetings.filter(invitations__entity=filters["entity"])
    return meetings


def meeting_detail(*, pk: int) -> Meeting:
    return (
        Meeting.objects.select_related("learning_city", "organiser", "series")
        .prefetch_related(
            Prefetch("invitations", queryset=Invitation.objects.select_related("entity", "responded_by")),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("presenter_entity", "axis", "track").order_by(
                    "position", "pk"
                ),
            ),
            Prefetch("attendances", queryset=Attendance.objects.select_related("entity", "coordinator")),
            Prefetch("decisions", queryset=Decision.objects.select_related("axis", "track")),
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner_entity", "owner_person", "decision"),
            ),
            "attachments",
            "minutes_versions",
        )
        .get(pk=pk)
    )


@dataclass
class AttendanceSummary:
    by_sector: list[dict[str, Any]] = field(default_factory=list)
    men: int = 0
    women: int = 0
    entities_present: int = 0
    entities_invited: int = 0

    @property
    def total(self) -> int:
        return self.men + self.women


def attendance_summary(meeting: Meeting) -> AttendanceSummary:
    """Attendance by sector and by gender, from the meeting's prefetched rows."""
    summary = AttendanceSummary(entities_invited=len(meeting.invitations.all()))
    per_sector: dict[str, dict[str, int]] = {value: {"men": 0, "women": 0} for value in Sector.values}
    present = set()
    for attendance in meeting.attendances.all():
        key = "women" if attendance.gender == "f" else "men"
        per_sector[attendance.entity.sector][key] += 1
        setattr(summary, key, getattr(summary, key) + 1)
        present.add(attendance.entity_id)
    summary.entities_present = len(present)
    summary.by_sector = [
        {"sector": value, "label": label, **per_sector[value], "total": sum(per_sector[value].values())}
        for value, label in Sector.choices
        if sum(per_sector[value].values())
    ]
    return summary


def action_item_list(
    *, filters: dict[str, Any], entity_ids: set[int] | frozenset[int] | None = None
) -> QuerySet:
    """The tracker across all meetings; `entity_ids` narrows it to "my action items"."""
    items = ActionItem.objects.select_related(
        "owner_entity", "owner_person", "meeting", "decision__axis", "decision__track"
    )
    if entity_ids is not None:
        items = items.filter(owner_entity_id__in=entity_ids)
    if filters.get("entity"):
        items = items.filter(owner_entity=filters["entity"])
    if filters.get("status"):
        items = items.filter(status=filters["status"])
    if filters.get("overdue"):
        items = items.overdue()
    if filters.get("axis"):
        items = items.filter(decision__axis=filters["axis"])
    if filters.get("meeting"):
        items = items.filter(meeting=filters["meeting"])
    if filters.get("due_from"):
        items = items.filter(due_date__gte=filters["due_from"])
    if filters.get("due_to"):
        items = items.filter(due_date__lte=filters["due_to"])
    return items.order_by("due_date", "pk")


def meetings_for_calendar(*, user: Any) -> QuerySet[Meeting]:
    """Meetings a person's calendar feed shows: their entities' invitations, or all for managers."""
    from learningcity.partners.permissions import coordinated_entity_ids

    since = timezone.now() - dt.timedelta(days=180)
    meetings = Meeting.objects.filter(starts_at__gte=since).select_related("learning_city", "organiser")
    if not user.is_programme_manager:
        meetings = meetings.filter(invitations__entity_id__in=coordinated_entity_ids(user)).distinct()
    return meetings.order_by("starts_at")
