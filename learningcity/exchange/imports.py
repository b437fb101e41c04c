"""Importing a table: one streaming pass, all or nothing.

Each batch of rows is cast against the kind's Table Schema, resolved and permission-checked
by the dataset, and written through the area's services inside one transaction. A check, or
any error anywhere, rolls the whole transaction back, so the report shows exactly what the
import would do (counts and every error by row and column) and nothing is half-written.
Memory stays flat: rows are read, checked and written a batch at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.exchange.datasets import Dataset, RowError
from learningcity.exchange.tabular.reader import TableError, open_table
from learningcity.exchange.tabular.schema import CellError

BATCH_SIZE = 1000
# A report lists this many errors; the count is always exact.
MAX_ERRORS_LISTED = 500


@dataclass
class ImportReport:
    kind: str
    committed: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error_count: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    header_problems: list[str] = field(default_factory=list)
    file_problem: str = ""
    format: str = ""
    encoding: str = ""

    def add_errors(self, errors: list[RowError]) -> None:
        self.error_count += len(errors)
        room = MAX_ERRORS_LISTED - len(self.errors)
        if room > 0:
            self.errors += [asdict(error) for error in errors[:room]]

    @property
    def ok(self) -> bool:
        return not (self.error_count or self.header_problems or self.file_problem)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _RollBack(Exception):
    pass


def import_table(
    *,
    dataset: Dataset,
    stream: IO[bytes],
    filename: str,
    user: Any,
    commit: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    report = ImportReport(kind=dataset.kind)
    try:
        table = open_table(stream, filename)
    except TableError as exc:
        report.file_problem = str(exc)
        return report
    report.format, report.encoding = table.format, table.encoding
    columns, problems = dataset.schema.match_header(table.header)
    if problems:
        report.header_problems = problems
        return report
    state: dict[str, Any] = {}
    seen: dict[Any, int] = {}
    try:
        with transaction.atomic():
            batch: list[tuple[int, dict[str, Any]]] = []
            for number, cells in enumerate(table.rows, start=2):
                if not any(cell not in (None, "") and str(cell).strip() for cell in cells):
                    continue  # blank lines (Excel leaves some at the end)
                report.rows += 1
                values = _cast_row(number, cells, columns, dataset, report)
                if values is not None:
                    batch.append((number, values))
                if len(batch) >= BATCH_SIZE:
                    _process(batch, dataset, user, state, seen, report)
                    batch = []
                    if progress:
                        progress(report.rows)
            if batch:
                _process(batch, dataset, user, state, seen, report)
            report.add_errors(dataset.finish(user, state))
            if progress:
                progress(report.rows)
            if not report.rows:
                report.file_problem = _("The file has a header but no rows.")
            if not commit or not report.ok:
                raise _RollBack
    except _RollBack:
        pass
    except TableError as exc:
        report.file_problem = str(exc)
    report.committed = commit and report.ok
    return report


def _cast_row(
    number: int, cells: list[Any], columns: list, dataset: Dataset, report: ImportReport
) -> dict | None:
    values: dict[str, Any] = {item.name: ([] if item.many else None) for item in dataset.schema.fields}
    errors = []
    if len(cells) > len(columns) and any(
        str(cell).strip() for cell in cells[len(columns) :] if cell is not None
    ):
        errors.append(RowError(number, "", _("This row has more cells than the header has columns.")))
    for item, raw in zip(columns, cells, strict=False):
        if item is None:
            continue
        try:
            values[item.name] = item.cast(raw)
        except CellError as exc:
            errors.append(RowError(number, item.title(), str(exc)))
    for item in dataset.schema.fields:
        if (
            item.required
            and values[item.name] in (None, [])
            and not any(e.column == item.title() for e in errors)
        ):
            errors.append(RowError(number, item.title(), _("A value is required.")))
    if errors:
        report.add_errors(errors)
        return None
    return values


def _process(batch, dataset, user, state, seen, report) -> None:
    items, errors = dataset.prepare(batch, user)
    report.add_errors(errors)
    fresh = []
    for item in items:
        if item.key in seen:
            report.add_errors(
                [
                    RowError(
                        item.row,
                        "",
                        _("This row is for the same record as row %(row)d.") % {"row": seen[item.key]},
                    )
                ]
            )
            continue
        seen[item.key] = item.row
        fresh.append(item)
        if item.existing is None:
            report.created += 1
        elif item.changed:
            report.updated += 1
        else:
            report.unchanged += 1
    if report.ok:
        # Once there is an error nothing will be kept, so writing further rows is only wasted work;
        # checking them still goes on, so the report lists every error in the file.
        report.add_errors(dataset.write_batch(fresh, user, state))
