"""Reading uploaded tables row by row, whatever Excel or a partner's system produced.

- The format is decided by the bytes, not the name: an XLSX is a zip holding
  `[Content_Types].xml`; a file named .xlsx that is not one (or the reverse) is refused.
- CSV: UTF-8 with or without BOM, or Windows-1256 (Arabic Windows); RFC 4180 quoting, so a
  cell may hold line breaks; the delimiter may be `,` `;` or a tab.
- XLSX: read-only streaming (openpyxl), after checking the zip is not a bomb.
Memory stays flat: rows are yielded one at a time.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from learningcity.core.exports import restore_formula_text

CSV_SNIFF_BYTES = 64 * 1024
# An XLSX expands; a real one rarely more than 20×. Beyond these it is refused unread.
MAX_XLSX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_XLSX_RATIO = 100


class TableError(Exception):
    """The file as a whole cannot be read (wrong type, encoding, bomb, no header)."""


@dataclass
class Table:
    format: str  # "csv" or "xlsx"
    header: list[str]
    rows: Iterator[list[Any]]  # the rows after the header, as cell values
    encoding: str = ""


def _is_xlsx(head: bytes, stream: IO[bytes]) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        stream.seek(0)


def open_table(stream: IO[bytes], filename: str) -> Table:
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    is_xlsx = _is_xlsx(head, stream)
    if extension == "xlsx" and not is_xlsx:
        raise TableError(_("The file is named .xlsx but is not an Excel workbook."))
    if extension == "csv" and is_xlsx:
        raise TableError(_("The file is named .csv but is an Excel workbook; name it .xlsx."))
    if extension not in ("csv", "xlsx", "txt"):
        raise TableError(_("Upload a CSV or an Excel (.xlsx) file."))
    if is_xlsx:
        return _open_xlsx(stream)
    if head.startswith(b"PK") or b"\x00" in stream.read(CSV_SNIFF_BYTES):
        raise TableError(_("This does not look like a CSV file."))
    stream.seek(0)
    return _open_csv(stream)


def _detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        # A cut in the middle of a multi-byte character at the end of the sample is fine.
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(sample) - 3:
            return "utf-8"
    try:
        sample.decode("cp1256")
        return "cp1256"
    except UnicodeDecodeError as exc:
        raise TableError(
            _("The file's text encoding is not UTF-8 or Windows-1256 (Arabic); save it as CSV UTF-8.")
        ) from exc


def _open_csv(stream: IO[bytes]) -> Table:
    sample = stream.read(CSV_SNIFF_BYTES)
    stream.seek(0)
    encoding = _detect_encoding(sample)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="", errors="strict")
    first_line = sample.decode(encoding if encoding != "utf-8-sig" else "utf-8-sig", errors="ignore").split(
        "\n", 1
    )[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(text, delimiter=delimiter, strict=True)

    def rows() -> Iterator[list[Any]]:
        try:
            for row in reader:
                yield [restore_formula_text(cell) for cell in row]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise TableError(
                _("The CSV could not be read past line %(line)d: %(error)s")
                % {"line": reader.line_num, "error": exc}
            ) from exc

    iterator = rows()
    header = next(iterator, None)
    if not header or not any(cell.strip() for cell in header):
        raise TableError(_("The file is empty or has no header row."))
    return Table("csv", [cell.strip() for cell in header], iterator, encoding)


def _open_xlsx(stream: IO[bytes]) -> Table:
    with zipfile.ZipFile(stream) as archive:
        total = sum(info.file_size for info in archive.infolist())
        packed = max(sum(info.compress_size for info in archive.infolist()), 1)
    if total > MAX_XLSX_UNCOMPRESSED or total / packed > MAX_XLSX_RATIO:
        raise TableError(
            _("The workbook expands to far more than its size; it was refused to protect the server.")
        )
    stream.seek(0)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError(_("The Excel file could not be opened: %(error)s") % {"error": exc}) from exc
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    header = next(iterator, None)
    if not header or not any(cell not in (None, "") for cell in header):
        raise TableError(_("The file is empty or has no header row."))

    def rows() -> Iterator[list[Any]]:
        try:
            for row in iterator:
                yield [restore_formula_text(cell) if isinstance(cell, str) else cell for cell in row]
        finally:
            workbook.close()

    return Table("xlsx", [str(cell).strip() if cell is not None else "" for cell in header], rows())
