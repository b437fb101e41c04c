"""Reports kept by the platform: the GNLC biennial report drafts with their versioned
narratives, who receives the monthly city report, and the archive of generated files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.models import LearningCity, Region, TimeStampedModel
from learningcity.exchange.models import private_storage


class GnlcReport(TimeStampedModel):
    """A draft of the biennial progress report a GNLC member city sends to UNESCO: the
    platform fills in the statistics for the two-year window, the programme manager writes the
    narrative of each section (in Arabic and English); every save is kept as a version."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    learning_city = models.ForeignKey(
        LearningCity,
        verbose_name=_("learning city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gnlc_reports",
        help_text=_("Leave empty for the whole region."),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    # {section key: {"ar": text, "en": text}} — the latest version's narratives.
    narratives = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-period_end", "pk"]
        verbose_name = _("GNLC progress report")
        verbose_name_plural = _("GNLC progress reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")), name="gnlc_report_period_order"
            )
        ]

    def __str__(self) -> str:
        place = self.learning_city.name if self.learning_city else self.region.name
        return f"{place} {self.period_start.year}–{self.period_end.year}"

    def narrative(self, key: str, language: str) -> str:
        return (self.narratives.get(key) or {}).get(language, "")


class GnlcReportVersion(models.Model):
    report = models.ForeignKey(GnlcReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    narratives = models.JSONField(default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="gnlc_report_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class ReportSubscription(models.Model):
    """Someone who receives the monthly report of a learning city (or of a whole region)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_subscriptions"
    )
    # The city's region for a city's report (subscriptions made before this field were given
    # their city's region, or the first region, by migration 0002).
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    learning_city = models.ForeignKey(
        LearningCity,
        verbose_name=_("learning city"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="ar")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "learning_city"], name="report_subscription_unique_city"),
            models.UniqueConstraint(
                fields=["user", "region"],
                condition=models.Q(learning_city__isnull=True),
                name="report_subscription_unique_region",
            ),
        ]

    def __str__(self) -> str:
        place = self.learning_city.name if self.learning_city else self.region.name
        return f"{self.user} — {place}"


class ReportKind(models.TextChoices):
    CITY = "city", _("City progress report")
    GNLC = "gnlc", _("GNLC progress report")


class ArchivedReport(models.Model):
    """A generated report file, kept so leadership can find last month's report again."""

    kind = models.CharField(_("report"), max_length=10, choices=ReportKind.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    learning_city = models.ForeignKey(
        LearningCity,
        verbose_name=_("learning city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    format = models.CharField(_("format"), max_length=5)
    file = models.FileField(storage=private_storage, upload_to="reports/%Y/%m/")
    size = models.PositiveIntegerField(default=0)
    scheduled = models.BooleanField(_("scheduled"), default=False)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("generated at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "learning_city", "period_start"], name="archived_report_lookup")
        ]

    def __str__(self) -> str:
        return self.filename()

    def filename(self) -> str:
        place = f"city-{self.learning_city_id}" if self.learning_city_id else "region"
        return f"{self.kind}-report-{place}-{self.period_start:%Y-%m}-{self.language}.{self.format}"
