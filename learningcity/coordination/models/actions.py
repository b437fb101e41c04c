"""Action items (مهام المتابعة): owned by an entity, followed until done."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.coordination.models.meetings import Meeting
from learningcity.coordination.models.minutes import Decision
from learningcity.core.bilingual import BilingualField
from learningcity.core.files import private_document_field
from learningcity.core.models import TimeStampedModel
from learningcity.partners.models import Coordinator, Entity


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


# What "overdue" means, once: still open after its due date (the day in Riyadh). The database
# form below, the Python form in ActionItem.is_overdue_on.
def overdue_condition(today: dt.date | None = None) -> Q:
    return Q(status__in=OPEN_STATUSES, due_date__lt=today or timezone.localdate())


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class ActionItemQuerySet(models.QuerySet):
    def still_open(self) -> ActionItemQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date | None = None) -> ActionItemQuerySet:
        return self.filter(overdue_condition(today))


class ActionItem(TimeStampedModel):
    """A follow-up task (مهمة متابعة): owned by an entity, dated, followed until done."""

    # Empty for an action item that came from an impact evaluation's recommendation.
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_items",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    title = BilingualField(_("title"), max_length=255)
    description = BilingualField(_("description"), models.TextField, required=False)
    owner_entity = models.ForeignKey(
        Entity, verbose_name=_("owner entity"), on_delete=models.PROTECT, related_name="action_items"
    )
    owner_person = models.ForeignKey(
        Coordinator,
        verbose_name=_("owner person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    due_date = models.DateField(_("due date"), db_index=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    # Indexed with the due date (actionitem_status_due) rather than alone.
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["owner_entity", "status", "due_date"]),
            # The tracker filtered by status (and overdue), in its order: the page and the
            # count up to 10,000 (core/paging.py) read from the index. Counting 10,000 overdue
            # items through the status index alone took 25 ms at national scale; 2 ms this way.
            models.Index(fields=["status", "due_date", "id"], name="actionitem_status_due"),
        ]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coordination:action_item_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if (
            self.owner_person is not None
            and self.owner_entity_id
            and self.owner_person.entity_id != self.owner_entity_id
        ):
            errors["owner_person"] = _("The owner person must be a coordinator of the owner entity.")
        if self.due_date and self.meeting is not None and self.due_date < self.meeting.local_date:
            errors["due_date"] = _("The due date cannot be before the meeting.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.is_open and self.due_date < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class ActionItemUpdate(models.Model):
    """A progress note on an action item, with the status it moved to and evidence."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("progress note"))
    status_from = models.CharField(max_length=20, choices=ActionStatus.choices)
    status_to = models.CharField(_("new status"), max_length=20, choices=ActionStatus.choices)
    evidence = private_document_field(_("evidence"), "action-items/evidence/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return self.note[:80]
