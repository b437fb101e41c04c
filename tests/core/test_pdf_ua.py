"""The PDF/UA checks (tests/pdf_ua.py) catch what they claim to: an untagged PDF, a figure
without alternative text, a skipped heading level, a document in the wrong language. The
platform's own PDFs are checked in the tests of the pages that serve them."""

from __future__ import annotations

import logging

import pytest
from weasyprint import HTML

from learningcity.core.pdf import PDF_VARIANT
from tests import pdf_ua

PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>تقرير</title></head>
<body><h1>تقرير</h1><p>نص</p>
<table><thead><tr><th>المحور</th><th>العدد</th></tr></thead><tbody><tr><td>الأول</td><td>3</td></tr></tbody></table>
{extra}</body></html>"""
SQUARE = "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><rect width='8' height='8'/></svg>"


def test_a_tagged_page_with_headings_a_table_and_a_described_figure_passes():
    content = HTML(string=PAGE.format(extra=f'<h2>قسم</h2><img src="{SQUARE}" alt="مربع">')).write_pdf(
        pdf_variant=PDF_VARIANT
    )
    assert pdf_ua.problems(content, language="ar") == []
    assert pdf_ua.figure_texts(content) == ["مربع"]
    types = pdf_ua.structure_types(content)
    assert types.index("H1") < types.index("Table") < types.index("H2")  # the HTML's order
    assert {"TH", "TD"} <= set(types)


def test_an_untagged_pdf_fails_on_every_count_that_needs_tags():
    found = "\n".join(pdf_ua.problems(HTML(string=PAGE.format(extra="")).write_pdf(), language="ar"))
    for condition in ("MarkInfo has no Marked true", "06-001", "07-001", "no structure tree"):
        assert condition in found, condition


@pytest.mark.weasyprint_errors_expected
def test_a_figure_without_text_a_skipped_level_and_the_wrong_language_are_each_named(caplog):
    html = PAGE.format(extra=f'<h3>قسم</h3><img src="{SQUARE}">')
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        content = HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
    assert any("no required alt description" in r.getMessage() for r in caplog.records)
    found = "\n".join(pdf_ua.problems(content, language="en"))
    assert "13-004: 1 figure(s) without alternative text" in found
    assert "14-003: heading level skipped, H1 then H3" in found
    assert "11-007: the document declares 'ar', its text is 'en'" in found
