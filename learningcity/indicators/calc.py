"""Indicator arithmetic, free of the database: periods, status against target, aggregation
over time and places. Tested with property tests in tests/indicators/test_calc.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from learningcity.indicators.models import Aggregation, Direction, Frequency

ON_TRACK, AT_RISK, OFF_TRACK, NO_TARGET, NO_DATA = "on_track", "at_risk", "off_track", "no_target", "no_data"
MONTHS_PER_PERIOD = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}


class PeriodError(ValueError):
    pass


# --- Periods -------------------------------------------------------------------------------------


def align(day: dt.date, frequency: str) -> dt.date:
    """The first day of the period that contains `day`."""
    months = MONTHS_PER_PERIOD[frequency]
    month = ((day.month - 1) // months) * months + 1
    return dt.date(day.year, month, 1)


def is_aligned(day: dt.date, frequency: str) -> bool:
    return align(day, frequency) == day


def shift(period_start: dt.date, frequency: str, periods: int) -> dt.date:
    months = MONTHS_PER_PERIOD[frequency] * periods
    index = period_start.year * 12 + period_start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_end(period_start: dt.date, frequency: str) -> dt.date:
    return shift(period_start, frequency, 1) - dt.timedelta(days=1)


def last_complete_period(today: dt.date, frequency: str) -> dt.date:
    """The most recent period that has fully ended: what should be reported by now."""
    return shift(align(today, frequency), frequency, -1)


def recent_periods(until: dt.date, frequency: str, count: int) -> list[dt.date]:
    """`count` periods ending with the one that contains `until`, oldest first."""
    last = align(until, frequency)
    return [shift(last, frequency, -offset) for offset in range(count - 1, -1, -1)]


def period_label(period_start: dt.date, frequency: str) -> str:
    if frequency == Frequency.YEARLY:
        return str(period_start.year)
    if frequency == Frequency.QUARTERLY:
        return f"{period_start.year}-Q{(period_start.month - 1) // 3 + 1}"
    return f"{period_start.year}-{period_start.month:02d}"


# --- Status --------------------------------------------------------------------------------------


def status(actual: Decimal | None, target: Decimal | None, direction: str, margin_percent: Decimal) -> str:
    """On track when the target is met; at risk when missed by no more than the margin (a
    percentage of the target); off track beyond it. Works for both directions."""
    if actual is None:
        return NO_DATA
    if target is None:
        return NO_TARGET
    tolerance = abs(target) * Decimal(margin_percent) / 100
    if direction == Direction.LOWER:
        if actual <= target:
            return ON_TRACK
        return AT_RISK if actual <= target + tolerance else OFF_TRACK
    if actual >= target:
        return ON_TRACK
    return AT_RISK if actual >= target - tolerance else OFF_TRACK


# --- Aggregation ---------------------------------------------------------------------------------


class Point(NamedTuple):
    # A tuple, not a frozen dataclass: a scorecard builds some 50,000 of them, and a frozen
    # dataclass's checked __init__ was a tenth of its time (bench/bench_indicators.py).
    value: Decimal
    weight: Decimal | None = None  # the denominator, or the population, for weighted means


def _weighted_mean(points: Sequence[Point]) -> Decimal:
    weights = [point.weight for point in points]
    if any(weight is None for weight in weights) or sum(weights) == 0:
        return sum(point.value for point in points) / len(points)
    return sum(point.value * point.weight for point in points) / sum(weights)


def combine_places(points: Iterable[Point], rule: str) -> Decimal | None:
    """Governorates into a city, cities into the region."""
    points = list(points)
    if not points:
        return None
    if len(points) == 1:  # a place with one place inside it (a city of one governorate), by any rule
        return points[0].value
    if rule == Aggregation.WEIGHTED_MEAN:
        return _weighted_mean(points)
    if rule == Aggregation.MAX:
        return max(point.value for point in points)
    return sum(point.value for point in points)  # sum, and latest (a stock counted everywhere at once)


def combine_periods(points: Sequence[tuple[dt.date, Point]], rule: str) -> Decimal | None:
    """Periods into a longer one (months into a year), in time order."""
    if not points:
        return None
    ordered = sorted(points, key=lambda pair: pair[0])
    if rule == Aggregation.LATEST:
        return ordered[-1][1].value
    if rule == Aggregation.MAX:
        return max(point.value for _day, point in ordered)
    if rule == Aggregation.WEIGHTED_MEAN:
        return _weighted_mean([point for _day, point in ordered])
    return sum(point.value for _day, point in ordered)


def check_same_frequency(frequencies: Iterable[str]) -> str:
    """Values of different frequencies are never mixed in one roll-up."""
    distinct = set(frequencies)
    if len(distinct) > 1:
        raise PeriodError(f"cannot combine {', '.join(sorted(distinct))} values")
    return distinct.pop() if distinct else ""
