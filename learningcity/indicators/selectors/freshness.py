"""How up to date each indicator's reporting is."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Max
from django.utils import timezone

from learningcity.indicators import calc
from learningcity.indicators.models import (
    Indicator,
    Measurement,
    MeasurementStatus,
)


def _latest_reported(indicators: list[Indicator], today: dt.date) -> dict[int, dt.date]:
    """Each indicator's latest reported period (submitted or verified), looking back only as
    far as the oldest period anyone should have reported by now — an index range, not a scan."""
    if not indicators:
        return {}
    oldest_expected = min(calc.last_complete_period(today, i.frequency) for i in indicators)
    rows = (
        Measurement.objects.filter(
            indicator_id__any_of=[i.pk for i in indicators], dimension="", period_start__gte=oldest_expected
        )
        .exclude(status=MeasurementStatus.RETURNED)
        .values_list("indicator_id")
        .order_by()
        .annotate(latest=Max("period_start"))
    )
    return dict(rows)


def _reported_on_time(indicator: Indicator, recent: dict[int, dt.date], today: dt.date) -> bool:
    """Whether the indicator's last complete period is reported (submitted or verified)."""
    latest = recent.get(indicator.pk)
    return latest is not None and latest >= calc.last_complete_period(today, indicator.frequency)


def freshness_score(indicators: list[Indicator] | None = None, *, today: dt.date | None = None) -> int | None:
    """The on-time score over `indicators` (every indicator by default, as in freshness()):
    the same figure as the data freshness page's, from the indicators' frequencies alone."""
    today = today or timezone.localdate()
    if indicators is None:
        indicators = list(Indicator.objects.only("frequency"))
    recent = _latest_reported(indicators, today)
    return _percent(sum(_reported_on_time(i, recent, today) for i in indicators), len(indicators))


def freshness(*, today: dt.date | None = None, with_latest: bool = False) -> dict[str, Any]:
    """Share of indicators whose last complete period is reported (submitted or verified),
    for the programme and per owner entity — Clear Impact's accountability score."""
    today = today or timezone.localdate()
    indicators = list(Indicator.objects.select_related("owner_entity"))
    recent = _latest_reported(indicators, today)
    latest = recent
    if with_latest:
        # The page that lists every indicator also says when the late ones last reported.
        latest = dict(
            Measurement.objects.filter(dimension="")
            .exclude(status=MeasurementStatus.RETURNED)
            .values_list("indicator_id")
            .order_by()
            .annotate(latest=Max("period_start"))
        )
    per_entity: dict[int | None, list[bool]] = defaultdict(list)
    rows: list[dict[str, Any]] = []
    for indicator in indicators:
        expected = calc.last_complete_period(today, indicator.frequency)
        reported = _reported_on_time(indicator, recent, today)
        per_entity[indicator.owner_entity_id].append(reported)
        rows.append(
            {
                "indicator": indicator,
                "expected": expected,
                "latest": latest.get(indicator.pk),
                "on_time": reported,
            }
        )
    entities = {i.owner_entity_id: i.owner_entity for i in indicators}
    return {
        "rows": rows,
        "score": _percent(sum(r["on_time"] for r in rows), len(rows)),
        "entities": sorted(
            (
                {
                    "entity": entities[entity_id],
                    "score": _percent(sum(flags), len(flags)),
                    "count": len(flags),
                }
                for entity_id, flags in per_entity.items()
            ),
            key=lambda row: row["score"] if row["score"] is not None else 101,
        ),
    }


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None
