"""The checks most coordination writes begin with."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.coordination.models import (
    Meeting,
)
from learningcity.coordination.permissions import can_manage_meetings
from learningcity.core.permissions import require


def _require_manager(user: User) -> None:
    require(can_manage_meetings(user), _("Only a programme manager can change meetings."))


def _require_minutes_open(meeting: Meeting) -> None:
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes are published. Start a correction to change them."))
