"""Notification topics people can switch on or off, each grouping some notification kinds
(the kind's first part: `action_item.reminder` belongs to `action_item`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TOPICS = {
    "announcement": _("Announcements from the programme"),
    "meeting": _("Coordination meetings and minutes"),
    "action_item": _("Action items and their reminders"),
    "initiative": _("Initiatives, resources, challenges and proposals"),
    "indicator": _("Indicator values returned for correction"),
    "learning": _("My registrations, sessions and certificates"),
    # Awareness, not service (sms_rules): its own topic, so switching it off by SMS never stops
    # the messages about one's own registrations.
    "news": _("New opportunities matching my saved searches"),
    "exchange": _("Data exchange (webhooks)"),
    "report": _("Monthly reports"),
    "partnership": _("Practices, track channels, marketplace offers and stories"),
    "account": _("Accounts and sign-in"),
    "festival": _("Learning festivals: hosts and their events"),
}
# The first part of a kind → its topic.
KIND_TOPICS = {
    "announcement": "announcement",
    "meeting": "meeting",
    "minutes": "meeting",
    "action_item": "action_item",
    "resource": "initiative",
    "challenge": "initiative",
    "proposal": "initiative",
    "measurement": "indicator",
    "registration": "learning",
    "session": "learning",
    "certificate": "learning",
    "webhook": "exchange",
    "report": "report",
    "practice": "partnership",
    "channel": "partnership",
    "pledge": "partnership",
    "story": "partnership",
    "identity": "account",
    "festival": "festival",
}


# A kind that belongs elsewhere than its first part says.
KIND_TOPIC_EXCEPTIONS = {"registration.saved_search": "news"}


def topic_of(kind: str) -> str:
    return KIND_TOPIC_EXCEPTIONS.get(kind) or KIND_TOPICS.get(kind.split(".", 1)[0], "announcement")
