"""WhatsApp through the WhatsApp Business Cloud API. A business may write first only with an
approved template, so every notification goes as the platform's one template
(settings.WHATSAPP_TEMPLATE) in the reader's language, the message as its body parameter:
POST {WHATSAPP_API_URL}/{phone-number id}/messages with a bearer token."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

from learningcity.notifications.channels.base import PermanentFailure, Receipt, TemporaryFailure, answer, post

if TYPE_CHECKING:
    from learningcity.notifications.models import OutboundMessage

# Cloud API error codes worth another try: throttling (4, 80007, 130429, 131056), a service
# outage or unknown error (1, 2, 131000, 131016). The rest (an unknown template, a number that
# is not on WhatsApp, an expired token) will fail the same way again.
TEMPORARY_CODES = {1, 2, 4, 80007, 130429, 131000, 131016, 131056}


class CloudAPI:
    name = "whatsapp_cloud"

    def send(self, message: OutboundMessage) -> Receipt:
        response = post(
            f"{settings.WHATSAPP_API_URL.rstrip('/')}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages",
            headers={"Authorization": f"Bearer {settings.WHATSAPP_TOKEN}"},
            json={
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": message.to,
                "type": "template",
                "template": {
                    "name": settings.WHATSAPP_TEMPLATE,
                    "language": {"code": message.language},
                    "components": [{"type": "body", "parameters": [{"type": "text", "text": message.body}]}],
                },
            },
        )
        data = answer(response)
        if "error" in data or response.status_code >= 400:
            error = data.get("error") or {}
            code = error.get("code")
            text = f"{code}: {error.get('message') or response.text[:200]}"
            raise (TemporaryFailure if code in TEMPORARY_CODES else PermanentFailure)(text)
        messages = data.get("messages") or [{}]
        return Receipt(provider=self.name, message_id=str(messages[0].get("id", "")))
