"""What the validation rules read for one period and place, in three queries whatever the
number of rules: the rules, the values they name (this period and, for change rules, the one
before), and the place's population."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Q

from learningcity.core.models import Governorate, LearningCity, Region
from learningcity.indicators import calc, rules
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
    return rules.Values(current=current, previous=previous, population=_population(scope))


def _population(scope: str) -> Decimal | None:
    kind, _sep, pk = scope.partition(":")
    models: dict[str, Any] = {"region": Region, "city": LearningCity, "governorate": Governorate}
    model = models.get(kind)
    if model is None or not pk.isdigit():
        return None
    population = model.objects.filter(pk=int(pk)).values_list("population", flat=True).first()
    return Decimal(population) if population else None
