"""Writing a dataset as CSV, XLSX or JSON: the Table Schema's columns, headed with their titles
in the chosen language, values written so that importing the file changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import translation

from learningcity.core import exports as core_exports
from learningcity.core.exports import every_row, neutralise_formula
from learningcity.exchange.datasets import Dataset
from learningcity.exchange.tabular.schema import Field

FORMATS = ("csv", "xlsx", "json")
# Rows fetched at a time from the database's cursor: fewer round trips per million rows, and
# still a few megabytes held at once (bench/bench_exchange.py).
CHUNK = 10000


def records(dataset: Dataset, queryset: QuerySet) -> Iterator[dict[str, Any]]:
    for record in every_row(queryset, chunk_size=CHUNK):
        yield dataset.export_row(record)


def csv_lines(
    dataset: Dataset, rows: Iterator[dict[str, Any]], language: str, *, machine: bool = False
) -> Iterator[str]:
    """CSV for people (titles in `language`) or, with `machine`, for programs (field names as
    the header, no byte-order mark: the open-data files)."""
    fields = dataset.schema.fields
    cells = [(item.name, _cell_writer(item)) for item in fields]
    return core_exports.csv_lines(
        [item.name if machine else item.title(language) for item in fields],
        ([write(row.get(name)) for name, write in cells] for row in rows),
        for_people=not machine,
    )


def _cell_writer(field: Field) -> Callable[[Any], str]:
    """How a column's values are written, chosen once per column: an export of a million rows
    calls it for every cell, and checking each value's type and each text for a formula took
    half the export's time (bench/bench_exchange.py). Only text can start like a formula: a
    number, a date or yes/no never does (a signed number is left as it is anyway)."""
    text = field.text
    if field.type != "string" and not field.many:
        return text
    return lambda value: (
        "" if value is None else neutralise_formula(value if type(value) is str else text(value))
    )


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def json_chunks(dataset: Dataset, rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    """A JSON array written row by row (never held whole in memory)."""
    yield "["
    first = True
    for row in rows:
        body = json.dumps(
            {k: _json_value(v) for k, v in row.items()}, ensure_ascii=False, separators=(",", ":")
        )
        yield body if first else "," + body
        first = False
    yield "]\n"


def write_xlsx(dataset: Dataset, rows: Iterator[dict[str, Any]], language: str, target: IO[bytes],
               progress: Callable[[int], None] | None = None) -> int:  # fmt: skip
    with translation.override(language):
        title = str(dataset.label)
    fields = dataset.schema.fields
    return core_exports.write_sheet(
        target,
        title=title,
        header=[item.title(language) for item in fields],
        rows=([_xlsx_cell(item, row.get(item.name)) for item in fields] for row in rows),
        right_to_left=language == "ar",
        progress=progress,
    )


def _xlsx_cell(item: Any, value: Any) -> Any:
    if value is None:
        return None
    if item.many or isinstance(value, bool):
        return neutralise_formula(item.text(value))
    if isinstance(value, str):
        return neutralise_formula(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return value


def xlsx_tempfile(dataset: Dataset, rows: Iterator[dict[str, Any]], language: str) -> IO[bytes]:
    # Returned open for a FileResponse, which closes it once sent.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write_xlsx(dataset, rows, language, handle)
    handle.seek(0)
    return handle
