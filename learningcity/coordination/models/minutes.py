"""A meeting's agenda items and its numbered decisions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.coordination.models.meetings import Meeting
from learningcity.core.bilingual import BilingualField
from learningcity.core.models import TimeStampedModel
from learningcity.partners.models import Entity


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
