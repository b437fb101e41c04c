from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language_bidi, gettext

from learningcity.core.templatetags.lc import num
from learningcity.reports import charts

register = template.Library()


@register.simple_tag
def bar(value: Any, largest: Any) -> SafeString:
    title = gettext("%(value)s of %(largest)s") % {"value": num(value or 0), "largest": num(largest or 0)}
    return charts.bar(value, largest, rtl=get_language_bidi(), title=title)


@register.simple_tag
def trend(tile: Any) -> SafeString:
    """An indicator tile's recent periods with its target and baseline."""
    values = [value for _period, value in tile.series]
    target, baseline = tile.target, tile.indicator.baseline_value
    return charts.trend(
        values,
        target=target,
        baseline=baseline,
        title=trend_title([v for v in values if v is not None], target=target, baseline=baseline),
    )


def trend_title(known: list[Any], *, target: Any, baseline: Any) -> str:
    """The drawing in words, for a reader who cannot see it: where the line starts and ends,
    and the two levels drawn across it."""
    if not known:
        return ""
    if len(known) == 1:
        parts = [gettext("One period: %(value)s") % {"value": num(known[0])}]
    else:
        parts = [
            gettext("From %(first)s to %(last)s over the recent periods")
            % {"first": num(known[0]), "last": num(known[-1])}
        ]
    if target is not None:
        parts.append(gettext("target %(value)s") % {"value": num(target)})
    if baseline is not None:
        parts.append(gettext("baseline %(value)s") % {"value": num(baseline)})
    return gettext("; ").join(parts)
