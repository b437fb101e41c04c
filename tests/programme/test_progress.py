import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from learningcity.programme.progress import (
    average_progress,
    elapsed_share,
    is_behind_schedule,
    weighted_progress,
)

D = Decimal


def test_weighted_progress():
    assert weighted_progress([(D(3), 100), (D(1), 0)]) == D("75.00")


def test_no_weights_means_a_plain_average():
    assert weighted_progress([(None, 100), (None, 0), (None, 50)]) == D("50.00")


def test_all_zero_weights_fall_back_to_the_average():
    assert weighted_progress([(D(0), 100), (D(0), 0)]) == D("50.00")


def test_unweighted_milestone_among_weighted_ones_counts_for_nothing():
    assert weighted_progress([(D(2), 50), (None, 100)]) == D("50.00")


def test_no_milestones_is_zero():
    assert weighted_progress([]) == D("0.00")


def test_average_ignores_nothing_and_handles_empty():
    assert average_progress([D(10), D(20)]) == D("15.00")
    assert average_progress([]) is None


def test_elapsed_share_bounds():
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    assert elapsed_share(start, end, dt.date(2025, 6, 1)) == D("0.00")
    assert elapsed_share(start, end, dt.date(2027, 6, 1)) == D("100.00")
    assert D(49) < elapsed_share(start, end, dt.date(2026, 7, 2)) < D(51)


def test_behind_schedule_uses_the_margin():
    assert is_behind_schedule(D(30), D(50), 15)
    assert not is_behind_schedule(D(40), D(50), 15)


weights = st.one_of(st.none(), st.decimals(min_value=0, max_value=1000, places=2))
progresses = st.integers(min_value=0, max_value=100)


@given(st.lists(st.tuples(weights, progresses), min_size=1, max_size=12))
def test_weighted_progress_stays_within_its_parts(milestones):
    result = weighted_progress(milestones)
    assert D(0) <= result <= D(100)
    counted = [p for w, p in milestones if w] or [p for _w, p in milestones]
    assert min(counted) - D("0.01") <= result <= max(counted) + D("0.01")


@given(
    st.lists(progresses, min_size=1, max_size=12), st.decimals(min_value=D("0.5"), max_value=100, places=1)
)
def test_equal_weights_equal_no_weights(values, weight):
    assert weighted_progress([(weight, v) for v in values]) == weighted_progress([(None, v) for v in values])


@given(st.dates(), st.integers(min_value=1, max_value=2000), st.dates())
def test_elapsed_share_is_a_percentage(start, length, today):
    share = elapsed_share(start, start + dt.timedelta(days=length), today)
    assert D(0) <= share <= D(100)
