"""Validation rules: reading a comparison's two sides and checking values against every rule.

A side is a sum of terms joined by `+` or `-`; a term is
- an indicator's total: `LC-01`
- one category of its breakdown: `LC-01[sex:female]`
- the place's population: `population`
- a number: `100`

A rule runs only when every value it reads is there (DHIS2's "skip if any value is missing"):
an empty cell in a half-filled form is a matter for completeness, not a broken rule. The same
check runs as people type, on submission, on import, on the API and in the managers' report,
so the verdict is the same wherever a value comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from learningcity.core.arabic import latin_number
from learningcity.core.disaggregation import Dimension, is_valid_category
from learningcity.core.templatetags.lc import num
from learningcity.indicators.models import RuleImportance, RuleKind, RuleOperator, ValidationRule

# (indicator code, dimension, category); the total has an empty dimension and category.
Cell = tuple[str, str, str]

POPULATION = "population"
_TERM = re.compile(r"^(?P<code>[A-Za-z0-9_.\-]+?)(?:\[(?P<dimension>[a-z_]+):(?P<category>[^\]]+)\])?$")


@dataclass(frozen=True)
class Term:
    sign: int
    cell: Cell | None = None
    number: Decimal | None = None
    population: bool = False


def parse_side(expression: str) -> list[Term]:
    """The terms of one side, or a ValidationError naming what cannot be read. A minus needs a
    space on each side: indicator codes hold hyphens themselves (LC-01)."""
    return list(_parsed(expression))


@lru_cache(maxsize=4096)
def _parsed(expression: str) -> tuple[Term, ...]:
    # Read once per distinct side: the managers' report checks every rule on every place and
    # period of a year (tens of thousands of checks). A side that does not read raises each
    # time (lru_cache keeps no exception), in the language of the moment.
    return tuple(_parse(expression))


def _parse(expression: str) -> list[Term]:
    tokens = latin_number(expression or "").replace("−", "-").replace("+", " + ").split()
    if not tokens:
        raise ValidationError(_("Write what this side adds up."))
    terms: list[Term] = []
    sign = 1
    expecting_term = True
    for piece in tokens:
        if expecting_term:
            if piece == "-" and not terms:
                sign = -sign
                continue
            if piece in ("+", "-"):
                raise ValidationError(_("Two signs follow each other; put a value between them."))
            terms.append(_term(piece, sign))
            expecting_term = False
        else:
            if piece not in ("+", "-"):
                raise ValidationError(
                    _("Put + or - between “%(before)s” and “%(after)s”.")
                    % {"before": _term_text(terms[-1]), "after": piece}
                )
            sign = -1 if piece == "-" else 1
            expecting_term = True
    if expecting_term:
        raise ValidationError(_("The side ends with a sign; add the value that follows it."))
    return terms


def _term_text(term: Term) -> str:
    if term.population:
        return POPULATION
    if term.number is not None:
        return str(term.number)
    code, dimension, category = term.cell  # type: ignore[misc]
    return f"{code}[{dimension}:{category}]" if dimension else code


def _term(raw: str, sign: int) -> Term:
    if raw.lower() == POPULATION:
        return Term(sign, population=True)
    try:
        return Term(sign, number=Decimal(raw))
    except InvalidOperation:
        pass
    match = _TERM.match(raw)
    if match is None:
        raise ValidationError(
            _("“%(term)s” is not an indicator code, a breakdown or a number.") % {"term": raw}
        )
    dimension, category = match["dimension"] or "", match["category"] or ""
    if dimension and (dimension not in Dimension.values or not is_valid_category(dimension, category)):
        raise ValidationError(_("“%(term)s” names a breakdown that does not exist.") % {"term": raw})
    return Term(sign, cell=(match["code"], dimension, category))


def codes_read(rule: ValidationRule) -> set[str]:
    """The indicator codes a comparison reads."""
    return {
        term.cell[0] for side in (rule.left, rule.right) for term in parse_side(side) if term.cell is not None
    }


@dataclass(frozen=True)
class Violation:
    rule: ValidationRule
    message: str
    left: Decimal
    right: Decimal | None
    # The cells the rule read, so an entry form can point at them.
    cells: tuple[Cell, ...]

    @property
    def blocks(self) -> bool:
        return self.rule.importance == RuleImportance.BLOCKING


@dataclass(frozen=True)
class Values:
    """What the rules read for one period and place."""

    current: Mapping[Cell, Decimal]
    previous: Mapping[Cell, Decimal]
    population: Decimal | None = None


def check(rules: Iterable[ValidationRule], values: Values) -> list[Violation]:
    found = []
    for rule in rules:
        violation = _check_one(rule, values)
        if violation is not None:
            found.append(violation)
    return found


def _check_one(rule: ValidationRule, values: Values) -> Violation | None:
    if rule.kind == RuleKind.COMPARISON:
        return _compare(rule, values)
    code = rule.indicator.code
    total = values.current.get((code, "", ""))
    if rule.kind == RuleKind.WHOLE_NUMBER:
        cells = [(cell, value) for cell, value in values.current.items() if cell[0] == code]
        for cell, value in cells:
            if value != value.to_integral_value():
                return _violation(rule, value, None, (cell,), _("%(value)s is not a whole number."))
        return None
    if total is None:
        return None
    cell = (code, "", "")
    if rule.kind == RuleKind.RANGE:
        if rule.minimum is not None and total < rule.minimum:
            return _violation(
                rule, total, rule.minimum, (cell,), _("%(value)s is below the minimum of %(limit)s.")
            )
        if rule.maximum is not None and total > rule.maximum:
            return _violation(
                rule, total, rule.maximum, (cell,), _("%(value)s is above the maximum of %(limit)s.")
            )
        return None
    previous = values.previous.get(cell)
    if rule.kind == RuleKind.CHANGE and previous and rule.max_change_percent is not None:
        change = abs(total - previous) * 100 / abs(previous)
        if change > rule.max_change_percent:
            return _violation(
                rule,
                total,
                previous,
                (cell,),
                _(
                    "%(value)s is %(change)s%% away from the previous period's %(limit)s; "
                    "more than %(allowed)s%% needs checking."
                ),
                change=num(change, 0),
                allowed=num(rule.max_change_percent),
            )
    return None


def _compare(rule: ValidationRule, values: Values) -> Violation | None:
    try:
        left_terms, right_terms = parse_side(rule.left), parse_side(rule.right)
    except ValidationError:
        # rule_save lets no unreadable side in; one written around it checks nothing.
        return None
    left, left_cells = _side_value(left_terms, values)
    right, right_cells = _side_value(right_terms, values)
    if left is None or right is None:
        return None
    holds = {
        RuleOperator.EQUAL: left == right,
        RuleOperator.AT_MOST: left <= right,
        RuleOperator.AT_LEAST: left >= right,
    }[RuleOperator(rule.operator)]
    if holds:
        return None
    return _violation(
        rule,
        left,
        right,
        (*left_cells, *right_cells),
        _("%(value)s should be %(operator)s %(limit)s."),
        operator=rule.get_operator_display(),
    )


def _side_value(terms: list[Term], values: Values) -> tuple[Decimal | None, list[Cell]]:
    total = Decimal(0)
    cells = []
    for term in terms:
        if term.cell is not None:
            value = values.current.get(term.cell)
            cells.append(term.cell)
        elif term.population:
            value = values.population
        else:
            value = term.number
        if value is None:
            return None, cells
        total += term.sign * value
    return total, cells


def _violation(rule, value, limit, cells, default: str, **more) -> Violation:
    """The rule's own message where a manager wrote one, else what went wrong in numbers."""
    figures = {
        "value": num(value),
        "limit": num(limit) if limit is not None else "",
        **more,
    }
    written = rule.message
    message = written if written else default % figures
    return Violation(rule=rule, message=message, left=value, right=limit, cells=tuple(cells))
