"""In-app notifications; every one may also go out by e-mail."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    # A dotted event name (meeting.invited, action_item.reminder…): what preferences and
    # webhooks key on later.
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """Whether a person wants a topic's notifications in the platform and by e-mail.
    No row means both (the default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    topic = models.CharField(max_length=30)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)
    # By text message and by WhatsApp, to a verified mobile number. None: the platform's
    # default (SMS when the person has no e-mail address; WhatsApp only when asked for).
    sms = models.BooleanField(null=True, blank=True)
    whatsapp = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user} — {self.topic}"


class AnnouncementAudience(models.TextChoices):
    ALL_PARTNERS = "all", _("All partners")
    SECTOR = "sector", _("One sector's partners")
    TRACK = "track", _("A track's partners")


class Announcement(models.Model):
    """A message from the programme's managers to the partners: the permanent communication
    channel. Each recipient has a receipt, so the managers see who has read it."""

    title = BilingualField(_("title"), max_length=200)
    body = BilingualField(_("message"), models.TextField)
    audience = models.CharField(_("to"), max_length=10, choices=AnnouncementAudience.choices)
    sector = models.CharField(_("sector"), max_length=20, blank=True)
    track = models.ForeignKey(
        "programme.Track", verbose_name=_("track"), on_delete=models.PROTECT, null=True, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("notifications:announcement_detail", args=[self.pk])


class AnnouncementReceipt(models.Model):
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="announcement_receipts"
    )
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "user"], name="announcement_receipt_once")
        ]

    def __str__(self) -> str:
        return f"{self.announcement_id} — {self.user}"


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message (SMS)")
    WHATSAPP = "whatsapp", _("WhatsApp")


class MessageCategory(models.TextChoices):
    """The classes the Saudi SMS rules allow a government sender (sms_rules)."""

    SERVICE = "service", _("Service")
    AWARENESS = "awareness", _("Awareness")
    WARNING = "warning", _("Warning")


class OutboundStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    RETRYING = "retrying", _("Waiting to try again")
    FAILED = "failed", _("Failed")


class OutboundMessage(models.Model):
    """One message to one person on one channel, from the moment it is written until the
    provider takes it (or it is given up): the delivery log staff read. Rendered when it is
    written, in the reader's language; sent by the worker (outbox.py), never in a request."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="outbound_messages",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    category = models.CharField(
        _("class"), max_length=10, choices=MessageCategory.choices, default=MessageCategory.SERVICE
    )
    kind = models.CharField(_("kind"), max_length=60)
    to = models.CharField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=5, default="ar")
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=OutboundStatus.choices, default=OutboundStatus.QUEUED
    )
    # Not to leave before this moment: a retry's back-off, or the morning for an awareness SMS.
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The worker batch that took it (outbox.deliver): one UPDATE claims a batch.
    claim = models.CharField(max_length=32, blank=True, db_index=True)
    provider = models.CharField(_("provider"), max_length=30, blank=True)
    provider_message_id = models.CharField(_("provider's message id"), max_length=100, blank=True)
    parts = models.PositiveSmallIntegerField(_("parts"), default=1)
    error = models.TextField(_("why"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # When the provider reported the message on the person's phone (its delivery receipt).
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "not_before"], name="outbound_due")]
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")

    def __str__(self) -> str:
        return f"{self.channel} → {self.to}"

    # Messages that carry a one-time code (catalogue/services/mobile_codes.py): whoever reads the
    # log must not be able to sign in as the learner, so the code is never shown, and once the
    # message has left (or failed for good) it is not kept either.
    SECRET_KINDS = ("mobile_code.",)

    @property
    def carries_secret(self) -> bool:
        return self.kind.startswith(self.SECRET_KINDS)

    @property
    def shown_body(self) -> str:
        return redact_codes(self.body) if self.carries_secret else self.body


def redact_codes(text: str) -> str:
    """Every run of four or more digits → dots (a code, whatever its length)."""
    return re.sub(r"\d{4,}", lambda match: "•" * len(match.group()), text)
