"""Reads for indicators. The scorecard, the framework view and the freshness figures load
all the rows they need in a handful of queries and do the arithmetic in Python (calc.py),
so they never run one query per indicator."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from learningcity.core.models import Governorate, LearningCity, Region
from learningcity.indicators import calc
from learningcity.indicators.models import (
    Framework,
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


# --- Places --------------------------------------------------------------------------------------


@dataclass
class Geography:
    """Every region's places and how they nest: governorate → learning city → region. The
    platform may serve several regions; the first one registered is the place shown when
    nobody chose one (the administration that runs the platform)."""

    regions: list[Region]
    cities: list[LearningCity]
    governorates: list[Governorate]
    _children: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _population: dict[str, Decimal | None] = field(default_factory=dict, repr=False)
    _places: dict[str, Region | LearningCity | Governorate] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Worked out once: every roll-up walks these lists thousands of times.
        for region in self.regions:
            cities = [c for c in self.cities if c.region_id == region.pk]
            covered = {city.governorate_id for city in cities}
            self._children[scope_key(region.pk, None, None)] = [f"city:{c.pk}" for c in cities] + [
                f"governorate:{g.pk}"
                for g in self.governorates
                if g.region_id == region.pk and g.pk not in covered
            ]
        for city in self.cities:
            self._children[f"city:{city.pk}"] = [
                f"governorate:{g.pk}" for g in self.governorates if g.pk == city.governorate_id
            ]
        for place in (*self.regions, *self.cities, *self.governorates):
            scope = place_scope(place)
            self._places[scope] = place
            self._population[scope] = Decimal(place.population) if place.population else None

    @property
    def default_region(self) -> Region:
        return self.regions[0]

    def children(self, scope: str) -> list[str]:
        return self._children.get(scope, [])

    def population(self, scope: str) -> Decimal | None:
        return self._population.get(scope)

    def place(self, scope: str) -> Region | LearningCity | Governorate | None:
        return self._places.get(scope)

    def region_of(self, scope: str) -> Region | None:
        """The region a place lies in (a region is its own)."""
        place = self.place(scope)
        if place is None or isinstance(place, Region):
            return place
        return next(r for r in self.regions if r.pk == place.region_id)

    def scope_choices(self) -> list[tuple[str, str]]:
        """Each region, then its learning cities and its governorates."""
        choices = []
        for region in self.regions:
            choices.append((scope_key(region.pk, None, None), region.name))
            choices += [(f"city:{c.pk}", c.name) for c in self.cities if c.region_id == region.pk]
            choices += [
                (f"governorate:{g.pk}", g.name) for g in self.governorates if g.region_id == region.pk
            ]
        return choices


def place_scope(place: Region | LearningCity | Governorate) -> str:
    if isinstance(place, Governorate):
        return scope_key(None, None, place.pk)
    if isinstance(place, LearningCity):
        return scope_key(None, place.pk, None)
    return scope_key(place.pk, None, None)


def geography() -> Geography | None:
    regions = list(Region.objects.order_by("pk"))
    if not regions:
        return None
    return Geography(
        regions=regions,
        cities=list(LearningCity.objects.all()),
        governorates=list(Governorate.objects.all()),
    )


def value_at(scope: str, cells: dict[str, calc.Point], geo: Geography, rule: str) -> Decimal | None:
    """The value of a place: reported for it directly, or rolled up from the places inside it."""
    if scope in cells:
        return cells[scope].value
    children = geo.children(scope)
    if not children:
        return None
    points = []
    for child in children:
        value = value_at(child, cells, geo, rule)
        if value is not None:
            cell = cells.get(child)
            weight = cell.weight if cell is not None and cell.weight else geo.population(child)
            points.append(calc.Point(value, weight))
    return calc.combine_places(points, rule)


# --- Scorecard -----------------------------------------------------------------------------------


@dataclass
class Tile:
    indicator: Indicator
    period: dt.date | None
    value: Decimal | None
    target: Decimal | None
    status: str
    series: list[tuple[dt.date, Decimal | None]] = field(default_factory=list)
    fresh: bool = False

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


def _decimal(value: Any) -> Decimal | None:
    """A stored number as Decimal: PostgreSQL returns Decimal already; SQLite keeps numbers as
    integers or floats, and a float's shortest repr is the decimal that was stored."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _cells_by_indicator(
    indicators: list[Indicator], since: dt.date, until: dt.date, statuses: tuple[str, ...]
) -> dict[int, dict[dt.date, dict[str, calc.Point]]]:
    """Totals (no breakdown) by indicator → period → place, in one query. The rows are read
    straight from the cursor: at regional scale (20,000 of them for the scorecard) the ORM's
    per-value converters cost a fifth of the scorecard's time on SQLite (bench/bench_indicators.py)."""
    rows = Measurement.objects.filter(
        indicator__in=indicators,
        period_start__gte=since,
        period_start__lte=until,
        dimension="",
        status__in=statuses,
    ).order_by()  # no need for the model's ordering here: sorting 20,000 rows cost a third more
    columns = rows.values_list("indicator_id", "period_start", "scope", "value", "denominator")
    sql, params = columns.query.sql_with_params()
    cells: dict[int, dict[dt.date, dict[str, calc.Point]]] = defaultdict(lambda: defaultdict(dict))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(5000):
            for indicator_id, period, scope, value, denominator in chunk:
                cells[indicator_id][_date(period)][scope] = calc.Point(_decimal(value), _decimal(denominator))
    return cells


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
) -> list[Tile]:
    """A tile per indicator: its latest verified value at `scope` (the region by default) up to
    `until`, the target of that period, the status and a sparkline of the last periods."""
    today = today or timezone.localdate()
    until = until or today
    indicators = list(indicators)
    geo = geography()
    if geo is None or not indicators:
        return []
    scope = scope or scope_key(geo.default_region.pk, None, None)
    place = geo.place(scope)
    city = place if isinstance(place, LearningCity) else None
    since = min(calc.recent_periods(until, i.frequency, SPARKLINE_PERIODS)[0] for i in indicators)
    cells = _cells_by_indicator(indicators, since, until, (MeasurementStatus.VERIFIED,))
    targets = _targets(indicators, geo.region_of(scope), city, since)
    tiles = []
    for indicator in indicators:
        periods = calc.recent_periods(until, indicator.frequency, SPARKLINE_PERIODS)
        by_period = cells.get(indicator.pk, {})
        series = [
            (period, value_at(scope, by_period.get(period, {}), geo, indicator.aggregation))
            for period in periods
        ]
        latest = next(
            ((period, value) for period, value in reversed(series) if value is not None), (None, None)
        )
        target = targets.get((indicator.pk, latest[0])) if latest[0] else None
        expected = calc.last_complete_period(today, indicator.frequency)
        tiles.append(
            Tile(
                indicator=indicator,
                period=latest[0],
                value=latest[1],
                target=target,
                status=calc.status(latest[1], target, indicator.direction, indicator.at_risk_margin),
                series=series,
                fresh=latest[0] is not None and latest[0] >= expected,
            )
        )
    return tiles


def dashboard_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("owner_entity").prefetch_related(
        Prefetch("framework_nodes", queryset=FrameworkNode.objects.select_related("framework", "parent"))
    )


# --- Freshness -----------------------------------------------------------------------------------


def _latest_reported(indicators: list[Indicator], today: dt.date) -> dict[int, dt.date]:
    """Each indicator's latest reported period (submitted or verified), looking back only as
    far as the oldest period anyone should have reported by now — an index range, not a scan."""
    if not indicators:
        return {}
    oldest_expected = min(calc.last_complete_period(today, i.frequency) for i in indicators)
    rows = (
        Measurement.objects.filter(indicator__in=indicators, dimension="", period_start__gte=oldest_expected)
        .exclude(status=MeasurementStatus.RETURNED)
        .values_list("indicator_id")
        .order_by()
        .annotate(latest=Max("period_start"))
    )
    return dict(rows)


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
    rows = []
    for indicator in indicators:
        expected = calc.last_complete_period(today, indicator.frequency)
        on_time = recent.get(indicator.pk) is not None and recent[indicator.pk] >= expected
        per_entity[indicator.owner_entity_id].append(on_time)
        rows.append(
            {
                "indicator": indicator,
                "expected": expected,
                "latest": latest.get(indicator.pk),
                "on_time": on_time,
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


# --- Framework view ------------------------------------------------------------------------------


def framework_overview(*, code: str) -> dict[str, Any] | None:
    """For each area of a framework: how many indicators, how many up to date, how many on track."""
    framework = Framework.objects.filter(code=code).first()
    if framework is None:
        return None
    nodes = list(
        FrameworkNode.objects.filter(framework=framework)
        .prefetch_related("indicators")
        .order_by("position", "pk")
    )
    indicators = {i.pk: i for node in nodes for i in node.indicators.all()}
    tiles = {tile.indicator.pk: tile for tile in scorecard(indicators=list(indicators.values()))}
    groups = []
    for group in [n for n in nodes if n.parent_id is None]:
        areas = []
        for area in [n for n in nodes if n.parent_id == group.pk] or [group]:
            area_tiles = [tiles[i.pk] for i in area.indicators.all() if i.pk in tiles]
            areas.append(
                {
                    "node": area,
                    "count": len(area_tiles),
                    "fresh": sum(tile.fresh for tile in area_tiles),
                    "on_track": sum(tile.status == calc.ON_TRACK for tile in area_tiles),
                    "off_track": sum(tile.status == calc.OFF_TRACK for tile in area_tiles),
                }
            )
        groups.append({"node": group, "areas": areas})
    return {"framework": framework, "groups": groups}


# --- One indicator -------------------------------------------------------------------------------


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
    series = []
    # Targets run into the future; the trend stops at the current period.
    current = calc.align(timezone.localdate(), indicator.frequency)
    for period in sorted(p for p in set(totals) | set(targets) if p <= current):
        value = value_at(scope, totals.get(period, {}), geo, indicator.aggregation)
        series.append(
            {
                "period": period,
                "label": calc.period_label(period, indicator.frequency),
                "value": value,
                "target": targets.get(period),
                "status": calc.status(
                    value, targets.get(period), indicator.direction, indicator.at_risk_margin
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


def consistency_issues(*, indicator: Indicator, period: dt.date | None = None) -> list[dict[str, Any]]:
    """Places and periods where a breakdown does not add up to the total (for indicators that
    add up: counts, hours, riyals). Shown, never hidden or corrected silently."""
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
                    "dimension": dimension,
                    "parts": parts_sum,
                    "total": total,
                }
            )
    return issues


def verification_queue() -> QuerySet[Measurement]:
    return (
        Measurement.objects.filter(status=MeasurementStatus.SUBMITTED)
        .select_related("indicator", "learning_city", "governorate", "region", "submitted_by")
        .order_by("indicator__code", "period_start", "scope", "dimension", "category")
    )


def scope_choices(geo: Geography | None) -> list[tuple[str, str]]:
    return geo.scope_choices() if geo is not None else []
