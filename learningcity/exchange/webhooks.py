"""Webhooks: telling partners' systems what happened, signed and retried.

Each delivery is a POST of JSON with
    X-LearningCity-Event: opportunity.published
    X-LearningCity-Delivery: <id>
    X-LearningCity-Timestamp: <unix seconds>
    X-LearningCity-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>
A receiver recomputes the HMAC and refuses old timestamps (replays). A failed delivery is
retried with exponential back-off (1, 2, 4, 8, 16, 32 minutes); after WEBHOOK_DISABLE_AFTER
failed deliveries in a row the subscription is switched off and the entity's coordinators told.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import http.client
import ipaddress
import json
import secrets
import socket
import ssl
import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.core import events
from learningcity.core.audit import audit_created, audit_deleted
from learningcity.core.services import model_update
from learningcity.exchange.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from learningcity.notifications.said import said
from learningcity.notifications.services import notify
from learningcity.partners.permissions import can_edit_entity
from learningcity.partners.selectors import entity_coordinator_users

MAX_ATTEMPTS = 7
TIMEOUT_SECONDS = 10


def sign(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


# Not globally reachable by IANA's special-purpose registry, though the `ipaddress` of Python
# 3.11 before 3.11.10 calls them global (its table was corrected later).
_NOT_GLOBAL = tuple(
    ipaddress.ip_network(block) for block in ("192.0.0.0/24", "198.18.0.0/15", "100.64.0.0/10")
)


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return (
        ip.is_global
        and not ip.is_multicast
        and not any(ip in block for block in _NOT_GLOBAL if ip.version == block.version)
    )


class UnsafeAddress(ValueError):
    """A webhook address that leads inside a private network, or nowhere."""


def _address_parts(url: str) -> tuple[str, int]:
    """(host, port) of a webhook address that can be used at all."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise UnsafeAddress(_("Give a full address starting with https://."))
    if parts.scheme != "https" and not settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        raise UnsafeAddress(_("Webhook addresses must use https://."))
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def _public_addresses(url: str) -> tuple[str, int, list[str]]:
    """(host, port, the addresses it resolves to), each globally routable — not private,
    loopback, link-local, carrier-grade NAT (100.64.0.0/10), IETF-reserved (192.0.0.0/24) or
    multicast — unless settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES (development and tests)."""
    host, port = _address_parts(url)
    try:
        addresses = list(dict.fromkeys(info[4][0] for info in socket.getaddrinfo(host, port)))
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeAddress(_("This address's host name does not resolve.")) from exc
    if not settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES and not all(_is_public(address) for address in addresses):
        raise UnsafeAddress(_("Webhook addresses must be on the public internet."))
    return host, port, addresses


def check_url(url: str) -> None:
    """Refuse addresses inside the server's own network in production (SSRF). Where private
    addresses are allowed (development, tests) the name need not resolve yet: it is looked up
    at each delivery."""
    try:
        if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
            _address_parts(url)
        else:
            _public_addresses(url)
    except UnsafeAddress as exc:
        raise ValidationError({"url": str(exc)}) from exc


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, not to whatever the name resolves to a
    moment later (DNS rebinding)."""

    def __init__(self, host: str, port: int, address: str, **kwargs: Any) -> None:
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same over TLS: the certificate is still checked against the host's name."""

    def __init__(self, host: str, port: int, address: str, **kwargs: Any) -> None:
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST `body` to `url` once and return the status. The address is checked again now —
    a name may resolve elsewhere than when it was subscribed — and a redirect is never
    followed: it is the receiver's answer, not a new address to fetch."""
    host, port, addresses = _public_addresses(url)
    parts = urlsplit(url)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, addresses[0], timeout=TIMEOUT_SECONDS)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


@transaction.atomic
def subscription_create(*, entity: Any, url: str, event_names: list[str], by: Any) -> WebhookSubscription:
    if not can_edit_entity(by, entity):
        raise PermissionDenied(_("You may not change this record."))
    unknown = set(event_names) - set(events.EVENTS)
    if unknown or not event_names:
        raise ValidationError({"events": _("Choose at least one of the listed events.")})
    check_url(url)
    subscription = WebhookSubscription.objects.create(
        entity=entity, url=url, events=sorted(set(event_names)), secret=secrets.token_hex(32), created_by=by
    )
    audit_created(actor=by, instance=subscription)
    return subscription


@transaction.atomic
def subscription_set_active(
    *, subscription: WebhookSubscription, active: bool, by: Any
) -> WebhookSubscription:
    if not can_edit_entity(by, subscription.entity_id):
        raise PermissionDenied(_("You may not change this record."))
    data = {"is_active": active}
    if active:
        data.update(consecutive_failures=0, disabled_at=None)
    model_update(instance=subscription, data=data, by=by)
    return subscription


@transaction.atomic
def subscription_delete(*, subscription: WebhookSubscription, by: Any) -> None:
    if not can_edit_entity(by, subscription.entity_id):
        raise PermissionDenied(_("You may not change this record."))
    audit_deleted(actor=by, instance=subscription)
    subscription.delete()


def on_event(event: str, entity_ids: list[int], payload: dict[str, Any]) -> None:
    """Listener for core.events: one delivery per matching subscription, sent as a job."""
    from learningcity.exchange.tasks import deliver_webhook

    subscriptions = WebhookSubscription.objects.filter(entity__in=entity_ids, is_active=True)
    body = {"event": event, "occurred_at": timezone.now().isoformat(), "data": payload}
    for subscription in subscriptions:
        if event not in subscription.events:
            continue
        delivery = WebhookDelivery.objects.create(subscription=subscription, event=event, payload=body)
        deliver_webhook.enqueue(delivery.pk)


events.subscribe(on_event)


def attempt(delivery: WebhookDelivery) -> bool:
    """POST the delivery once; record the outcome and plan a retry or give up."""
    subscription = delivery.subscription
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "LearningCityPlatform-Webhooks/1",
        "X-LearningCity-Event": delivery.event,
        "X-LearningCity-Delivery": str(delivery.pk),
        "X-LearningCity-Timestamp": str(timestamp),
        "X-LearningCity-Signature": sign(subscription.secret, timestamp, body),
    }
    delivery.attempts += 1
    status, error = None, ""
    try:
        status = _post(subscription.url, body, headers)
        if 300 <= status < 400:
            error = _(
                "The receiver answered with a redirect (HTTP %(status)d); redirects are not followed."
            ) % {"status": status}
        elif not 200 <= status < 300:
            error = f"HTTP {status}"
    except UnsafeAddress as exc:
        error = str(exc)
    except (http.client.HTTPException, TimeoutError, OSError) as exc:
        error = str(exc)[:500] or exc.__class__.__name__
    delivery.response_status = status
    succeeded = status is not None and 200 <= status < 300
    now = timezone.now()
    if succeeded:
        delivery.status, delivery.delivered_at, delivery.error, delivery.next_attempt_at = (
            DeliveryStatus.SUCCEEDED,
            now,
            "",
            None,
        )
        WebhookSubscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
    else:
        delivery.error = error or f"HTTP {status}"
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        else:
            delivery.status = DeliveryStatus.RETRYING
            delivery.next_attempt_at = now + dt.timedelta(minutes=2 ** (delivery.attempts - 1))
        _count_failure(subscription)
    delivery.save()
    return succeeded


def _count_failure(subscription: WebhookSubscription) -> None:
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    subscription.refresh_from_db(fields=["consecutive_failures", "is_active"])
    if subscription.is_active and subscription.consecutive_failures >= settings.WEBHOOK_DISABLE_AFTER:
        WebhookSubscription.objects.filter(pk=subscription.pk).update(
            is_active=False, disabled_at=timezone.now()
        )
        notify(
            recipients=entity_coordinator_users({subscription.entity_id}),
            kind="webhook.disabled",
            title=said(
                gettext_lazy("A webhook was switched off after repeated failures: %(url)s"),
                url=subscription.url,
            ),
            body=said(
                gettext_lazy("Check that the receiving system is running, then switch the webhook on again.")
            ),
            url="/ar/exchange/webhooks/",
        )


def retry_due(now: dt.datetime | None = None) -> int:
    """Send the deliveries whose retry time has come (run by `learningcity deliver_webhooks`)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.RETRYING, next_attempt_at__lte=now, subscription__is_active=True
    ).select_related("subscription")
    count = 0
    for delivery in due:
        attempt(delivery)
        count += 1
    return count
