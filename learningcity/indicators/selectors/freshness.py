"""How up to date each indicator's reporting is."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Case, Count, DateField, Exists, Max, OuterRef, QuerySet, Value, When
from django.utils import timezone

from learningcity.indicators import calc
from learningcity.indicators.models import Frequency, Indicator, Measurement, MeasurementStatus

if TYPE_CHECKING:  # django-stubs, a development dependency
    from django_stubs_ext import WithAnnotations


def _reported_totals() -> QuerySet[Measurement]:
    """Values that count as reported: totals (no breakdown), submitted or verified — one
    returned for correction is not reported yet."""
    return Measurement.objects.filter(
        dimension="", status__in=(MeasurementStatus.SUBMITTED, MeasurementStatus.VERIFIED)
    )


class OnTime(TypedDict):
    expected: dt.date
    on_time: bool


def with_on_time(
    indicators: QuerySet[Indicator], today: dt.date
) -> QuerySet[WithAnnotations[Indicator, OnTime]]:
    """`indicators`, each with `expected` (its last complete period: what should be reported by
    now, calc.last_complete_period by its frequency) and `on_time` (a value is reported for
    that period or a later one: submitted or verified, not returned). One probe of the
    measurements' index per indicator, however many values each holds: reading every
    indicator's latest period grew with the values (17 ms of the region scorecard's first view
    after a change at national scale, bench/bench_indicators.py)."""
    expected = Case(
        *(When(frequency=f, then=Value(calc.last_complete_period(today, f))) for f in Frequency.values),
        output_field=DateField(),
    )
    reported = _reported_totals().filter(indicator=OuterRef("pk"), period_start__gte=OuterRef("expected"))
    return indicators.annotate(expected=expected).annotate(on_time=Exists(reported))


def freshness_score(
    indicators: QuerySet[Indicator] | None = None, *, today: dt.date | None = None
) -> int | None:
    """The on-time score over `indicators` (every indicator by default, as in freshness()):
    the same figure as the data freshness page's, counted in the database."""
    today = today or timezone.localdate()
    indicators = with_on_time(Indicator.objects.all() if indicators is None else indicators, today)
    # Counted by group, not by aggregate(): Django 5.2 leaves an annotation that only an
    # aggregate's filter refers to out of the query it wraps the aggregate around.
    counted = dict(indicators.order_by().values_list("on_time").annotate(count=Count("pk")))
    return _percent(counted.get(True, 0), sum(counted.values()))


def freshness(*, today: dt.date | None = None, with_latest: bool = False) -> dict[str, Any]:
    """Share of indicators whose last complete period is reported (submitted or verified),
    for the programme and per owner entity — Clear Impact's accountability score. Each row
    says when the indicator last reported only `with_latest` (the page that lists them)."""
    today = today or timezone.localdate()
    indicators = list(with_on_time(Indicator.objects.select_related("owner_entity"), today))
    latest = {}
    if with_latest:
        # The page that lists every indicator also says when the late ones last reported.
        latest = dict(
            _reported_totals().values_list("indicator_id").order_by().annotate(latest=Max("period_start"))
        )
    per_entity: dict[int | None, list[bool]] = defaultdict(list)
    rows: list[dict[str, Any]] = []
    for indicator in indicators:
        per_entity[indicator.owner_entity_id].append(indicator.on_time)
        rows.append(
            {
                "indicator": indicator,
                "expected": indicator.expected,
                "latest": latest.get(indicator.pk),
                "on_time": indicator.on_time,
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
