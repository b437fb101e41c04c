"""What the validation rules read for one period and place, in a fixed number of queries
whatever the number of rules: the rules, the values they name (this period and, for change
rules, the one before), and the places (for the place's population)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db.models import Q

from learningcity.indicators import calc, rules
from learningcity.indicators.geography import geography
from learningcity.indicators.models import Indicator, Measurement, RuleKind, ValidationRule


def rules_for(indicators: Iterable[Indicator]) -> list[ValidationRule]:
    """The active rules about these indicators or reading any of them."""
    ids = [indicator.pk for indicator in indicators]
    return list(
        ValidationRule.objects.filter(is_active=True)
        .filter(Q(indicator_id__in=ids) | Q(reads__in=ids))
        .select_related("indicator")
        .distinct()
        .order_by("pk")
    )


def values_for(
    *,
    rule_list: list[ValidationRule],
    period_start: dt.date,
    scope: str,
    overlay: Mapping[rules.Cell, Decimal] | None = None,
) -> rules.Values:
    """The stored values the rules read, with `overlay` (what is being entered) on top."""
    codes = {rule.indicator.code for rule in rule_list if rule.indicator is not None}
    for rule in rule_list:
        if rule.kind == RuleKind.COMPARISON:
            codes |= rules.codes_read(rule)
    current: dict[rules.Cell, Decimal] = {}
    previous: dict[rules.Cell, Decimal] = {}
    wanted = Q(period_start=period_start)
    for rule in rule_list:
        if rule.kind == RuleKind.CHANGE and rule.indicator is not None:
            earlier = calc.shift(period_start, rule.indicator.frequency, -1)
            wanted |= Q(period_start=earlier, indicator_id=rule.indicator_id, dimension="")
    if codes:
        rows = Measurement.objects.filter(wanted, scope=scope, indicator__code__in=codes).values_list(
            "indicator__code", "period_start", "dimension", "category", "value"
        )
        for code, period, dimension, category, value in rows:
            (current if period == period_start else previous)[(code, dimension, category)] = value
    current.update(overlay or {})
    geo = geography()
    return rules.Values(current=current, previous=previous, population=geo.population(scope) if geo else None)
