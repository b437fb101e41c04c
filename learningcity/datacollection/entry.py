"""A data set's entry form as cells: each indicator's total and, where it is broken down, one
cell per category — read from what was typed, checked by the unit's rules, and laid out as
a grid for the page.

A cell's key is the indicator's code for its total and `code|dimension|category` for a part.
Only the cells of the data set's own indicators are read: nothing else a client sends counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from learningcity.core.disaggregation import Dimension, categories
from learningcity.indicators.models import Aggregation, Indicator, Unit
from learningcity.indicators.rules import Cell
from learningcity.indicators.services import check_value

# Units whose parts do not add up to the whole (a share of each sex is not a share of all).
SHARES = (Unit.PERCENT, Unit.RATIO, Unit.SCORE)


def key_of(cell: Cell) -> str:
    code, dimension, category = cell
    return f"{code}|{dimension}|{category}" if dimension else code


def is_additive(indicator: Indicator) -> bool:
    """Its breakdown's parts add up to its total, so the form can add them up for the person."""
    return indicator.unit not in SHARES and indicator.aggregation != Aggregation.WEIGHTED_MEAN


def cells_of(indicator: Indicator) -> list[tuple[Cell, str]]:
    """(cell, label) for the total and each category of each allowed breakdown."""
    cells: list[tuple[Cell, str]] = [((indicator.code, "", ""), "")]
    for dimension in indicator.allowed_disaggregations or []:
        for category, label in categories(dimension):
            cells.append(((indicator.code, dimension, category), str(label)))
    return cells


@dataclass
class Reading:
    """What the typed cells say: numbers where they are numbers, a message where they are not."""

    values: dict[Cell, Decimal] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    # Totals the form added up from a complete breakdown.
    computed: set[str] = field(default_factory=set)

    def total(self, indicator: Indicator) -> Decimal | None:
        return self.values.get((indicator.code, "", ""))

    def parts(self, indicator: Indicator) -> dict[tuple[str, str], Decimal]:
        return {
            (dimension, category): value
            for (code, dimension, category), value in self.values.items()
            if code == indicator.code and dimension
        }


def read(indicators: Iterable[Indicator], entries: Mapping[str, str]) -> Reading:
    reading = Reading()
    for indicator in indicators:
        cells = cells_of(indicator)
        for cell, _label in cells:
            text = str(entries.get(key_of(cell), "") or "").strip()
            if not text:
                continue
            try:
                reading.values[cell] = check_value(indicator, text)
            except ValidationError as error:
                reading.errors[key_of(cell)] = " ".join(error.messages)
        total = (indicator.code, "", "")
        if total not in reading.values and key_of(total) not in reading.errors and is_additive(indicator):
            added = _complete_breakdown_sum(indicator, cells, reading)
            if added is not None:
                reading.values[total] = added
                reading.computed.add(key_of(total))
    return reading


def _complete_breakdown_sum(indicator: Indicator, cells, reading: Reading) -> Decimal | None:
    for dimension in indicator.allowed_disaggregations or []:
        parts = [cell for cell, _label in cells if cell[1] == dimension]
        if parts and all(part in reading.values for part in parts):
            return sum((reading.values[part] for part in parts), Decimal(0))
    return None


@dataclass
class GridCell:
    key: str
    label: str
    text: str
    error: str = ""
    computed: bool = False


@dataclass
class GridBreakdown:
    label: str
    cells: list[GridCell]


@dataclass
class GridRow:
    indicator: Indicator
    total: GridCell
    breakdowns: list[GridBreakdown]
    additive: bool


def grid(indicators: Iterable[Indicator], entries: Mapping[str, str], reading: Reading) -> list[GridRow]:
    rows = []
    for indicator in indicators:
        cells = cells_of(indicator)

        def cell(cell: Cell, label: str) -> GridCell:
            key = key_of(cell)
            text = str(entries.get(key, "") or "")
            computed = key in reading.computed
            if computed:
                text = str(reading.values[cell])
            return GridCell(key, label, text, reading.errors.get(key, ""), computed)

        breakdowns = [
            GridBreakdown(
                str(Dimension(dimension).label),
                [cell(c, label) for c, label in cells if c[1] == dimension],
            )
            for dimension in indicator.allowed_disaggregations or []
        ]
        rows.append(GridRow(indicator, cell(*cells[0]), breakdowns, is_additive(indicator)))
    return rows
