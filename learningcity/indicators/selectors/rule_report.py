"""Which validation rules fail, where and when: every active rule over the stored values of a
span of periods, for the managers' report (DHIS2's validation rule analysis).

One query reads every value the rules name over the span (and the period before it, for the
change rules); the rules then run in Python on each place's periods, with the same check
(rules.check) that entry, import and the API use.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from learningcity.indicators import calc, rules
from learningcity.indicators.geography import geography
from learningcity.indicators.models import Measurement, MeasurementStatus, RuleKind, ValidationRule

# A change rule compares with the period before; a yearly one reaches a year back.
LOOK_BACK_MONTHS = 12


@dataclass(frozen=True)
class Failure:
    rule: ValidationRule
    scope: str
    period_start: dt.date
    message: str

    @property
    def blocks(self) -> bool:
        return self.rule.importance == "blocking"


def rule_failures(
    *, since: dt.date, until: dt.date, scopes: set[str] | None = None
) -> tuple[list[ValidationRule], list[Failure]]:
    """The active rules, and each failure of one over the values of periods starting between
    `since` and `until` (in `scopes`, or everywhere). Returned values are left out: they are
    already sent back for correction."""
    rule_list = list(ValidationRule.objects.filter(is_active=True).select_related("indicator").order_by("pk"))
    codes: set[str] = set()
    frequency: dict[str, str] = {}
    for rule in rule_list:
        if rule.indicator is not None:
            codes.add(rule.indicator.code)
            frequency[rule.indicator.code] = rule.indicator.frequency
        if rule.kind == RuleKind.COMPARISON:
            codes |= rules.codes_read(rule)
    if not codes:
        return rule_list, []
    earliest = calc.shift(calc.align(since, "monthly"), "monthly", -LOOK_BACK_MONTHS)
    rows = (
        Measurement.objects.filter(
            period_start__gte=earliest, period_start__lte=until, indicator__code__in=codes
        )
        .exclude(status=MeasurementStatus.RETURNED)
        .values_list("scope", "period_start", "indicator__code", "dimension", "category", "value")
    )
    if scopes is not None:
        rows = rows.filter(scope__in=scopes)
    values: dict[str, dict[dt.date, dict[rules.Cell, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for scope, period, code, dimension, category, value in rows.iterator(chunk_size=5000):
        values[scope][period][(code, dimension, category)] = value
    geo = geography()
    failures: list[Failure] = []
    for scope, periods in values.items():
        for period, current in periods.items():
            if not since <= period <= until:
                continue
            previous = {
                (code, "", ""): earlier
                for code, step in frequency.items()
                if (earlier := periods.get(calc.shift(period, step, -1), {}).get((code, "", ""))) is not None
            }
            checked = rules.check(
                rule_list, rules.Values(current, previous, geo.population(scope) if geo else None)
            )
            failures.extend(Failure(v.rule, scope, period, v.message) for v in checked)
    failures.sort(key=lambda failure: (failure.period_start, failure.scope, failure.rule.pk))
    return rule_list, failures
