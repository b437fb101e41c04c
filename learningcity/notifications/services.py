"""Telling people what concerns them: an in-app notification and an e-mail, sent after the
transaction that caused them commits (so a rolled-back change notifies nobody)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from learningcity.accounts.models import User
from learningcity.core.addresses import absolute_url
from learningcity.notifications.models import Notification, NotificationPreference
from learningcity.notifications.topics import TOPICS, topic_of

logger = logging.getLogger(__name__)


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Create one notification per distinct recipient and queue the e-mails for after commit.

    `title` and `body` are already in the language the caller chose (the platform's default,
    Arabic, unless the caller knows better).
    """
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    # Each person's choice for this topic (no row: in the platform and by e-mail).
    choices = {
        preference.user_id: preference
        for preference in NotificationPreference.objects.filter(user__in=list(unique), topic=topic_of(kind))
    }
    in_app = [user for user in unique.values() if user.pk not in choices or choices[user.pk].in_app]
    notifications = Notification.objects.bulk_create(
        [Notification(recipient=user, kind=kind, title=title[:255], body=body, url=url) for user in in_app]
    )
    if email:
        addresses = [
            user.email
            for user in unique.values()
            if user.email and (user.pk not in choices or choices[user.pk].email)
        ]
        if addresses:
            message = f"{body}\n\n{absolute_url(url)}".strip() if url else body
            transaction.on_commit(lambda: _send(title, message, addresses))
    return notifications


def _send(subject: str, message: str, addresses: list[str]) -> None:
    # One message per person: recipients must not see each other's addresses.
    for address in addresses:
        try:
            send_mail(subject, message, None, [address])
        except Exception:  # a mail server outage must not break the user's action
            logger.exception("Could not e-mail %s about %r", address, subject)


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one (or, with no id, every) unread notification of `user` as read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def in_default_language(text: Any) -> str:
    """Render a lazy translation in the platform's default language for stored messages."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


@transaction.atomic
def preferences_save(*, user: User, choices: dict[str, tuple[bool, bool]]) -> None:
    """Which topics reach `user` in the platform and by e-mail: {topic: (in_app, email)}, for
    the topics the platform has (others are ignored)."""
    for topic in TOPICS:
        in_app, email = choices.get(topic, (False, False))
        NotificationPreference.objects.update_or_create(
            user=user, topic=topic, defaults={"in_app": in_app, "email": email}
        )
