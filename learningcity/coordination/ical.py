"""Meetings as iCalendar (RFC 5545): one meeting's .ics and a person's subscribable feed."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone, translation

from learningcity.coordination.models import Meeting, MeetingStatus
from learningcity.core.addresses import absolute_url
from learningcity.core.bilingual import bilingual_value


def _event(meeting: Meeting, language: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}@learningcity")
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    # Local wall-clock times with their zone, so calendars show 10:00 Riyadh time.
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(meeting.ends_at))
    event.add("summary", bilingual_value(meeting, "title", language))
    location = bilingual_value(meeting, "venue", language) or meeting.online_url
    if location:
        event.add("location", location)
    description = bilingual_value(meeting, "description", language)
    if meeting.online_url:
        description = f"{description}\n{meeting.online_url}".strip()
    if description:
        event.add("description", description)
    with translation.override(language):
        event.add("url", absolute_url(meeting.get_absolute_url()))
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def meetings_ical(meetings: Iterable[Meeting], *, language: str, name: str = "") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Learning City Platform//منصة مدن التعلم//AR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        calendar.add_component(_event(meeting, language))
    calendar.add_missing_timezones()
    return calendar.to_ical()
