"""A meeting, its series, its attachments and the published versions of its minutes."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField
from learningcity.core.files import AttachedDocument, private_document_field
from learningcity.core.models import LearningCity, TimeStampedModel
from learningcity.partners.models import Entity


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


class MeetingAttachment(AttachedDocument):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    file = private_document_field(_("file"), "meetings/attachments/")

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


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
