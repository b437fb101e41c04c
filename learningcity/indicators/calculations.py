"""Indicators the platform calculates from its own records.

Each function returns rows for one period; `learningcity compute_indicators` stores them as
verified measurements of every indicator whose `computed_key` names the function. Other
apps register their own (the catalogue adds learners, hours and opportunities) in their
AppConfig.ready(), so this module never imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.core.models import Region

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Row:
    value: Decimal
    learning_city: Any = None
    governorate: Any = None
    dimension: str = ""
    category: str = ""


@dataclass(frozen=True)
class ComputedIndicator:
    key: str
    label: Any
    function: Callable[..., list[Row]]


REGISTRY: dict[str, ComputedIndicator] = {}


def register(key: str, label: Any) -> Callable:
    def decorator(function: Callable[..., list[Row]]) -> Callable[..., list[Row]]:
        REGISTRY[key] = ComputedIndicator(key, label, function)
        return function

    return decorator


def choices() -> list[tuple[str, Any]]:
    return [("", _("Reported by people"))] + [(key, item.label) for key, item in sorted(REGISTRY.items())]


def _share(part: int, whole: int) -> Decimal:
    return (HUNDRED * part / whole).quantize(Decimal("0.01")) if whole else Decimal("0")


@register("active_partner_entities", _("Active partner entities (by sector)"))
def active_partner_entities(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    from learningcity.partners.models import Entity, EntityStatus

    active = Entity.objects.filter(status=EntityStatus.ACTIVE, created_at__date__lte=end)
    rows = [Row(Decimal(active.count()))]
    for row in active.values("sector").annotate(total=Count("pk")).order_by("sector"):
        rows.append(Row(Decimal(row["total"]), dimension="sector", category=row["sector"]))
    return rows


@register("initiatives_on_track_share", _("Share of running initiatives on track (%)"))
def initiatives_on_track_share(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    from learningcity.programme.models import Initiative
    from learningcity.programme.selectors import RUNNING, behind_schedule_ids

    running = Initiative.objects.filter(status__in=RUNNING, learning_city__region=region, start_date__lte=end)
    behind = behind_schedule_ids(running, min(end, dt.date.today()))
    rows = [Row(_share(running.count() - len(behind), running.count()))]
    for city in region.learning_cities.all():
        in_city = list(running.filter(learning_city=city).values_list("pk", flat=True))
        rows.append(
            Row(_share(len([pk for pk in in_city if pk not in behind]), len(in_city)), learning_city=city)
        )
    return rows


@register("action_item_completion_rate", _("Action items completed (%)"))
def action_item_completion_rate(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    from learningcity.coordination.models import ActionItem, ActionStatus

    due = ActionItem.objects.exclude(status=ActionStatus.CANCELLED).filter(due_date__lte=end)
    counts = due.aggregate(total=Count("pk"), done=Count("pk", filter=Q(status=ActionStatus.DONE)))
    return [Row(_share(counts["done"], counts["total"]))]


@register("action_items_overdue", _("Overdue action items"))
def action_items_overdue(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    from learningcity.coordination.models import ActionItem

    return [Row(Decimal(ActionItem.objects.overdue(min(end, timezone.localdate())).count()))]


@register("resource_utilisation", _("Shared resources in use (%)"))
def resource_utilisation(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    from learningcity.programme.models import Resource

    resources = Resource.objects.filter(is_available=True)
    used = resources.filter(
        requests__status="approved", requests__start_date__lte=end, requests__end_date__gte=start
    ).distinct()
    return [Row(_share(used.count(), resources.count()))]


@register("challenges_resolved_share", _("Field challenges resolved (%)"))
def challenges_resolved_share(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    from learningcity.programme.models import Challenge, ChallengeStatus

    raised = Challenge.objects.filter(created_at__date__lte=end, initiative__learning_city__region=region)
    return [Row(_share(raised.filter(status=ChallengeStatus.RESOLVED).count(), raised.count()))]
