"""Who is invited to a meeting, how they replied, and who attended."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.coordination.models.meetings import Meeting
from learningcity.partners.models import Coordinator, CoordinatorGender, Entity


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
