"""Coordination meetings (اللقاءات التنسيقية) and what comes out of them.

A meeting has an agenda, invited entities who reply, attendance, minutes (notes per agenda
item and numbered decisions), and action items (مهام المتابعة) owned by an entity and
followed until done. Publishing the minutes freezes a version; corrections make a new one.

One module per aggregate: meetings (with their attachments and published minutes),
invitations and attendance, the agenda and decisions, action items, reminders and feeds.
"""

from learningcity.coordination.models.actions import (
    OPEN_STATUSES,
    ActionItem,
    ActionItemQuerySet,
    ActionItemUpdate,
    ActionStatus,
    Priority,
    overdue_condition,
)
from learningcity.coordination.models.attendance import (
    Attendance,
    AttendanceMethod,
    Invitation,
    InvitationResponse,
)
from learningcity.coordination.models.meetings import (
    Meeting,
    MeetingAttachment,
    MeetingQuerySet,
    MeetingSeries,
    MeetingStatus,
    MeetingType,
    MinutesStatus,
    MinutesVersion,
    SeriesFrequency,
    new_checkin_code,
)
from learningcity.coordination.models.minutes import AgendaItem, Decision, DecisionKind
from learningcity.coordination.models.reminders import CalendarFeed, DigestLog, ReminderKind, ReminderLog

__all__ = [
    "new_checkin_code",
    "MeetingType",
    "MeetingStatus",
    "MinutesStatus",
    "SeriesFrequency",
    "MeetingSeries",
    "MeetingQuerySet",
    "Meeting",
    "MeetingAttachment",
    "MinutesVersion",
    "InvitationResponse",
    "Invitation",
    "AttendanceMethod",
    "Attendance",
    "AgendaItem",
    "DecisionKind",
    "Decision",
    "ActionStatus",
    "OPEN_STATUSES",
    "overdue_condition",
    "Priority",
    "ActionItemQuerySet",
    "ActionItem",
    "ActionItemUpdate",
    "ReminderKind",
    "ReminderLog",
    "DigestLog",
    "CalendarFeed",
]
