"""Shared resources partners offer (venues, labs, trainers, funds…) and their allocation to
initiatives. An exclusive resource (a venue, a lab, equipment, transport) is never
allocated to two initiatives for overlapping days."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField
from learningcity.core.models import Governorate, TimeStampedModel
from learningcity.partners.models import Entity
from learningcity.programme.models.initiatives import Initiative


class ResourceKind(models.TextChoices):
    VENUE = "venue", _("Venue")
    LAB = "lab", _("Laboratory")
    EQUIPMENT = "equipment", _("Equipment")
    TRAINERS = "trainers", _("Trainers and experts")
    FUNDING = "funding", _("Funding")
    DIGITAL = "digital", _("Digital platform")
    TRANSPORT = "transport", _("Transport")
    VOLUNTEERS = "volunteers", _("Volunteers")


EXCLUSIVE_KINDS = frozenset(
    {ResourceKind.VENUE, ResourceKind.LAB, ResourceKind.EQUIPMENT, ResourceKind.TRANSPORT}
)


class Resource(TimeStampedModel):
    owner_entity = models.ForeignKey(
        Entity, verbose_name=_("owner entity"), on_delete=models.PROTECT, related_name="resources"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    title = BilingualField(_("title"), max_length=255)
    description = BilingualField(_("description"), models.TextField, required=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("People, seats or units.")
    )
    conditions = BilingualField(_("conditions of use"), models.TextField, required=False)
    governorate = models.ForeignKey(
        Governorate,
        verbose_name=_("governorate"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_available = models.BooleanField(_("offered to partners"), default=True)

    class Meta:
        ordering = ["kind", "title_ar"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:resource_detail", args=[self.pk])

    @property
    def is_exclusive(self) -> bool:
        return self.kind in EXCLUSIVE_KINDS


class ResourceAvailability(models.Model):
    """A window in which the owner offers the resource. With no windows, it is always offered."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="availability")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("availability window")
        verbose_name_plural = _("availability windows")

    def __str__(self) -> str:
        return f"{self.start_date} – {self.end_date}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class ResourceRequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the owner's decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class ResourceRequest(TimeStampedModel):
    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="requests"
    )
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="resource_requests"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ResourceRequestStatus.choices,
        default=ResourceRequestStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-start_date", "pk"]
        indexes = [models.Index(fields=["resource", "status", "start_date"])]
        verbose_name = _("resource request")
        verbose_name_plural = _("resource requests")

    def __str__(self) -> str:
        return f"{self.resource} → {self.initiative.code}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
