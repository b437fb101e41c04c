"""A report's data turned into files: the PDF (Arabic or English, A4, fonts embedded) and the
Excel workbook (one sheet per section, right-to-left in Arabic)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from learningcity.core.exports import spreadsheet_cell
from learningcity.core.hijri import format_dual_date
from learningcity.core.pdf import render_pdf
from learningcity.core.templatetags.lc import status_label
from learningcity.programme.models import InitiativeStatus
from learningcity.reports.city import CityReport

# The PDF lists an axis's initiatives in full up to this many; beyond it, those needing most
# attention (least progress first) and a pointer to the workbook, which lists them all.
PDF_INITIATIVES_PER_AXIS = 25
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pdf_context(language: str) -> dict[str, Any]:
    with translation.override(language):
        return {"generated_on": format_dual_date(timezone.localdate(), language)}


def city_report_pdf(report: CityReport, language: str) -> bytes:
    status_columns = [
        (status, label) for status, label in InitiativeStatus.choices if report.status_counts.get(status)
    ]
    axis_rows = []
    for summary in report.axes:
        members = summary.initiatives
        listed = members
        if len(members) > PDF_INITIATIVES_PER_AXIS:
            listed = sorted(members, key=lambda i: (i.progress, i.code))[:PDF_INITIATIVES_PER_AXIS]
        axis_rows.append(
            {
                "axis": summary.axis,
                "summary": summary,
                "counts": [summary.by_status.get(status, 0) for status, _label in status_columns],
                "listed": listed,
                "more": len(members) - len(listed),
            }
        )
    return render_pdf(
        "reports/city_report_pdf.html",
        {
            "report": report,
            "status_columns": status_columns,
            "axis_rows": axis_rows,
            **pdf_context(language),
        },
        language=language,
    )


class Workbook:
    """An openpyxl workbook written sheet by sheet, each right-to-left in Arabic, with bold
    headings and the columns widened to their content."""

    def __init__(self, language: str) -> None:
        from openpyxl import Workbook as OpenpyxlWorkbook

        self.language = language
        self.book = OpenpyxlWorkbook()
        self.book.remove(self.book.active)

    def sheet(self, title: str, header: list[str], rows: Iterable[Iterable[Any]]) -> None:
        from openpyxl.styles import Font

        sheet = self.book.create_sheet(title=_sheet_title(title))
        sheet.sheet_view.rightToLeft = self.language.startswith("ar")
        sheet.append([str(cell) for cell in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(cell)) for cell in header]
        for row in rows:
            values = [spreadsheet_cell(value) for value in row]
            sheet.append(values)
            for index, value in enumerate(values):
                if index < len(widths):
                    widths[index] = max(widths[index], min(60, len(str(value))))
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width + 2
        sheet.freeze_panes = "A2"

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


def _sheet_title(title: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return title[:31]


def city_report_xlsx(report: CityReport, language: str) -> bytes:
    with translation.override(language):
        book = Workbook(language)
        scope = report.scope
        book.sheet(
            _("Summary"),
            [_("Figure"), _("Value")],
            [
                (_("Learning city"), scope.name),
                (_("Period start"), scope.start),
                (_("Period end"), scope.end),
                (_("Initiatives in the period"), report.initiatives_total),
                (_("Average initiative progress"), report.average_progress),
                (_("Beneficiaries reached"), report.beneficiaries_total),
                (_("Learners registered"), report.learners_total),
                (_("Completions"), report.completions),
                (_("Learning hours completed"), report.learning_hours),
                (_("Coordination meetings held"), report.meetings_held),
                (_("Decisions implemented"), report.implementation_rate),
                (_("Active partner entities"), report.partners_total),
                (_("Funding from partners (SAR)"), report.funding_total),
                (_("Field challenges open"), report.challenges_open),
                (_("Field challenges resolved"), report.challenges_resolved),
            ],
        )
        book.sheet(
            _("Initiatives"),
            [
                _("Axis"),
                _("Code"),
                _("Initiative"),
                _("Status"),
                _("Progress"),
                _("Start date"),
                _("End date"),
            ],
            (
                (
                    str(summary.axis),
                    i.code,
                    i.title,
                    i.get_status_display(),
                    i.progress,
                    i.start_date,
                    i.end_date,
                )
                for summary in report.axes
                for i in summary.initiatives
            ),
        )
        book.sheet(
            _("Indicators"),
            [_("Code"), _("Indicator"), _("Period"), _("Value"), _("Target"), _("Status"), _("Baseline")],
            (
                (
                    tile.indicator.code,
                    tile.indicator.name,
                    tile.period,
                    tile.value,
                    tile.target,
                    status_label(tile.status),
                    tile.indicator.baseline_value,
                )
                for tile in report.indicators
            ),
        )
        book.sheet(
            _("Reporting completeness"),
            [
                _("Data set"),
                _("Forms due"),
                _("Submitted on time"),
                _("Late"),
                _("Missing"),
                _("Completeness"),
            ],
            (
                (row.data_set.name, row.expected, row.on_time, row.late, row.missing, row.percent)
                for row in report.data_completeness
            ),
        )
        book.sheet(
            _("Learning festivals"),
            [
                _("Festival"),
                _("First day"),
                _("Last day"),
                _("Events submitted"),
                _("Events held"),
                _("Hosts"),
                _("New hosts from the call"),
                _("Places"),
                _("Registered"),
                _("Attended"),
            ],
            (
                (
                    row.festival.title, row.festival.starts_on, row.festival.ends_on, row.submitted,
                    row.accepted, row.hosts, row.new_hosts, row.places, row.registered, row.attended,
                )
                for row in report.festivals
            ),
        )  # fmt: skip
        book.sheet(
            _("Beneficiaries"),
            [_("Dimension"), _("Category"), _("People")],
            [("", _("Total"), report.beneficiaries_total)]
            + [(b.label, label, count) for b in report.beneficiaries for label, count in b.rows],
        )
        book.sheet(
            _("Learners"),
            [_("Dimension"), _("Category"), _("People")],
            [("", _("Total"), report.learners_total)]
            + [(b.label, label, count) for b in report.learners for label, count in b.rows],
        )
        book.sheet(
            _("Field challenges"),
            [_("Category"), _("Open at the end of the period"), _("Resolved in the period")],
            report.challenges_by_category,
        )
        book.sheet(
            _("Meetings"),
            [_("Figure"), _("Value")],
            [
                (_("Coordination meetings held"), report.meetings_held),
                (_("Decisions taken"), report.decisions),
                (_("Decisions with action items"), report.decisions_followed),
                (_("Decisions fully implemented"), report.decisions_implemented),
                (_("Implementation rate"), report.implementation_rate),
                (_("Action items done"), report.action_items_done),
                (_("Action items open"), report.action_items_open),
                (_("Action items overdue"), report.action_items_overdue),
            ],
        )
        book.sheet(
            _("Partners"),
            [_("Sector"), _("Entities"), _("Funding (SAR)"), _("Shared resources")],
            ((s.label, s.entities, s.funding, s.resources) for s in report.sectors),
        )
        return book.save()


def gnlc_pdf(report: Any, language: str) -> bytes:
    from learningcity.reports.gnlc import INITIATIVES_PER_AREA, build_pack

    with translation.override(language):
        pack = build_pack(report)
    return render_pdf(
        "reports/gnlc_pdf.html",
        {
            "pack": pack,
            "report": report,
            "initiatives_per_area": INITIATIVES_PER_AREA,
            **pdf_context(language),
        },
        language=language,
    )


def gnlc_xlsx(report: Any, language: str) -> bytes:
    """One sheet with a row per section (statistics and narrative side by side, ready to paste
    into UNESCO's online form) and one per Key Features area's indicators and initiatives."""
    from learningcity.reports.gnlc import build_pack

    with translation.override(language):
        pack = build_pack(report)
        book = Workbook(language)
        other = "en" if language == "ar" else "ar"
        book.sheet(
            _("Report sections"),
            [
                _("Section"),
                _("Statistics from the platform"),
                _("Narrative"),
                _("Narrative (other language)"),
            ],
            (
                (
                    section.title,
                    "\n".join(f"{label}: {value}" for label, value in section.statistics),
                    getattr(section, f"narrative_{language}"),
                    getattr(section, f"narrative_{other}"),
                )
                for section in pack.sections()
            ),
        )
        book.sheet(
            _("Indicators by area"),
            [_("Area"), _("Code"), _("Indicator"), _("Period"), _("Value"), _("Target"), _("Status")],
            (
                (
                    area.title,
                    t.indicator.code,
                    t.indicator.name,
                    t.period,
                    t.value,
                    t.target,
                    status_label(t.status),
                )
                for group in pack.key_features
                for area in group.areas
                for t in area.indicators
            ),
        )
        book.sheet(
            _("Initiatives by area"),
            [_("Area"), _("Code"), _("Initiative"), _("Status"), _("Progress")],
            (
                (area.title, i.code, i.title, i.get_status_display(), i.progress)
                for group in pack.key_features
                for area in group.areas
                for i in area.initiatives
            ),
        )
        return book.save()
