"""Places set aside for people who walk in: a host's device takes some of a session's free
places before going offline (the host app, learningcity/hostapp), so that sign-ups it records
offline can never overfill the session, whatever other devices and online registrations do."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WalkInAllotment(models.Model):
    session = models.ForeignKey(
        "catalogue.Session", on_delete=models.CASCADE, related_name="walk_in_allotments"
    )
    # The device's own id (made by the host app when it is installed), and who holds it.
    device = models.CharField(_("device"), max_length=64)
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    places = models.PositiveSmallIntegerField(_("places set aside"))
    used = models.PositiveSmallIntegerField(_("places used"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("walk-in places")
        verbose_name_plural = _("walk-in places")
        constraints = [
            models.UniqueConstraint(fields=["session", "device"], name="walk_in_once_per_device"),
            models.CheckConstraint(
                condition=Q(used__lte=models.F("places")), name="walk_in_used_within_places"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} — {self.device}"

    @property
    def left(self) -> int:
        return self.places - self.used
