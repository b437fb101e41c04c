"""A data set's entry form as cells: each indicator's total and, where it is broken down, one
cell per category — read from what was typed, checked by the unit's rules, and laid out for
the page.

An indicator counted in people (its parts add up) and broken down by two or more of sex, age
group, disability and nationality is typed as a grid of its first two (sex × age group, say):
each row and column adds up to that dimension's breakdown and the whole grid to the total, so
nobody adds anything up by hand. Its other breakdowns are typed as rows of their own.

A cell's key is the indicator's code for its total, `code|dimension|category` for a part and
`code|rows*columns|row*column` for a cell of the grid. The grid's cells stay in the form as
typed; the indicator receives the total and each dimension's parts. Only the cells of the
data set's own indicators are read: nothing else a client sends counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from learningcity.core.disaggregation import FIXED_CATEGORIES, Dimension, categories
from learningcity.indicators.models import Aggregation, Indicator, Unit
from learningcity.indicators.rules import Cell
from learningcity.indicators.services import check_value

# Units whose parts do not add up to the whole (a share of each sex is not a share of all).
SHARES = (Unit.PERCENT, Unit.RATIO, Unit.SCORE)
CROSS = "*"


def key_of(cell: Cell) -> str:
    code, dimension, category = cell
    return f"{code}|{dimension}|{category}" if dimension else code


def is_additive(indicator: Indicator) -> bool:
    """Its breakdown's parts add up to its total, so the form can add them up for the person."""
    return indicator.unit not in SHARES and indicator.aggregation != Aggregation.WEIGHTED_MEAN


def grid_dimensions(indicator: Indicator) -> tuple[str, str] | None:
    """The two breakdowns typed as a grid, or None: additive indicators broken down by two or
    more fixed dimensions (governorates and sectors are data, too many for a grid's side)."""
    fixed = [d for d in indicator.allowed_disaggregations or [] if d in FIXED_CATEGORIES]
    if not is_additive(indicator) or len(fixed) < 2:
        return None
    return fixed[0], fixed[1]


def cells_of(indicator: Indicator) -> list[tuple[Cell, str]]:
    """(cell, label) for the total, each category of each breakdown, and each grid cell."""
    cells: list[tuple[Cell, str]] = [((indicator.code, "", ""), "")]
    for dimension in indicator.allowed_disaggregations or []:
        for category, label in categories(dimension):
            cells.append(((indicator.code, dimension, category), str(label)))
    grid = grid_dimensions(indicator)
    if grid is not None:
        rows, columns = grid
        for row, row_label in categories(rows):
            for column, column_label in categories(columns):
                cells.append(
                    (
                        (indicator.code, f"{rows}{CROSS}{columns}", f"{row}{CROSS}{column}"),
                        f"{row_label} — {column_label}",
                    )
                )
    return cells


def cell_labels(indicators: Iterable[Indicator]) -> dict[str, str]:
    """Each cell's key → how the page names it: the indicator's code, and its category."""
    return {
        key_of(cell): f"{cell[0]} — {label}" if label else cell[0]
        for indicator in indicators
        for cell, label in cells_of(indicator)
    }


@dataclass
class Reading:
    """What the typed cells say: numbers where they are numbers, a message where they are not."""

    values: dict[Cell, Decimal] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    # Cells the form added up (a total from a complete breakdown, a grid's rows and columns).
    computed: set[str] = field(default_factory=set)

    def total(self, indicator: Indicator) -> Decimal | None:
        return self.values.get((indicator.code, "", ""))

    def parts(self, indicator: Indicator) -> dict[tuple[str, str], Decimal]:
        """Each dimension's parts, as the indicator keeps them (a grid's cells stay in the form)."""
        return {
            (dimension, category): value
            for (code, dimension, category), value in self.values.items()
            if code == indicator.code and dimension and CROSS not in dimension
        }


def computable(indicators: Iterable[Indicator]) -> list[Cell]:
    """The cells the form may add up: additive indicators' totals, and the breakdowns a grid
    gives."""
    found = []
    for indicator in indicators:
        if not is_additive(indicator):
            continue
        found.append((indicator.code, "", ""))
        crossed = grid_dimensions(indicator)
        for dimension in crossed or ():
            found += [(indicator.code, dimension, category) for category, _label in categories(dimension)]
    return found


def computed_outputs(indicators: Iterable[Indicator], reading: Reading) -> list[tuple[str, Decimal | None]]:
    """Each cell the form may add up, with its sum now (None: not added up), for the page to
    show as the person types."""
    return [
        (key_of(cell), reading.values[cell] if key_of(cell) in reading.computed else None)
        for cell in computable(indicators)
    ]


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
        _add_up_grid(indicator, reading)
        total = (indicator.code, "", "")
        if total not in reading.values and key_of(total) not in reading.errors and is_additive(indicator):
            added = _complete_breakdown_sum(indicator, cells, reading)
            if added is not None:
                reading.values[total] = added
                reading.computed.add(key_of(total))
    return reading


def _add_up_grid(indicator: Indicator, reading: Reading) -> None:
    """A complete grid gives its rows' and columns' breakdowns; a partly typed one is an error
    on its first empty cell (an empty cell is not a zero: it may be unknown)."""
    grid = grid_dimensions(indicator)
    if grid is None:
        return
    rows, columns = grid
    crossed = f"{rows}{CROSS}{columns}"
    keys = {
        (row, column): (indicator.code, crossed, f"{row}{CROSS}{column}")
        for row, _r in categories(rows)
        for column, _c in categories(columns)
    }
    typed = [cell for cell in keys.values() if cell in reading.values or key_of(cell) in reading.errors]
    if not typed or any(key_of(cell) in reading.errors for cell in typed):
        return
    missing = [cell for cell in keys.values() if cell not in reading.values]
    if missing:
        reading.errors[key_of(missing[0])] = _(
            "Fill every cell of the grid, or none (type 0 where there is nobody)."
        )
        return
    for dimension, position in ((rows, 0), (columns, 1)):
        for category, _label in categories(dimension):
            part = (indicator.code, dimension, category)
            added = sum(
                (reading.values[cell] for pair, cell in keys.items() if pair[position] == category),
                Decimal(0),
            )
            if part in reading.values and reading.values[part] != added:
                reading.errors[key_of(part)] = _("The grid adds up to %(sum)s here.") % {"sum": added}
                continue
            reading.values[part] = added
            reading.computed.add(key_of(part))


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
    text: str  # as typed: a sum the form added up is shown beside it, never typed into it
    error: str = ""
    computable: bool = False
    sum: Decimal | None = None


@dataclass
class GridBreakdown:
    label: str
    cells: list[GridCell]


@dataclass
class CrossGrid:
    """Two breakdowns typed against each other: rows × columns, with each row's and column's
    sum (the breakdowns the indicator keeps)."""

    row_label: str
    column_label: str
    columns: list[GridCell]  # the column sums, labelled with their categories
    rows: list[tuple[GridCell, list[GridCell]]]  # (the row's sum, its cells)


@dataclass
class GridRow:
    indicator: Indicator
    total: GridCell
    breakdowns: list[GridBreakdown]
    additive: bool
    cross: CrossGrid | None = None


def grid(indicators: Iterable[Indicator], entries: Mapping[str, str], reading: Reading) -> list[GridRow]:
    indicators = list(indicators)
    can_add_up = set(computable(indicators))
    labels: dict[Cell, str] = {}

    def cell(cell: Cell, label: str | None = None) -> GridCell:
        key = key_of(cell)
        return GridCell(
            key=key,
            label=labels.get(cell, "") if label is None else label,
            text=str(entries.get(key, "") or ""),
            error=reading.errors.get(key, ""),
            computable=cell in can_add_up,
            sum=reading.values.get(cell) if key in reading.computed else None,
        )

    rows = []
    for indicator in indicators:
        cells = cells_of(indicator)
        labels.update(cells)
        crossed = grid_dimensions(indicator)
        cross = None
        if crossed is not None:
            down, across = crossed
            code = indicator.code
            cross = CrossGrid(
                row_label=str(Dimension(down).label),
                column_label=str(Dimension(across).label),
                columns=[cell((code, across, column)) for column, _l in categories(across)],
                rows=[
                    (
                        cell((code, down, row)),
                        [
                            cell((code, f"{down}{CROSS}{across}", f"{row}{CROSS}{column}"), str(column_label))
                            for column, column_label in categories(across)
                        ],
                    )
                    for row, _l in categories(down)
                ],
            )
        breakdowns = [
            GridBreakdown(
                str(Dimension(dimension).label), [cell(c) for c, _label in cells if c[1] == dimension]
            )
            for dimension in indicator.allowed_disaggregations or []
            if crossed is None or dimension not in crossed
        ]
        rows.append(GridRow(indicator, cell(cells[0][0]), breakdowns, is_additive(indicator), cross))
    return rows
