"""Coordination meetings (اللقاءات التنسيقية) and what comes out of them.

A meeting has an agenda, invited entities who reply, attendance, minutes (notes per agenda
item and numbered decisions), and action items (مهام المتابعة) owned by an entity and
followed until done. Publishing the minutes freezes a version; corrections make a new one.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField
from learningcity.core.files import private_storage
from learningcity.core.models import LearningCity, TimeStampedModel
from learningcity.core.uploads import validate_document
from learningcity.partners.models import Coordinator, CoordinatorGender, Entity


def new_checkin_code() -> str:
    # Short enough to read out in a meeting room; unambiguous characters only.
    alphabet = "ACDEFGHJKLMNPQRTUVWXY34679"
    return "".join(secrets.choice(alphabet) for _ in range(6))


class MeetingType(models.TextChoices):
    COORDINATION = "coordination", _("Coordination meeting")
    WORKSHOP = "workshop", _("Workshop")
    COMMITTEE = "committee", _("Committee")
    FIELD_VISIT = "field_visit", _("Field visit")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SeriesFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")


class MeetingSeries(TimeStampedModel):
    """Meetings created together on a schedule (e.g. the monthly coordination meeting);
    each one stays editable on its own."""

    title = BilingualField(_("title"), max_length=255)
    frequency = models.CharField(_("frequency"), max_length=20, choices=SeriesFrequency.choices)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.title


class MeetingQuerySet(models.QuerySet):
    def upcoming(self) -> MeetingQuerySet:
        return self.filter(starts_at__gte=timezone.now(), status=MeetingStatus.SCHEDULED)


class Meeting(TimeStampedModel):
    title = BilingualField(_("title"), max_length=255)
    meeting_type = models.CharField(
        _("type"), max_length=20, choices=MeetingType.choices, default=MeetingType.COORDINATION
    )
    learning_city = models.ForeignKey(
        LearningCity, verbose_name=_("learning city"), on_delete=models.PROTECT, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    venue = BilingualField(_("venue"), max_length=255, required=False)
    online_url = models.URLField(_("online meeting link"), blank=True)
    organiser = models.ForeignKey(
        Entity, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="organised_meetings"
    )
    description = BilingualField(_("description"), models.TextField, required=False)
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    minutes_status = models.CharField(
        _("minutes"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    checkin_code = models.CharField(
        _("check-in code"), max_length=12, default=new_checkin_code, editable=False
    )
    invited_entities = models.ManyToManyField(
        Entity, through="Invitation", verbose_name=_("invited entities"), related_name="meeting_invitations"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coordination:meeting_detail", args=[self.pk])

    def clean(self) -> None:
        if not self.venue_ar and not self.venue_en and not self.online_url:
            raise ValidationError(_("Give a venue, an online meeting link, or both."))

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def local_date(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def minutes_locked(self) -> bool:
        return self.minutes_status == MinutesStatus.PUBLISHED


class MeetingAttachment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"), upload_to="meetings/attachments/", storage=private_storage, validators=[validate_document]
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class InvitationResponse(models.TextChoices):
    PENDING = "pending", _("No reply yet")
    ATTENDING = "attending", _("Attending")
    NOT_ATTENDING = "not_attending", _("Not attending")
    DELEGATE = "delegate", _("Sending a delegate")


class Invitation(models.Model):
    """An entity invited to a meeting; any of its coordinators replies for it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    entity = models.ForeignKey(Entity, verbose_name=_("entity"), on_delete=models.CASCADE, related_name="+")
    coordinator = models.ForeignKey(
        Coordinator,
        verbose_name=_("invited coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    response = models.CharField(
        _("reply"), max_length=20, choices=InvitationResponse.choices, default=InvitationResponse.PENDING
    )
    delegate_name = models.CharField(_("delegate's name"), max_length=150, blank=True)
    responded_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["entity__name_ar"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "entity"], name="invitation_one_per_entity")
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.meeting} — {self.entity}"


class AttendanceMethod(models.TextChoices):
    LIST = "list", _("Marked on the list")
    CODE = "code", _("Checked in with the code")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    entity = models.ForeignKey(Entity, verbose_name=_("entity"), on_delete=models.PROTECT, related_name="+")
    coordinator = models.ForeignKey(
        Coordinator,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # For a delegate without a coordinator record.
    name = models.CharField(_("name"), max_length=150, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=CoordinatorGender.choices)
    method = models.CharField(
        _("how"), max_length=10, choices=AttendanceMethod.choices, default=AttendanceMethod.LIST
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)

    class Meta:
        ordering = ["entity__name_ar", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "coordinator"],
                condition=Q(coordinator__isnull=False),
                name="attendance_once_per_coordinator",
            )
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return str(self.coordinator) if self.coordinator_id else self.name


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = BilingualField(_("title"), max_length=255)
    presenter_entity = models.ForeignKey(
        Entity,
        verbose_name=_("presenting entity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    presenter_name = models.CharField(_("presenter"), max_length=150, blank=True)
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)
    axis = models.ForeignKey(
        "programme.Axis",
        verbose_name=_("axis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    track = models.ForeignKey(
        "programme.Track",
        verbose_name=_("track"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The minutes of this item: what was said.
    notes = BilingualField(_("notes"), models.TextField, required=False)

    class Meta:
        ordering = ["meeting_id", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self) -> str:
        return self.title


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    RECOMMENDATION = "recommendation", _("Recommendation")


class Decision(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=DecisionKind.choices, default=DecisionKind.DECISION
    )
    text = BilingualField(_("text"), models.TextField)
    axis = models.ForeignKey(
        "programme.Axis",
        verbose_name=_("axis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    track = models.ForeignKey(
        "programme.Track",
        verbose_name=_("track"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )

    class Meta:
        ordering = ["meeting_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_number_per_meeting")
        ]
        verbose_name = _("decision or recommendation")
        verbose_name_plural = _("decisions and recommendations")

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"[:255]


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
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN, db_index=True
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["owner_entity", "status", "due_date"])]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coordination:action_item_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if (
            self.owner_person_id
            and self.owner_entity_id
            and self.owner_person.entity_id != self.owner_entity_id
        ):
            errors["owner_person"] = _("The owner person must be a coordinator of the owner entity.")
        if self.due_date and self.meeting_id and self.due_date < self.meeting.local_date:
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
    evidence = models.FileField(
        _("evidence"),
        upload_to="action-items/evidence/",
        storage=private_storage,
        blank=True,
        validators=[validate_document],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return self.note[:80]


class MinutesVersion(models.Model):
    """The minutes as published: a frozen copy, so later corrections show what changed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_versions")
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text of the minutes"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting_id", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="minutes_version_number")]
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")

    def __str__(self) -> str:
        return f"{self.meeting} v{self.number}"


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
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"
