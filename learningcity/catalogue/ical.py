"""An opportunity's sessions as iCalendar (RFC 5545), to add them to a phone's calendar."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone, translation

from learningcity.catalogue.models import Opportunity, Session, SessionStatus
from learningcity.core.addresses import absolute_url
from learningcity.core.bilingual import bilingual_value


def opportunity_ical(opportunity: Opportunity, sessions: Iterable[Session], *, language: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Learning City Platform//منصة مدن التعلم//AR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", bilingual_value(opportunity, "title", language))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    with translation.override(language):
        url = absolute_url(opportunity.get_absolute_url())
    location = (
        bilingual_value(opportunity, "venue", language) or opportunity.address or opportunity.online_url
    )
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", f"opportunity-session-{session.pk}@learningcity")
        event.add("dtstamp", timezone.now())
        event.add("last-modified", session.updated_at)
        event.add("dtstart", timezone.localtime(session.starts_at))
        event.add("dtend", timezone.localtime(session.ends_at))
        event.add("summary", bilingual_value(opportunity, "title", language))
        if location:
            event.add("location", location)
        if opportunity.latitude is not None and opportunity.longitude is not None:
            event.add("geo", (float(opportunity.latitude), float(opportunity.longitude)))
        event.add("description", f"{bilingual_value(opportunity, 'description', language)}\n{url}".strip())
        event.add("url", url)
        event.add("status", "CANCELLED" if session.status == SessionStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
