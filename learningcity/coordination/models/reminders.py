"""What was sent about action items, and each person's calendar feed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.coordination.models.actions import ActionItem


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class ReminderLog(models.Model):
    """What `send_reminders` already sent, so running it again sends nothing twice. A new due
    date is a new reminder."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    due_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action_item", "kind", "due_date"], name="reminder_sent_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for action item {self.action_item_id}"


class DigestLog(models.Model):
    """One weekly overdue digest per working week (named by its Sunday)."""

    period = models.CharField(max_length=10, unique=True)  # e.g. 2025-12-14
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"digest {self.period}"


class CalendarFeed(models.Model):
    """A person's private calendar address; regenerating the token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    audit_secret_fields = ("token",)  # never in the audit log (core/audit.py)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"
