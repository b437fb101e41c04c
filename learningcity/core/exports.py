"""Lists as files: CSV (streamed, UTF-8 with BOM so Excel shows Arabic) and XLSX (Arabic
sheets right-to-left). The same column definitions serve both."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language


@dataclass(frozen=True)
class Column:
    header: Any  # a (lazy) translated heading
    value: Callable[[Any], Any]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_response(rows: Iterable[Any], columns: list[Column], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # Excel reads the file as UTF-8 only with a byte-order mark
        yield writer.writerow([str(column.header) for column in columns])
        for row in rows:
            yield writer.writerow([_cell(column.value(row)) for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    rows: Iterable[Any], columns: list[Column], filename: str, sheet_title: str
) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.sheet_view.rightToLeft = (get_language() or "ar").startswith("ar")
    sheet.append([str(column.header) for column in columns])
    for row in rows:
        sheet.append([_cell(column.value(row)) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
