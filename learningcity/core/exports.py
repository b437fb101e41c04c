"""Lists as files: CSV (streamed, UTF-8 with BOM so Excel shows Arabic) and XLSX (Arabic
sheets right-to-left). The same column definitions serve both. `csv_lines` and `write_sheet`
are the one CSV writer and the one single-sheet workbook writer of the platform (the data
exchange's and open data's files use them too)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, connections
from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import get_language


@dataclass(frozen=True)
class Column:
    header: Any  # a (lazy) translated heading
    value: Callable[[Any], Any]


def every_row(queryset: QuerySet, *, chunk_size: int) -> Iterator[Any]:
    """`queryset.iterator()` for a file that will hold every row. PostgreSQL plans a cursor
    for reading its first tenth (`cursor_tuple_fraction` 0.1): index order and nested loops,
    which read a million registrations at 100,000 rows/s. Told the whole result will be read
    it hashes, joins and sorts them at 300,000 rows/s (bench/bench_exchange.py)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        yield from queryset.iterator(chunk_size=chunk_size)
        return
    in_transaction = connection.in_atomic_block
    with connection.cursor() as cursor:
        # Inside a transaction the setting ends with it; otherwise it is undone below, since the
        # connection is kept for later requests.
        cursor.execute(f"SET {'LOCAL ' if in_transaction else ''}cursor_tuple_fraction = 1.0")
    try:
        yield from queryset.iterator(chunk_size=chunk_size)
    finally:
        if not in_transaction:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("RESET cursor_tuple_fraction")
            except DatabaseError:  # a broken connection is closed and replaced anyway
                pass


class _Echo:
    def write(self, value: str) -> str:
        return value


# A spreadsheet reads a cell beginning with one of these as a formula (or, for tab and CR,
# strips them and may then): "=HYPERLINK(…)" in a learner's name would become a live link in a
# coordinator's sheet of mobiles and e-mails (OWASP, "CSV injection").
_FORMULA_START = frozenset("=+-@\t\r")
# Text that only looks like a signed number — a mobile "+966500000001", "-5" — is no formula
# in any spreadsheet and stays as it is.
_SIGNED_NUMBER = re.compile(r"^[+-]?\d[\d ]*(?:[.,]\d+)?$")
FORMULA_ESCAPE = "'"


def neutralise_formula(text: str) -> str:
    """`text` as a spreadsheet shows it and never runs it: a leading apostrophe before what
    would start a formula (the escape spreadsheets themselves use; `restore_formula_text`
    removes it again on import)."""
    if len(text) > 1 and text[0] in _FORMULA_START and not _SIGNED_NUMBER.match(text):
        return FORMULA_ESCAPE + text
    return text


def restore_formula_text(text: str) -> str:
    """The text `neutralise_formula` was given (an exported file read back by an import)."""
    if text.startswith(FORMULA_ESCAPE) and neutralise_formula(text[1:]) == text:
        return text[1:]
    return text


def spreadsheet_cell(value: Any) -> Any:
    """A value as a CSV/XLSX cell: blank for None, local naive times, floats for decimals,
    text for lazily translated labels, and text never a formula (`neutralise_formula`)."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return neutralise_formula(value)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_lines(header: list[Any], rows: Iterable[list[Any]], *, for_people: bool = True) -> Iterator[str]:
    """CSV text, a line at a time. A file for people starts with a byte-order mark, without
    which Excel reads UTF-8 Arabic as Latin-1; a file for programs (open data) does not."""
    writer = csv.writer(_Echo())
    if for_people:
        yield "\ufeff"
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def write_sheet(
    target: Any,
    *,
    title: str,
    header: list[Any],
    rows: Iterable[list[Any]],
    right_to_left: bool,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 2000,
) -> int:
    """One sheet written row by row to `target` (a path or a binary file); returns the rows."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])  # Excel's limit for a sheet's name
    sheet.sheet_view.rightToLeft = right_to_left
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append(row)
        count += 1
        if progress and count % progress_every == 0:
            progress(count)
    workbook.save(target)
    return count


def csv_response(rows: Iterable[Any], columns: list[Column], filename: str) -> StreamingHttpResponse:
    lines = csv_lines(
        [str(column.header) for column in columns],
        ([spreadsheet_cell(column.value(row)) for column in columns] for row in rows),
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    rows: Iterable[Any], columns: list[Column], filename: str, sheet_title: str
) -> HttpResponse:
    buffer = io.BytesIO()
    write_sheet(
        buffer,
        title=sheet_title,
        header=[str(column.header) for column in columns],
        rows=([spreadsheet_cell(column.value(row)) for column in columns] for row in rows),
        right_to_left=(get_language() or "ar").startswith("ar"),
    )
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def json_response(rows: Iterable[Any], columns: list[Column], filename: str) -> StreamingHttpResponse:
    """A streamed JSON array, one object per row; keys are the columns' English headings as slugs
    (stable whatever the page's language)."""
    with translation.override("en"):
        keys = [slugify(str(column.header)).replace("-", "_") for column in columns]

    def value(raw: Any) -> Any:
        cell = spreadsheet_cell(raw)
        if isinstance(cell, (dt.date, dt.datetime)):
            return cell.isoformat()
        return cell

    def chunks() -> Iterator[str]:
        yield "["
        for index, row in enumerate(rows):
            body = json.dumps(
                {key: value(column.value(row)) for key, column in zip(keys, columns, strict=True)},
                ensure_ascii=False,
                default=str,
            )
            yield body if index == 0 else "," + body
        yield "]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


def list_export(
    request: Any, rows: Iterable[Any], columns: list[Column], filename: str, sheet_title: str
) -> Any:
    """The list as a file when the request asks for one (?export=csv|xlsx|json), else None."""
    export = request.GET.get("export")
    if export == "csv":
        return csv_response(rows, columns, filename)
    if export == "xlsx":
        return xlsx_response(rows, columns, filename, sheet_title)
    if export == "json":
        return json_response(rows, columns, filename)
    return None
