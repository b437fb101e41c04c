"""Delivery receipts: what a provider says became of a message after it took it. The WhatsApp
Business Cloud API calls the platform's webhook with each message's status ("sent",
"delivered", "read", "failed"), signed with the app's secret (X-Hub-Signature-256: an
HMAC-SHA256 of the body), after a one-time verification (hub.mode=subscribe,
hub.verify_token, hub.challenge). Unifonic calls a DLR webhook URL set in the account with
each text's receipt (MessageID, DLR "Delivered" or "Undeliverable", Recipient, TimeCreated,
SCTS, DLRTimestamp; support.unifonic.com "Can I receive DLR receipt update through a
webhook?"); Unifonic signs nothing, so the URL given to it carries a secret of ours."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from learningcity.notifications.models import Channel, OutboundMessage, OutboundStatus


@csrf_exempt  # the provider signs its calls; there is no session or form
def whatsapp_webhook(request: HttpRequest) -> HttpResponse:
    if not settings.WHATSAPP_VERIFY_TOKEN or not settings.WHATSAPP_APP_SECRET:
        return HttpResponseForbidden()
    if request.method == "GET":
        if request.GET.get("hub.mode") == "subscribe" and hmac.compare_digest(
            request.GET.get("hub.verify_token", ""), settings.WHATSAPP_VERIFY_TOKEN
        ):
            return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
        return HttpResponseForbidden()
    if request.method != "POST":
        return HttpResponse(status=405)
    expected = (
        "sha256=" + hmac.new(settings.WHATSAPP_APP_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
    )
    if not hmac.compare_digest(request.headers.get("X-Hub-Signature-256", ""), expected):
        return HttpResponseForbidden()
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse(status=400)
    record_whatsapp_statuses(payload)
    return HttpResponse(status=200)


@csrf_exempt  # Unifonic's call carries no session; the secret in the address stands for it
def unifonic_dlr_webhook(request: HttpRequest, secret: str) -> HttpResponse:
    if not settings.UNIFONIC_DLR_SECRET or not hmac.compare_digest(secret, settings.UNIFONIC_DLR_SECRET):
        return HttpResponseForbidden()
    if request.method != "POST":
        return HttpResponse(status=405)
    # The documentation names the parameters, not the encoding: a form or a JSON object.
    fields: Any = request.POST
    if request.content_type == "application/json":
        try:
            fields = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return HttpResponse(status=400)
        if not isinstance(fields, dict):
            return HttpResponse(status=400)
    record_unifonic_receipt(fields)
    # Unifonic retries until it gets 200 OK: a receipt for an unknown message is still taken.
    return HttpResponse(status=200)


def record_unifonic_receipt(fields: Any) -> int:
    """Apply one Unifonic delivery receipt to the text it names (the MessageID Unifonic
    answered when it took it, sent to that Recipient); the number of messages changed."""
    message_id, recipient = str(fields.get("MessageID", "")), str(fields.get("Recipient", ""))
    if not message_id:
        return 0
    messages = OutboundMessage.objects.filter(
        channel=Channel.SMS, provider="unifonic", provider_message_id=message_id, to=recipient
    )
    state = str(fields.get("DLR", "")).strip().lower()
    if state == "delivered":
        return messages.exclude(status=OutboundStatus.DELIVERED).update(
            status=OutboundStatus.DELIVERED, delivered_at=_unifonic_moment(fields.get("SCTS"))
        )
    if state == "undeliverable":
        return messages.exclude(status=OutboundStatus.DELIVERED).update(
            status=OutboundStatus.FAILED, error="Unifonic: Undeliverable"
        )
    return 0


def _unifonic_moment(text: Any) -> dt.datetime:
    """SCTS, when the network reported the delivery: "yyyy-mm-dd hh:mm:ss" in the account's
    time zone, which for a Saudi account is Riyadh's (settings.TIME_ZONE)."""
    try:
        moment = dt.datetime.strptime(str(text), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return timezone.now()
    return timezone.make_aware(moment)


def record_whatsapp_statuses(payload: Any) -> int:
    """Apply each status in a Cloud API webhook payload to the message it names; the number
    of messages changed. A status for a message the platform did not send is ignored."""
    changed = 0
    for status in _statuses(payload):
        message_id, state = str(status.get("id", "")), status.get("status")
        if not message_id:
            continue
        messages = OutboundMessage.objects.filter(channel=Channel.WHATSAPP, provider_message_id=message_id)
        if state in ("delivered", "read"):
            changed += messages.exclude(status=OutboundStatus.DELIVERED).update(
                status=OutboundStatus.DELIVERED, delivered_at=_moment(status.get("timestamp"))
            )
        elif state == "failed":
            errors = status.get("errors") or [{}]
            error = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
            why = f"{error.get('code', '')}: {error.get('title') or error.get('message') or 'failed'}"
            changed += messages.update(status=OutboundStatus.FAILED, error=why[:2000])
    return changed


def _statuses(payload: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    entries = payload.get("entry") if isinstance(payload, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        for change in (entry.get("changes") or []) if isinstance(entry, dict) else []:
            value = change.get("value") if isinstance(change, dict) else None
            statuses = value.get("statuses") if isinstance(value, dict) else None
            found += [status for status in statuses or [] if isinstance(status, dict)]
    return found


def _moment(timestamp: Any) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(int(timestamp), tz=dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return timezone.now()
