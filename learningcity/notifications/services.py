"""Telling people what concerns them: an in-app notification, and messages by e-mail, SMS or
WhatsApp that the worker sends after the transaction that caused them commits (so a rolled-back
change notifies nobody, and no request waits for a mail server or an SMS provider)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from learningcity.accounts.models import User
from learningcity.notifications import outbox
from learningcity.notifications.models import Notification, NotificationPreference
from learningcity.notifications.said import Said, said_in
from learningcity.notifications.topics import TOPICS, topic_of

logger = logging.getLogger(__name__)


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str | Said,
    body: str | Said = "",
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Create one notification per distinct recipient and write its e-mail, SMS and WhatsApp
    messages for the worker (outbox.py).

    `title` and `body` are said in each recipient's language when they are `Said` (a lazy
    translation and its values); a plain string is said as it is.
    """
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    # Each person's choice for this topic (no row: in the platform and by e-mail).
    choices = {
        preference.user_id: preference
        for preference in NotificationPreference.objects.filter(user__in=list(unique), topic=topic_of(kind))
    }
    known = outbox.contacts(list(unique))
    languages = outbox.languages(list(unique.values()), known)
    notifications: list[Notification] = []
    for language in sorted(set(languages.values())):
        group = [user for user in unique.values() if languages[user.pk] == language]
        said_title, said_body = said_in(title, language), said_in(body, language)
        notifications += Notification.objects.bulk_create(
            [
                Notification(recipient=user, kind=kind, title=said_title[:255], body=said_body, url=url)
                for user in group
                if outbox.chosen(user, choices.get(user.pk), "in_app")
            ]
        )
        # E-mail, SMS and WhatsApp are written now and sent by the worker after commit.
        outbox.queue(
            outbox.write(
                users=group, preferences=choices, kind=kind, title=said_title, body=said_body, url=url,
                email=email, language=language, known=known,
            )
        )  # fmt: skip
    return notifications


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one (or, with no id, every) unread notification of `user` as read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user: User, choices: dict[str, dict[str, bool]]) -> None:
    """Which topics reach `user` on which channel: {topic: {"in_app": …, "email": …, "sms": …,
    "whatsapp": …}}, for the topics the platform has (others are ignored). A channel left out
    of a topic's choices keeps what it was (e-mail is offered only to someone with an address,
    SMS and WhatsApp only to someone with a verified mobile number)."""
    for topic in TOPICS:
        chosen = choices.get(topic, {})
        defaults: dict[str, bool | None] = {"in_app": chosen.get("in_app", False)}
        for channel in ("email", "sms", "whatsapp"):
            if channel in chosen:
                defaults[channel] = chosen[channel]
        NotificationPreference.objects.update_or_create(user=user, topic=topic, defaults=defaults)
