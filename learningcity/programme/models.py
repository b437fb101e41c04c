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
