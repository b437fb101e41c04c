"""Certificates for completed learning, with what they certify copied in at issue time so a
later edit of the opportunity or the learner's name does not change a certificate already
handed out."""

from __future__ import annotations

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField


class Certificate(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    registration = models.OneToOneField(
        "catalogue.Registration", on_delete=models.PROTECT, related_name="certificate"
    )
    learner_name = models.CharField(_("learner's name"), max_length=150)
    # The identity provider that vouched for the name when the certificate was issued.
    name_verified_by = models.CharField(_("name verified by"), max_length=100, blank=True)
    achievement = BilingualField(_("achievement"), max_length=200)
    issuer = BilingualField(_("issuer"), max_length=255)
    credential = models.CharField(_("credential"), max_length=20)
    hours = models.DecimalField(_("learning hours"), max_digits=6, decimal_places=1)
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.learner_name} — {self.achievement}"

    def get_absolute_url(self) -> str:
        return reverse("catalogue:certificate_verify", args=[self.uuid])

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
