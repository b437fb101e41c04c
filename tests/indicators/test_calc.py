import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learningcity.indicators import calc

D = Decimal


@pytest.mark.parametrize(
    ("day", "frequency", "start"),
    [
        (dt.date(2026, 5, 17), "monthly", dt.date(2026, 5, 1)),
        (dt.date(2026, 5, 17), "quarterly", dt.date(2026, 4, 1)),
        (dt.date(2026, 12, 31), "quarterly", dt.date(2026, 10, 1)),
        (dt.date(2026, 5, 17), "yearly", dt.date(2026, 1, 1)),
    ],
)
def test_align(day, frequency, start):
    assert calc.align(day, frequency) == start
    assert calc.is_aligned(start, frequency)
    assert not calc.is_aligned(start + dt.timedelta(days=1), frequency)


def test_periods():
    assert calc.shift(dt.date(2026, 11, 1), "quarterly", 1) == dt.date(2027, 2, 1)
    assert calc.period_end(dt.date(2026, 10, 1), "quarterly") == dt.date(2026, 12, 31)
    assert calc.last_complete_period(dt.date(2026, 11, 29), "monthly") == dt.date(2026, 10, 1)
    assert calc.last_complete_period(dt.date(2026, 11, 29), "yearly") == dt.date(2025, 1, 1)
    assert calc.recent_periods(dt.date(2026, 2, 10), "monthly", 3) == [
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]
    assert calc.period_label(dt.date(2026, 4, 1), "quarterly") == "2026-Q2"


@pytest.mark.parametrize(
    ("actual", "target", "direction", "expected"),
    [
        (100, 100, "higher", "on_track"),
        (95, 100, "higher", "at_risk"),
        (90, 100, "higher", "at_risk"),  # exactly the 10% margin
        (89, 100, "higher", "off_track"),
        (100, 100, "lower", "on_track"),
        (105, 100, "lower", "at_risk"),
        (111, 100, "lower", "off_track"),
        (50, 100, "lower", "on_track"),
        (None, 100, "higher", "no_data"),
        (100, None, "higher", "no_target"),
        (0, 0, "lower", "on_track"),
        (1, 0, "lower", "off_track"),
    ],
)
def test_status_both_directions(actual, target, direction, expected):
    to_decimal = lambda value: None if value is None else D(value)  # noqa: E731
    assert calc.status(to_decimal(actual), to_decimal(target), direction, D(10)) == expected


numbers = st.decimals(min_value=-10_000, max_value=10_000, places=2)


@given(numbers, numbers, st.decimals(min_value=0, max_value=100, places=1))
def test_status_is_monotonic(actual, target, margin):
    """A better value never gets a worse status, in either direction."""
    rank = {"off_track": 0, "at_risk": 1, "on_track": 2}
    better = actual + 1
    assert (
        rank[calc.status(better, target, "higher", margin)]
        >= rank[calc.status(actual, target, "higher", margin)]
    )
    worse_for_lower = actual + 1
    assert (
        rank[calc.status(worse_for_lower, target, "lower", margin)]
        <= rank[calc.status(actual, target, "lower", margin)]
    )


def test_combine_places():
    points = [calc.Point(D(10), D(100)), calc.Point(D(20), D(300))]
    assert calc.combine_places(points, "sum") == D(30)
    assert calc.combine_places(points, "latest") == D(30)
    assert calc.combine_places(points, "max") == D(20)
    assert calc.combine_places(points, "weighted_mean") == D("17.5")
    assert calc.combine_places([calc.Point(D(10)), calc.Point(D(20))], "weighted_mean") == D(15)
    assert calc.combine_places([], "sum") is None


def test_combine_periods():
    points = [(dt.date(2026, 2, 1), calc.Point(D(5))), (dt.date(2026, 1, 1), calc.Point(D(7)))]
    assert calc.combine_periods(points, "latest") == D(5)
    assert calc.combine_periods(points, "sum") == D(12)
    assert calc.combine_periods(points, "max") == D(7)


def test_frequencies_are_never_mixed():
    assert calc.check_same_frequency(["monthly", "monthly"]) == "monthly"
    with pytest.raises(calc.PeriodError):
        calc.check_same_frequency(["monthly", "quarterly"])


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=0, max_value=1000, places=2),
            st.decimals(min_value=1, max_value=1000, places=0),
        ),
        min_size=1,
        max_size=9,
    )
)
def test_weighted_mean_lies_between_the_parts(pairs):
    points = [calc.Point(value, weight) for value, weight in pairs]
    result = calc.combine_places(points, "weighted_mean")
    assert min(v for v, _w in pairs) - D("0.0001") <= result <= max(v for v, _w in pairs) + D("0.0001")


@given(st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=1, max_size=20))
def test_sum_of_places_equals_the_sum(values):
    assert calc.combine_places([calc.Point(v) for v in values], "sum") == sum(values)
