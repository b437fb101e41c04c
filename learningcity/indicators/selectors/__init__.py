"""Reads for indicators. The scorecard, the framework view and the freshness figures load
all the rows they need in a handful of queries and do the arithmetic in Python (calc.py),
so they never run one query per indicator. Places and their roll-up are in geography.py.
"""

from learningcity.indicators.selectors.framework import framework_overview
from learningcity.indicators.selectors.freshness import freshness, freshness_score
from learningcity.indicators.selectors.scorecard import (
    INDICATORS_CACHE,
    SPARKLINE_PERIODS,
    Tile,
    dashboard_indicators,
    scorecard,
    target_fit,
    tiles_by_framework_node,
)
from learningcity.indicators.selectors.series import consistency_issues, indicator_series
from learningcity.indicators.selectors.verification import verification_queue

__all__ = [
    "SPARKLINE_PERIODS",
    "INDICATORS_CACHE",
    "Tile",
    "target_fit",
    "scorecard",
    "tiles_by_framework_node",
    "dashboard_indicators",
    "freshness",
    "freshness_score",
    "framework_overview",
    "indicator_series",
    "consistency_issues",
    "verification_queue",
]
