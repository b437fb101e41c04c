"""E-mail through Django's mail back-end (settings.EMAIL_BACKEND: SMTP in production): plain text
and HTML in the platform's look, in the message's language and direction."""

from __future__ import annotations

import smtplib
from typing import TYPE_CHECKING

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from learningcity.notifications.channels.base import PermanentFailure, Receipt, TemporaryFailure

if TYPE_CHECKING:
    from learningcity.notifications.models import OutboundMessage


class Email:
    name = "email"

    def send(self, message: OutboundMessage) -> Receipt:
        with translation.override(message.language):
            context = {"message": message, "rtl": translation.get_language_bidi()}
            html = render_to_string("notifications/email_message.html", context)
        email = EmailMultiAlternatives(subject=message.subject, body=message.body, to=[message.to])
        email.attach_alternative(html, "text/html")
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentFailure(f"refused: {error.recipients}"[:500]) from error
        except (smtplib.SMTPException, OSError) as error:
            raise TemporaryFailure(f"{error.__class__.__name__}: {error}"[:500]) from error
        return Receipt(provider=self.name)
