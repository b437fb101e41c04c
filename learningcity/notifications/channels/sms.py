"""Text messages through the providers Saudi government bodies use, on their documented REST
APIs — Unifonic (POST /rest/SMS/messages, form fields AppSid, SenderID, Recipient, Body) and
Taqnyat (POST /v1/messages, a bearer token and JSON recipients/body/sender) — and a file
back-end for the demo. The Saudi rules (international numbers, Unicode parts, the sender name,
the awareness hours) are applied before a message gets here (sms_rules, outbox)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from learningcity.notifications.channels.base import PermanentFailure, Receipt, TemporaryFailure, answer, post
from learningcity.notifications.sms_rules import segments

if TYPE_CHECKING:
    from learningcity.notifications.models import OutboundMessage


class FileSMS:
    """The demo's provider: each message is a line of JSON in <data dir>/outbox/sms.jsonl."""

    name = "file"

    def send(self, message: OutboundMessage) -> Receipt:
        folder = Path(settings.DATA_DIR) / "outbox"
        folder.mkdir(parents=True, exist_ok=True)
        line = {
            "id": str(uuid.uuid4()),
            "at": timezone.now().isoformat(),
            "sender": settings.SMS_SENDER_NAME,
            "to": message.to,
            "body": message.body,
        }
        with (folder / "sms.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        return Receipt(provider=self.name, message_id=line["id"], parts=segments(message.body).parts)


# Unifonic's non-delivery codes (docs.unifonic.com, "Understanding reasons of SMS non
# delivery"): only a missing balance or rate (ER-01) may pass once the account is topped up;
# a wrong number, an empty body, filtered content or an unregistered sender will not.
UNIFONIC_TEMPORARY = {"ER-01"}


class Unifonic:
    name = "unifonic"

    def send(self, message: OutboundMessage) -> Receipt:
        response = post(
            settings.UNIFONIC_URL,
            headers={"Accept": "application/json"},
            data={
                "AppSid": settings.UNIFONIC_APP_SID,
                "SenderID": settings.SMS_SENDER_NAME,
                "Recipient": message.to,
                "Body": message.body,
                "responseType": "JSON",
                "CorrelationID": str(message.pk),
            },
        )
        data = answer(response)
        if response.status_code >= 400 or not data.get("success"):
            code = str(data.get("errorCode") or f"HTTP {response.status_code}")
            error = f"{code}: {data.get('message') or response.text[:200]}"
            raise (TemporaryFailure if code in UNIFONIC_TEMPORARY else PermanentFailure)(error)
        details = data.get("data") or {}
        return Receipt(
            provider=self.name,
            message_id=str(details.get("MessageID", "")),
            parts=int(details.get("NumberOfUnits") or segments(message.body).parts),
        )


class Taqnyat:
    name = "taqnyat"

    def send(self, message: OutboundMessage) -> Receipt:
        response = post(
            settings.TAQNYAT_URL,
            headers={"Authorization": f"Bearer {settings.TAQNYAT_TOKEN}"},
            json={"recipients": [message.to], "body": message.body, "sender": settings.SMS_SENDER_NAME},
        )
        data = answer(response)
        if response.status_code >= 400:
            raise PermanentFailure(
                f"HTTP {response.status_code}: {data.get('message') or response.text[:200]}"
            )
        # `accepted` / `rejected` are the numbers as a bracketed text, "[966500000000,]".
        if message.to in str(data.get("rejected", "")) or message.to not in str(data.get("accepted", "")):
            raise PermanentFailure(f"rejected: {data.get('rejected')}")
        return Receipt(
            provider=self.name,
            message_id=str(data.get("messageId", "")),
            parts=int(data.get("msgLength") or segments(message.body).parts),
        )
