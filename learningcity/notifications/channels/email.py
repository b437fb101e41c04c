"""E-mail through Django's mail back-end (settings.EMAIL_BACKEND: SMTP in production): plain text
and HTML in the platform's look, in the message's language and direction. A batch goes over
one connection, and a text sent to many (an announcement) is laid out once."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from learningcity.notifications.channels.base import PermanentFailure, Receipt, TemporaryFailure

if TYPE_CHECKING:
    from learningcity.notifications.models import OutboundMessage


@lru_cache(maxsize=256)
def _html(language: str, subject: str, body: str) -> str:
    with translation.override(language):
        context = {
            "language": language,
            "subject": subject,
            "body": body,
            "rtl": translation.get_language_bidi(),
        }
        return render_to_string("notifications/email_message.html", context)


class Email:
    name = "email"

    def _email(self, message: OutboundMessage, connection: Any = None) -> EmailMultiAlternatives:
        email = EmailMultiAlternatives(
            subject=message.subject, body=message.body, to=[message.to], connection=connection
        )
        email.attach_alternative(_html(message.language, message.subject, message.body), "text/html")
        return email

    def send(self, message: OutboundMessage) -> Receipt:
        try:
            self._email(message).send()
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentFailure(f"refused: {error.recipients}"[:500]) from error
        except (smtplib.SMTPException, OSError) as error:
            raise TemporaryFailure(f"{error.__class__.__name__}: {error}"[:500]) from error
        return Receipt(provider=self.name)

    def send_many(self, messages: list[OutboundMessage]) -> Iterator[tuple[OutboundMessage, Any]]:
        """One connection for the batch; each message's own outcome (one person's refused
        address does not fail the others)."""
        with get_connection() as connection:
            for message in messages:
                try:
                    connection.send_messages([self._email(message, connection)])
                except smtplib.SMTPRecipientsRefused as error:
                    yield message, (f"refused: {error.recipients}"[:500], False)
                except (smtplib.SMTPException, OSError) as error:
                    yield message, (f"{error.__class__.__name__}: {error}"[:500], True)
                else:
                    yield message, Receipt(provider=self.name)
