"""The scorecard: each indicator's latest value at a place, its target, status and trend."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from learningcity.core.models import LearningCity, Region
from learningcity.indicators import calc
from learningcity.indicators.geography import geography, place_scope, value_at
from learningcity.indicators.kept_series import IndicatorKey, Kept, kept_series
from learningcity.indicators.models import (
    FrameworkNode,
    Indicator,
    IndicatorTarget,
    Measurement,
    MeasurementStatus,
    scope_key,
)

SPARKLINE_PERIODS = 12
# The core.cache generation of everything the scorecard depends on (indicators/apps.py).
INDICATORS_CACHE = "indicators"


@dataclass
class Tile:
    indicator: Indicator
    period: dt.date | None
    value: Decimal | None
    target: Decimal | None
    status: str
    series: list[tuple[dt.date, Decimal | None]] = field(default_factory=list)
    fresh: bool = False
    html: str = ""  # drawn by indicators/tile_html.py, where the page draws its tiles that way

    @cached_property
    def previous(self) -> tuple[dt.date, Decimal] | None:
        """The period reported before the latest one, and its value."""
        earlier = [
            (period, value)
            for period, value in self.series
            if value is not None and self.period and period < self.period
        ]
        return earlier[-1] if earlier else None

    @cached_property
    def change(self) -> Decimal | None:
        """How the value moved since the previous reported period (what changed, at a glance)."""
        if self.previous is None or self.value is None:
            return None
        return self.value - self.previous[1]

    @property
    def change_is_better(self) -> bool | None:
        if not self.change:
            return None
        return (self.change > 0) == (self.indicator.direction == "higher")

    @cached_property
    def sparkline(self) -> str:
        """SVG polyline points (0–100 × 0–30) for the last periods; no inline styles needed."""
        values = [v for _d, v in self.series if v is not None]
        if len(values) < 2:
            return ""
        low, high = min(values), max(values)
        span = (high - low) or Decimal(1)
        step = Decimal(100) / (len(self.series) - 1)
        points = []
        for index, (_day, value) in enumerate(self.series):
            if value is not None:
                y = Decimal(28) - (value - low) / span * Decimal(26)
                points.append(f"{(step * index):.1f},{y:.1f}")
        return " ".join(points)


def _number(value: Any) -> Decimal:
    """A stored number as Decimal: PostgreSQL returns Decimal already; SQLite keeps numbers as
    integers or floats, and a float's shortest repr is the decimal that was stored."""
    if isinstance(value, Decimal):
        return value
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _decimal(value: Any) -> Decimal | None:
    """The same for a column that may be empty."""
    return None if value is None else _number(value)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _cells_by_indicator(
    indicator_ids: list[int],
    since: dt.date,
    until: dt.date,
    statuses: tuple[str, ...],
    scopes: list[str],
) -> dict[int, dict[dt.date, dict[str, calc.Point]]]:
    """Totals (no breakdown) by indicator → period → place, for the places in `scopes`, in
    one query. The rows are read straight from the cursor: at regional scale (20,000 of them
    for the scorecard) the ORM's per-value converters cost a fifth of the scorecard's time on
    SQLite (bench/bench_indicators.py)."""
    rows = Measurement.objects.filter(
        indicator_id__any_of=indicator_ids,
        period_start__gte=since,
        period_start__lte=until,
        dimension="",
        status__in=statuses,
        scope__in=scopes,
    ).order_by()  # no need for the model's ordering here: sorting 20,000 rows cost a third more
    columns = rows.values_list("indicator_id", "period_start", "scope", "value", "denominator")
    sql, params = columns.query.sql_with_params()
    cells: dict[int, dict[dt.date, dict[str, calc.Point]]] = defaultdict(lambda: defaultdict(dict))
    # PostgreSQL hands back dates and Decimals already: converting 20,000 rows' columns one
    # call at a time was a tenth of the first view (bench/bench_indicators.py).
    typed = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(5000):
            if typed:
                for indicator_id, period, scope, value, denominator in chunk:
                    cells[indicator_id][period][scope] = calc.Point(value, denominator)
                continue
            for indicator_id, period, scope, value, denominator in chunk:
                cells[indicator_id][_date(period)][scope] = calc.Point(_number(value), _decimal(denominator))
    return cells


def _reported(
    indicator_ids: list[int], since: dt.date, until: dt.date, statuses: tuple[str, ...]
) -> set[int]:
    """Which of these indicators have a value anywhere between `since` and `until`: one probe
    of the measurements' index per indicator, however many values the others hold."""
    values = Measurement.objects.filter(
        indicator=OuterRef("pk"), status__in=statuses, period_start__gte=since, period_start__lte=until
    )
    return set(
        Indicator.objects.filter(Exists(values), pk__any_of=indicator_ids)
        .order_by()
        .values_list("pk", flat=True)
    )


def target_fit(
    target_region: int | None, target_city: int | None, region: Region | None, city: LearningCity | None
) -> int | None:
    """How closely a target fits a place: the city's own (3), its region's (2), one set for
    every region before the platform had several (1); None when it belongs to another place.
    The closest target of a period is the one shown."""
    if target_city is not None:
        return 3 if city is not None and target_city == city.pk else None
    if target_region is None:
        return 1
    return 2 if region is not None and target_region == region.pk else None


def _targets(
    indicators: list[Indicator], region: Region | None, city: LearningCity | None, since: dt.date
) -> dict[tuple[int, dt.date], Decimal]:
    best: dict[tuple[int, dt.date], tuple[int, Decimal]] = {}
    rows = IndicatorTarget.objects.filter(indicator__in=indicators, period_start__gte=since).values_list(
        "indicator_id", "period_start", "region_id", "learning_city_id", "value"
    )
    for indicator_id, period, region_id, city_id, value in rows:
        fit = target_fit(region_id, city_id, region, city)
        if fit is not None and fit > best.get((indicator_id, period), (0, None))[0]:
            best[(indicator_id, period)] = (fit, value)
    return {key: value for key, (_fit, value) in best.items()}


def scorecard(
    *,
    indicators: QuerySet[Indicator] | list[Indicator],
    scope: str | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
    provisional: bool = False,
    reported_elsewhere: bool = False,
) -> list[Tile]:
    """A tile per indicator: its latest verified value at `scope` (the region by default) up to
    `until`, the target of that period, the status and a sparkline of the last periods. With
    `provisional`, values submitted and not yet approved count too (staff pages only).

    An indicator reported in these periods only outside the place's region (another region's
    own measure, on a platform serving several) has no tile, unless `reported_elsewhere`: it
    belongs on that region's scorecard, and at national scale (2,000 indicators, a tenth of
    them the Madinah region's) drawing the rest as empty tiles was most of the page
    (bench/bench_indicators.py). One nobody has reported yet keeps its empty tile."""
    today = today or timezone.localdate()
    until = until or today
    geo = geography()
    # Which indicators get a tile is settled on their ids and frequencies; only those are then
    # loaded: at national scale, loading 2,000 indicators with their features for the Madinah
    # region's 154 tiles was the largest part of the page (bench/bench_indicators.py).
    keys = (
        [IndicatorKey(*row) for row in indicators.values_list("pk", "frequency", "aggregation")]
        if isinstance(indicators, QuerySet)
        else [IndicatorKey(i.pk, i.frequency, i.aggregation) for i in indicators]
    )
    if geo is None or not keys:
        return []
    scope = scope or scope_key(geo.default_region.pk, None, None)
    place = geo.place(scope)
    city = place if isinstance(place, LearningCity) else None
    # Per frequency, not per indicator: the same twelve periods for every monthly indicator.
    frequencies = {key.frequency for key in keys}
    recent = {f: calc.recent_periods(until, f, SPARKLINE_PERIODS) for f in frequencies}
    since = min(periods[0] for periods in recent.values())
    statuses = (
        (MeasurementStatus.VERIFIED, MeasurementStatus.SUBMITTED)
        if provisional
        else (MeasurementStatus.VERIFIED,)
    )
    region = geo.region_of(scope)

    def roll_up(missing: list[IndicatorKey]) -> dict[int, Kept]:
        # The region's places hold every value the place rolls up (the place lies in the region).
        cells = _cells_by_indicator(
            [key.pk for key in missing],
            since,
            until,
            statuses,
            geo.within(place_scope(region)) if region else [scope],
        )
        # Kept with the series, as it changes only with the indicator's own values: asking for
        # every quiet indicator on each first view grew with the indicators (at national
        # scale 1,800 probes, 25 ms, bench/bench_indicators.py).
        quiet = [key.pk for key in missing if key.pk not in cells]
        elsewhere = _reported(quiet, since, until, statuses) if quiet else set()
        kept = {}
        for key in missing:
            by_period = cells.get(key.pk, {})
            series = [
                (period, value_at(scope, by_period.get(period, {}), geo, key.aggregation))
                for period in recent[key.frequency]
            ]
            kept[key.pk] = Kept(series, elsewhere=key.pk in elsewhere)
        return kept

    context = (scope, since, until, statuses, geo.fingerprint)
    series = kept_series(keys, context=context, compute=roll_up)
    if not reported_elsewhere:
        keys = [key for key in keys if not series[key.pk].elsewhere]
    wanted = {key.pk for key in keys}
    shown = (
        list(indicators.filter(pk__in=wanted))
        if isinstance(indicators, QuerySet)
        else [i for i in indicators if i.pk in wanted]
    )
    targets = _targets(shown, region, city, since)
    due = {f: calc.last_complete_period(today, f) for f in frequencies}
    tiles = []
    for indicator in shown:
        kept = series[indicator.pk].series
        latest = next(
            ((period, value) for period, value in reversed(kept) if value is not None), (None, None)
        )
        target = targets.get((indicator.pk, latest[0])) if latest[0] else None
        tiles.append(
            Tile(
                indicator=indicator,
                period=latest[0],
                value=latest[1],
                target=target,
                status=calc.status(latest[1], target, indicator.direction, indicator.at_risk_margin),
                series=kept,
                fresh=latest[0] is not None and latest[0] >= due[indicator.frequency],
            )
        )
    return tiles


def dashboard_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("owner_entity").prefetch_related(
        Prefetch("framework_nodes", queryset=FrameworkNode.objects.select_related("framework", "parent"))
    )


def tiles_by_framework_node(tiles: list[Tile]) -> list[tuple[FrameworkNode | None, list[Tile]]]:
    """The tiles under each framework feature their indicator serves (one indicator may serve
    several), in the framework's order; indicators serving none last. Needs the indicators'
    framework nodes prefetched (dashboard_indicators)."""
    groups: dict[FrameworkNode | None, list[Tile]] = defaultdict(list)
    for tile in tiles:
        nodes: list[FrameworkNode | None] = [*tile.indicator.framework_nodes.all()]
        for node in nodes or [None]:
            groups[node].append(tile)
    return sorted(
        groups.items(),
        key=lambda item: (
            item[0] is None,
            getattr(item[0], "framework_id", 0),
            getattr(getattr(item[0], "parent", None), "position", 0),
            getattr(item[0], "position", 0),
        ),
    )
