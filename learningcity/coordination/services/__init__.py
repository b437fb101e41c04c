"""Writes for coordination: meetings, agenda, invitations, attendance, minutes and action items.

Every function checks who is acting, validates, writes inside one transaction, records the
audit log and queues notifications for after the commit. One module per part of a meeting's
life; the names are all here.
"""

from learningcity.coordination.services.actions import (
    action_item_add_progress,
    action_item_create,
    action_item_update,
    action_item_url,
)
from learningcity.coordination.services.agenda import agenda_item_delete, agenda_item_move, agenda_item_save
from learningcity.coordination.services.attendance import (
    NotInvitedError,
    attendance_check_in,
    attendance_mark,
    attendance_remove,
    invitation_reply,
)
from learningcity.coordination.services.feeds import calendar_feed_regenerate, calendar_feed_revoke
from learningcity.coordination.services.meetings import (
    MAX_SERIES_LENGTH,
    attachment_add,
    invitations_sync,
    meeting_cancel,
    meeting_create,
    meeting_series_create,
    meeting_update,
    series_dates,
)
from learningcity.coordination.services.minutes import (
    decision_delete,
    decision_save,
    minutes_publish,
    minutes_start_correction,
)

__all__ = [
    "MAX_SERIES_LENGTH",
    "meeting_create",
    "meeting_update",
    "series_dates",
    "meeting_series_create",
    "meeting_cancel",
    "invitations_sync",
    "attachment_add",
    "NotInvitedError",
    "invitation_reply",
    "attendance_mark",
    "attendance_remove",
    "attendance_check_in",
    "agenda_item_save",
    "agenda_item_delete",
    "agenda_item_move",
    "decision_save",
    "decision_delete",
    "minutes_publish",
    "minutes_start_correction",
    "action_item_create",
    "action_item_update",
    "action_item_add_progress",
    "action_item_url",
    "calendar_feed_regenerate",
    "calendar_feed_revoke",
]
