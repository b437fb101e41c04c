"""The outbound-message pipeline: every notification that leaves the platform — by e-mail, SMS or
WhatsApp — is written here as one OutboundMessage per person and channel, in the same
transaction as what caused it, and sent by the background worker after commit. The request
that caused it never waits for a mail server or an SMS provider, a provider outage loses no
message (retried with back-off, each attempt in the delivery log), and the Saudi SMS rules
(sms_rules) are applied in one place.

Which channels reach a person: e-mail when they have an address; SMS to a verified mobile
number when they chose it for the topic (by default: when they have no e-mail address);
WhatsApp to a verified number only when they asked for it. A learner's mobile number and
language come from the apps that know them (register_contact_source), so this module names no
feature app."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.core.addresses import absolute_url
from learningcity.notifications.channels.base import DeliveryFailure, Receipt, backend_for
from learningcity.notifications.models import (
    Channel,
    MessageCategory,
    NotificationPreference,
    OutboundMessage,
    OutboundStatus,
    redact_codes,
)
from learningcity.notifications.sms_rules import InvalidNumber, awareness_send_time, international

logger = logging.getLogger(__name__)

# Notifications that tell people about something new rather than about their own business
# (an announcement, new opportunities matching a saved search): awareness messages, which an SMS
# may carry only in the daytime.
AWARENESS_KINDS = {"announcement.sent", "registration.saved_search"}

# Minutes to wait before each further attempt: about four and a half hours in all, so a
# provider's outage of an afternoon costs a delay, not a message.
BACK_OFF_MINUTES = (1, 5, 15, 60, 180)

BATCH = 200
# How long a worker holds the messages it took before another may take them again.
LEASE_MINUTES = 10


@dataclass(frozen=True)
class Contact:
    """What an app knows about reaching a person by phone: a verified mobile number (in any
    Saudi form) and the language they read."""

    mobile: str = ""
    language: str = ""


ContactSource = Callable[[list[int]], dict[int, Contact]]
_CONTACT_SOURCES: list[ContactSource] = []


def register_contact_source(source: ContactSource) -> None:
    """An app that knows people's verified mobile numbers (the catalogue's learners) says so."""
    if source not in _CONTACT_SOURCES:
        _CONTACT_SOURCES.append(source)


def contacts(user_ids: list[int]) -> dict[int, Contact]:
    found: dict[int, Contact] = {}
    for source in _CONTACT_SOURCES:
        found.update(source(user_ids))
    return found


CHANNEL_LABELS = {
    "in_app": _("In the platform"),
    "email": _("By e-mail"),
    "sms": _("By text message"),
    "whatsapp": _("By WhatsApp"),
}


def phone_channels(user: Any) -> list[str]:
    """The phone channels a person can choose: those the platform uses, if they have a
    verified mobile number."""
    if not contacts([user.pk]).get(user.pk, Contact()).mobile:
        return []
    return [channel for channel in (Channel.SMS, Channel.WHATSAPP) if backend_for(channel) is not None]


def chosen(user: Any, preference: NotificationPreference | None, channel: str) -> bool:
    """Whether a topic reaches `user` on `channel`: their choice, or the platform's default
    (everything in the platform and by e-mail; SMS when they have no e-mail; WhatsApp only
    when asked for) — the one rule `write` follows too."""
    if channel in ("in_app", "email"):
        return preference is None or bool(getattr(preference, channel))
    if channel == Channel.SMS:
        return preference.sms if preference is not None and preference.sms is not None else not user.email
    return preference is not None and bool(preference.whatsapp)


def languages(users: list[Any], known: dict[int, Contact]) -> dict[int, str]:
    """The language each person reads: a learner's own (catalogue), else the one they last
    signed in with, else the platform's default."""
    return {
        user.pk: (
            known.get(user.pk, Contact()).language or getattr(user, "language", "") or settings.LANGUAGE_CODE
        )
        for user in users
    }


def category_of(kind: str) -> str:
    return MessageCategory.AWARENESS if kind in AWARENESS_KINDS else MessageCategory.SERVICE


def write(
    *,
    users: Iterable[Any],
    preferences: dict[int, NotificationPreference],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
    language: str = "",
    known: dict[int, Contact] | None = None,
) -> list[OutboundMessage]:
    """The messages a notification becomes, one per person and channel (not saved), in
    `language` (the language the text was written in; else each person's)."""
    users = list(users)
    if known is None:
        known = contacts([user.pk for user in users])
    category = category_of(kind)
    now = timezone.now()
    link = absolute_url(url) if url else ""
    long_text = f"{body}\n\n{link}".strip() if link else body
    short_text = f"{title}\n{link}".strip()
    sms_on, whatsapp_on = backend_for(Channel.SMS) is not None, backend_for(Channel.WHATSAPP) is not None
    messages: list[OutboundMessage] = []
    for user in users:
        preference = preferences.get(user.pk)
        contact = known.get(user.pk, Contact())
        common = {
            "recipient": user, "category": category, "kind": kind,
            "language": language or contact.language or settings.LANGUAGE_CODE,
        }  # fmt: skip
        if email and user.email and chosen(user, preference, Channel.EMAIL):
            messages.append(
                OutboundMessage(
                    channel=Channel.EMAIL,
                    to=user.email,
                    subject=title[:255],
                    body=long_text or title,
                    **common,
                )
            )
        mobile = _international(contact.mobile)
        if not mobile:
            continue
        for channel, used in ((Channel.SMS, sms_on), (Channel.WHATSAPP, whatsapp_on)):
            if used and chosen(user, preference, channel):
                messages.append(
                    OutboundMessage(
                        channel=channel,
                        to=mobile,
                        body=short_text,
                        not_before=_not_before(channel, category, now),
                        **common,
                    )
                )
    return messages


def _international(mobile: str) -> str:
    try:
        return international(mobile) if mobile else ""
    except InvalidNumber:
        logger.warning("A verified mobile number no SMS can reach: %r", mobile)
        return ""


def _not_before(channel: str, category: str, now: dt.datetime) -> dt.datetime | None:
    if channel in (Channel.SMS, Channel.WHATSAPP) and category == MessageCategory.AWARENESS:
        when = awareness_send_time(now)
        return when if when > now else None
    return None


def queue(messages: list[OutboundMessage]) -> list[OutboundMessage]:
    """Save the messages and hand those due now to the worker once the transaction commits."""
    if not messages:
        return []
    saved = OutboundMessage.objects.bulk_create(messages, batch_size=1000)
    ids = [message.pk for message in saved if message.pk and message.not_before is None]
    later = [(message.pk, message.not_before) for message in saved if message.pk and message.not_before]
    transaction.on_commit(lambda: _hand_over(ids, later))
    return saved


def _hand_over(ids: list[int], later: list[tuple[int, dt.datetime]]) -> None:
    from learningcity.notifications.tasks import deliver_messages

    for start in range(0, len(ids), BATCH):
        deliver_messages.enqueue(ids[start : start + BATCH])
    if later and deliver_messages.get_backend().supports_defer:
        # One deferred job per moment and batch (a night's announcement to thousands waits
        # in a few jobs, not one each).
        by_moment: dict[dt.datetime, list[int]] = {}
        for pk, when in later:
            by_moment.setdefault(when, []).append(pk)
        for when, pks in by_moment.items():
            for start in range(0, len(pks), BATCH):
                deliver_messages.using(run_after=when).enqueue(pks[start : start + BATCH])
    # Without a deferring back-end, the hourly sweep (deliver_due) sends them when due.


def deliver(message_ids: list[int], *, now: dt.datetime | None = None) -> dict[str, int]:
    """Try each due message once; a failure waits its back-off (or fails for good).

    The batch is claimed with one UPDATE (status "sending", a claim token, and a lease: if the
    worker dies, the messages are due again when the lease ends), sent channel by channel — a
    back-end with `send_many` (e-mail: one connection for the batch) sends them together — and
    the outcomes are written back in bulk."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    OutboundMessage.objects.filter(pk__in=message_ids).filter(_due(now)).update(
        status=OutboundStatus.SENDING,
        attempts=F("attempts") + 1,
        claim=token,
        not_before=now + dt.timedelta(minutes=LEASE_MINUTES),
    )
    claimed = list(OutboundMessage.objects.filter(claim=token, status=OutboundStatus.SENDING).order_by("pk"))
    counts = {"sent": 0, "retrying": 0, "failed": 0, "skipped": len(set(message_ids)) - len(claimed)}
    by_channel: dict[str, list[OutboundMessage]] = {}
    for message in claimed:
        by_channel.setdefault(message.channel, []).append(message)
    sent: list[OutboundMessage] = []
    retries: list[tuple[int, dt.datetime]] = []
    for channel, messages in by_channel.items():
        for message, outcome in _send_all(channel, messages):
            if isinstance(outcome, Receipt):
                message.provider, message.provider_message_id, message.parts = (
                    outcome.provider, outcome.message_id[:100], outcome.parts,
                )  # fmt: skip
                sent.append(message)
                counts["sent"] += 1
            else:
                counts[_failed(message, *outcome, now, retries)] += 1
    _record_sent(sent)
    _hand_over([], retries)
    return counts


def _record_sent(sent: list[OutboundMessage]) -> None:
    """Mark the sent messages in a few UPDATEs — one per provider and part count — and write
    the providers' message ids (e-mail has none) in one bulk update."""
    groups: dict[tuple[str, int], list[int]] = {}
    for message in sent:
        groups.setdefault((message.provider, message.parts), []).append(message.pk)
    now = timezone.now()
    for (provider, parts), ids in groups.items():
        OutboundMessage.objects.filter(pk__in=ids).update(
            status=OutboundStatus.SENT, sent_at=now, error="", not_before=None, provider=provider, parts=parts
        )
    with_ids = [message for message in sent if message.provider_message_id]
    if with_ids:
        OutboundMessage.objects.bulk_update(with_ids, ["provider_message_id"], batch_size=500)
    _forget_secrets([message for message in sent if message.carries_secret])


def _forget_secrets(messages: list[OutboundMessage]) -> None:
    """A one-time code is kept only until its message has left or failed for good."""
    for message in messages:
        OutboundMessage.objects.filter(pk=message.pk).update(body=redact_codes(message.body))


def _send_all(channel: str, messages: list[OutboundMessage]) -> Iterator[tuple[OutboundMessage, Any]]:
    """Each message with its Receipt, or (why, temporary) when it was not taken."""
    backend = backend_for(channel)
    if backend is None:
        for message in messages:
            yield message, (f"No {channel} back-end is configured.", False)
        return
    if hasattr(backend, "send_many"):
        answered: set[int] = set()
        try:
            for message, outcome in backend.send_many(messages):
                answered.add(message.pk)
                yield message, outcome
        except Exception as error:  # the batch's connection failed: the rest are tried again later
            logger.exception("Sending a batch of %s messages failed", channel)
            for message in messages:
                if message.pk not in answered:
                    yield message, (f"{error.__class__.__name__}: {error}"[:500], True)
        return
    for message in messages:
        try:
            yield message, backend.send(message)
        except DeliveryFailure as failure:
            yield message, (str(failure) or failure.__class__.__name__, failure.temporary)
        except Exception as error:  # a back-end's own bug must not stop the batch
            logger.exception("Sending message %s failed", message.pk)
            yield message, (f"{error.__class__.__name__}: {error}"[:500], True)


def deliver_due(*, now: dt.datetime | None = None, limit: int = 5000) -> dict[str, int]:
    """Everything due — retries whose back-off has passed, awareness messages held until
    morning, messages whose job was lost or whose worker died — sent now (the worker's hourly
    sweep)."""
    now = now or timezone.now()
    ids = list(OutboundMessage.objects.filter(_due(now)).order_by("pk").values_list("pk", flat=True)[:limit])
    counts = {"sent": 0, "retrying": 0, "failed": 0, "skipped": 0}
    for start in range(0, len(ids), BATCH):
        for key, value in deliver(ids[start : start + BATCH], now=now).items():
            counts[key] += value
    return counts


def _due(now: dt.datetime) -> Q:
    # A message being sent ("sending") is due again only when its worker's lease has run out.
    waiting = Q(status__in=[OutboundStatus.QUEUED, OutboundStatus.RETRYING, OutboundStatus.SENDING])
    return waiting & (Q(not_before__isnull=True) | Q(not_before__lte=now))


def _failed(
    message: OutboundMessage,
    error: str,
    temporary: bool,
    now: dt.datetime,
    retries: list[tuple[int, dt.datetime]],
) -> str:
    """Record a failure: a temporary one waits its back-off (added to `retries`, handed over
    together), the last or a permanent one fails for good."""
    if temporary and message.attempts < settings.MESSAGE_ATTEMPTS:
        wait = BACK_OFF_MINUTES[min(message.attempts, len(BACK_OFF_MINUTES)) - 1]
        retry_at = now + dt.timedelta(minutes=wait)
        OutboundMessage.objects.filter(pk=message.pk).update(
            status=OutboundStatus.RETRYING, error=error[:2000], not_before=retry_at
        )
        retries.append((message.pk, retry_at))
        return "retrying"
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=OutboundStatus.FAILED, error=error[:2000], not_before=None
    )
    if message.carries_secret:
        _forget_secrets([message])
    return "failed"
