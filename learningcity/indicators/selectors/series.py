"""One indicator: every period's value at a place, its breakdown, and where parts and totals disagree."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils import timezone

from learningcity.core.models import LearningCity
from learningcity.indicators import calc
from learningcity.indicators.geography import Geography, geography, value_at
from learningcity.indicators.models import (
    Indicator,
    Measurement,
    MeasurementStatus,
    scope_key,
)
from learningcity.indicators.selectors.scorecard import _targets


def indicator_series(
    *, indicator: Indicator, scope: str | None = None, public: bool = False
) -> dict[str, Any]:
    """Every period's value at `scope`, with target and baseline, and the latest period's
    breakdown — the data of the trend chart, the breakdown chart and their tables."""
    geo = geography()
    if geo is None:
        return {"rows": [], "breakdown": {}}
    scope = scope or scope_key(geo.default_region.pk, None, None)
    rows = Measurement.objects.filter(indicator=indicator, status=MeasurementStatus.VERIFIED).values_list(
        "period_start", "scope", "dimension", "category", "value", "denominator"
    )
    totals: dict[dt.date, dict[str, calc.Point]] = defaultdict(dict)
    parts: dict[dt.date, dict[str, dict[str, dict[str, calc.Point]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(dict))
    )
    for period, row_scope, dimension, category, value, denominator in rows:
        if dimension:
            parts[period][dimension][category][row_scope] = calc.Point(value, denominator)
        else:
            totals[period][row_scope] = calc.Point(value, denominator)
    place = geo.place(scope)
    city = place if isinstance(place, LearningCity) else None
    targets = {
        period: value
        for (_indicator, period), value in _targets(
            [indicator], geo.region_of(scope), city, dt.date.min
        ).items()
    }
    series: list[dict[str, Any]] = []
    # Targets run into the future; the trend stops at the current period.
    current = calc.align(timezone.localdate(), indicator.frequency)
    for period in sorted(p for p in set(totals) | set(targets) if p <= current):
        shown = value_at(scope, totals.get(period, {}), geo, indicator.aggregation)
        series.append(
            {
                "period": period,
                "label": calc.period_label(period, indicator.frequency),
                "value": shown,
                "target": targets.get(period),
                "status": calc.status(
                    shown, targets.get(period), indicator.direction, indicator.at_risk_margin
                ),
            }
        )
    calc.check_same_frequency(
        indicator.frequency for row in series if calc.is_aligned(row["period"], indicator.frequency)
    )
    yearly = []
    if indicator.frequency != "yearly":
        by_year: dict[int, list[tuple[dt.date, calc.Point]]] = defaultdict(list)
        for row in series:
            if row["value"] is not None:
                by_year[row["period"].year].append((row["period"], calc.Point(row["value"])))
        yearly = [
            {
                "year": year,
                "value": calc.combine_periods(points, indicator.aggregation),
                "periods": len(points),
            }
            for year, points in sorted(by_year.items())
        ]
    latest_period = max((p for p in parts), default=None)
    breakdown = {}
    if latest_period is not None:
        for dimension, categories in parts[latest_period].items():
            breakdown[dimension] = {
                category: value_at(scope, cells, geo, indicator.aggregation)
                for category, cells in categories.items()
            }
    return {
        "rows": series,
        "yearly": yearly,
        "breakdown": breakdown,
        "breakdown_period": latest_period,
        "geography": geo,
        "scope": scope,
    }


def consistency_issues(
    *, indicator: Indicator, period: dt.date | None = None, geo: Geography | None = None
) -> list[dict[str, Any]]:
    """Places and periods where a breakdown does not add up to the total (for indicators that
    add up: counts, hours, riyals). Shown, never hidden or corrected silently. With `geo`, each
    issue names its place (a region, city or governorate) for the page."""
    if indicator.aggregation not in ("sum", "latest"):
        return []
    rows = Measurement.objects.filter(indicator=indicator).exclude(status=MeasurementStatus.RETURNED)
    if period is not None:
        rows = rows.filter(period_start=period)
    totals: dict[tuple[dt.date, str], Decimal] = {}
    sums: dict[tuple[dt.date, str, str], Decimal] = defaultdict(Decimal)
    for period_start, scope, dimension, value in rows.values_list(
        "period_start", "scope", "dimension", "value"
    ):
        if dimension:
            sums[(period_start, scope, dimension)] += value
        else:
            totals[(period_start, scope)] = value
    issues = []
    for (period_start, scope, dimension), parts_sum in sorted(sums.items()):
        total = totals.get((period_start, scope))
        if total is not None and parts_sum != total:
            issues.append(
                {
                    "period": period_start,
                    "scope": scope,
                    "place": geo.place(scope) if geo is not None else None,
                    "dimension": dimension,
                    "parts": parts_sum,
                    "total": total,
                }
            )
    return issues
