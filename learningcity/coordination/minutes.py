"""The minutes as plain text: what a published version freezes and what corrections are
compared on. Written in the platform's default language (Arabic) with English beside
each item where it exists."""

from __future__ import annotations

import difflib

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from learningcity.coordination.models import Meeting
from learningcity.core.hijri import format_dual_datetime


def minutes_text(meeting: Meeting) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        lines = [meeting.title_ar, format_dual_datetime(meeting.starts_at), ""]
        lines.append(_("Attendance"))
        for attendance in meeting.attendances.select_related("entity", "coordinator").order_by(
            "entity__name_ar", "pk"
        ):
            lines.append(f"- {attendance.display_name} — {attendance.entity.name_ar}")
        lines.append("")
        lines.append(_("Agenda"))
        for item in meeting.agenda_items.order_by("position", "pk"):
            lines.append(f"{item.position}. {item.title_ar}")
            if item.notes_ar:
                lines.extend(f"   {line}" for line in item.notes_ar.splitlines())
            if item.notes_en:
                lines.extend(f"   {line}" for line in item.notes_en.splitlines())
        lines.append("")
        lines.append(_("Decisions and recommendations"))
        for decision in meeting.decisions.order_by("number"):
            lines.append(f"{decision.number}. [{decision.get_kind_display()}] {decision.text_ar}")
            if decision.text_en:
                lines.append(f"   {decision.text_en}")
        lines.append("")
        lines.append(_("Action items"))
        for action in meeting.action_items.select_related("owner_entity", "decision").order_by("pk"):
            decision = f" ({_('decision')} {action.decision.number})" if action.decision_id else ""
            lines.append(
                f"- {action.title_ar} — {action.owner_entity.name_ar} — {action.due_date.isoformat()}{decision}"
            )
    return "\n".join(lines).strip() + "\n"


def minutes_diff(previous: str, current: str) -> list[tuple[str, str]]:
    """Line differences between two versions as (kind, line) with kind in '-', '+', ' '."""
    result = []
    for line in difflib.ndiff(previous.splitlines(), current.splitlines()):
        kind, text = line[:1], line[2:]
        if kind in "-+ ":
            result.append((kind, text))
    return result
