"""The data behind an indicator's charts, as JSON for the vendored Chart.js (see
static/js/indicator_charts.js). Labels are translated here so the script stays generic."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from learningcity.core.disaggregation import categories
from learningcity.indicators.models import Indicator


def _number(value: Any) -> float | None:
    return float(value) if value is not None else None


def chart_payload(indicator: Indicator, series: dict[str, Any]) -> dict[str, Any]:
    rows = series.get("rows", [])
    breakdown = {}
    for dimension, values in (series.get("breakdown") or {}).items():
        labels = dict(categories(dimension))
        breakdown[dimension] = {
            "labels": [str(labels.get(category, category)) for category in values],
            "values": [_number(value) for value in values.values()],
        }
    return {
        "rtl": get_language_bidi(),
        "language": get_language(),
        "labels": [row["label"] for row in rows],
        "values": [_number(row["value"]) for row in rows],
        "targets": [_number(row["target"]) for row in rows],
        "baseline": _number(indicator.baseline_value),
        "names": {"value": _("Actual"), "target": _("Target"), "baseline": _("Baseline")},
        "breakdown": breakdown,
    }
