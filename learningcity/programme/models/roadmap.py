"""The roadmap's frame: axes (محاور) and tracks (مسارات). Initiatives come later."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField
from learningcity.core.models import TimeStampedModel
from learningcity.partners.models import Sector


class Axis(TimeStampedModel):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = BilingualField(_("title"), max_length=255)
    description = BilingualField(_("description"), models.TextField, required=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("axis")
        verbose_name_plural = _("axes")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Track(TimeStampedModel):
    axis = models.ForeignKey(Axis, verbose_name=_("axis"), on_delete=models.PROTECT, related_name="tracks")
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = BilingualField(_("title"), max_length=255)
    description = BilingualField(_("description"), models.TextField, required=False)
    lead_sector = models.CharField(_("lead sector"), max_length=20, choices=Sector.choices, blank=True)

    class Meta:
        ordering = ["axis__number", "code"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")

    def __str__(self) -> str:
        return self.title


class Goal(TimeStampedModel):
    """A goal on the roadmap: what a track should reach, by when, and who answers for it."""

    track = models.ForeignKey(Track, verbose_name=_("track"), on_delete=models.CASCADE, related_name="goals")
    title = BilingualField(_("title"), max_length=255)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    owner_entity = models.ForeignKey(
        "partners.Entity",
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    achieved = models.BooleanField(_("achieved"), default=False)

    class Meta:
        ordering = ["track_id", "target_date", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title
