"""Property tests of the import parser: whatever a spreadsheet program writes comes back cell for
cell; whatever bytes arrive, the parser answers with rows or a clear TableError, never a crash;
numbers and dates typed in Arabic-Indic digits read as the same values."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from learningcity.exchange.tabular.reader import TableError, open_table
from learningcity.exchange.tabular.schema import CellError, Field

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# Cell text: Arabic and Latin letters, digits, and what CSV has to quote (commas, semicolons,
# quotes, line breaks), without surrounding spaces (the parser trims the header).
# A cell typed as an apostrophe before what would start a formula ('=…, '-…) is not drawn: a
# spreadsheet reads it as the text after the apostrophe, and so does the import (the exports'
# formula escape, tested in tests/exchange/test_imports.py and tests/catalogue/test_providers.py).
cell = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةءآأإؤئ abcXYZ019,;\"'\n-ـً")), max_size=20
).filter(lambda text: not (len(text) > 2 and text[0] == "'" and text[1] in "=+-@\t\r"))
header = st.lists(st.from_regex(r"[a-z_]{1,10}", fullmatch=True), min_size=1, max_size=5, unique=True)


def _csv_bytes(rows: list[list[str]], encoding: str, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


@given(header=header, data=st.data(), encoding=st.sampled_from(["utf-8", "utf-8-sig"]))
def test_written_csv_reads_back_cell_for_cell(header, data, encoding):
    rows = data.draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=8))
    table = open_table(io.BytesIO(_csv_bytes([header, *rows], encoding)), "data.csv")
    assert table.header == header
    assert list(table.rows) == rows


@given(
    rows=st.lists(
        st.lists(st.sampled_from(["نعم", "لا", "مدرسة", "12", "a;b"]), min_size=2, max_size=2), max_size=5
    )
)
def test_windows_1256_files_read_as_arabic(rows):
    table = open_table(io.BytesIO(_csv_bytes([["name", "value"], *rows], "cp1256")), "data.csv")
    assert list(table.rows) == rows


@given(content=st.binary(max_size=400), name=st.sampled_from(["x.csv", "x.xlsx", "x.txt", "x.pdf"]))
def test_any_bytes_give_rows_or_a_clear_error(content, name):
    try:
        table = open_table(io.BytesIO(content), name)
        list(table.rows)
    except TableError as error:
        assert str(error)


@given(number=st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False))
def test_numbers_in_arabic_indic_digits_read_as_the_same_value(number):
    field = Field("amount", "number", "المبلغ", "Amount")
    text = format(number, "f")
    assert field.cast(text) == Decimal(text)
    assert field.cast(text.translate(ARABIC_INDIC).replace(".", "٫")) == Decimal(text)


@given(day=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_in_either_digits_read_as_the_same_day(day):
    field = Field("start", "date", "البداية", "Start")
    assert field.cast(day.isoformat()) == day
    assert field.cast(day.isoformat().translate(ARABIC_INDIC)) == day


@given(raw=st.text(max_size=30))
def test_a_cell_is_a_value_or_a_cell_error(raw):
    for kind in ("string", "integer", "number", "date", "boolean"):
        try:
            Field("f", kind, "ح", "F").cast(raw)
        except CellError as error:
            assert str(error)


def test_digit_like_signs_are_a_cell_error_not_a_crash():
    """Found by the property above: "²" passed str.isdigit() and then broke int()."""
    for kind in ("date", "integer", "number"):
        for raw in ("²", "½", "٣²"):
            with contextlib.suppress(CellError):  # a value or a CellError; a ValueError fails
                Field("f", kind, "ح", "F").cast(raw)
