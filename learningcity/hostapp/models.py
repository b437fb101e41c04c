"""What each host device sent back, kept by the record's own id: a record sent twice (the
answer lost on a weak connection, the device tries again) is answered as the first time and
never applied twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SyncState(models.TextChoices):
    SENT = "sent", pgettext_lazy("a record's state", "Sent")
    REFUSED = "refused", pgettext_lazy("a record's state", "Refused")


class SyncedRecord(models.Model):
    client_id = models.UUIDField(_("record id"), unique=True)
    device = models.CharField(_("device"), max_length=64)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20)
    state = models.CharField(_("state"), max_length=10, choices=SyncState.choices)
    message = models.CharField(_("message"), max_length=300, blank=True)
    registration = models.ForeignKey(
        "catalogue.Registration", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded on the device at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("record from a host device")
        verbose_name_plural = _("records from host devices")

    def __str__(self) -> str:
        return f"{self.kind} {self.client_id}: {self.state}"

    def answer(self) -> dict:
        return {"id": str(self.client_id), "state": self.state, "message": self.message}
