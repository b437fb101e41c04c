from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language_bidi

from learningcity.reports import charts

register = template.Library()


@register.simple_tag
def bar(value: Any, largest: Any) -> SafeString:
    return charts.bar(value, largest, rtl=get_language_bidi())


@register.simple_tag
def trend(tile: Any) -> SafeString:
    """An indicator tile's recent periods with its target and baseline."""
    return charts.trend(
        [value for _period, value in tile.series],
        target=tile.target,
        baseline=tile.indicator.baseline_value,
        rtl=get_language_bidi(),
    )
