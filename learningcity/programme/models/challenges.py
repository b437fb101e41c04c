from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.core.models import TimeStampedModel
from learningcity.partners.models import Entity
from learningcity.programme.models.initiatives import Initiative


class ChallengeCategory(models.TextChoices):
    FUNDING = "funding", _("Funding")
    LOGISTICS = "logistics", _("Logistics")
    REGULATION = "regulation", _("Regulation")
    PARTICIPATION = "participation", _("Participation")
    TECHNOLOGY = "technology", _("Technology")
    STAFFING = "staffing", _("Staffing")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MITIGATING = "mitigating", _("Being mitigated")
    RESOLVED = "resolved", _("Resolved")
    ESCALATED = "escalated", _("Escalated")


class Challenge(TimeStampedModel):
    """A field challenge (تحدٍّ ميداني) met by an initiative, followed until resolved."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="challenges"
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=ChallengeCategory.choices)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ChallengeStatus.choices,
        default=ChallengeStatus.OPEN,
        db_index=True,
    )
    owner_entity = models.ForeignKey(
        Entity,
        verbose_name=_("owner entity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_to = models.ForeignKey(
        "coordination.AgendaItem",
        verbose_name=_("on the agenda of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        # The register reads the oldest first (ageing matters), a page at a time.
        indexes = [models.Index(fields=["created_at", "id"], name="challenge_register_order")]
        verbose_name = _("field challenge")
        verbose_name_plural = _("field challenges")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:challenge_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status != ChallengeStatus.RESOLVED

    @property
    def age_days(self) -> int:
        """Days open so far, or days it took to resolve."""
        end = self.resolved_on or timezone.localdate()
        return (end - timezone.localtime(self.created_at).date()).days
