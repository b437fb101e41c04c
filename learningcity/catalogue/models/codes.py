"""One-time codes sent by SMS: to prove a mobile number is the learner's, and to sign in with the
number and a code instead of a password (services/mobile_codes.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CodePurpose(models.TextChoices):
    VERIFY = "verify", _("Confirm a mobile number")
    SIGN_IN = "sign_in", _("Sign in")


class MobileCode(models.Model):
    # The number in international form (+9665XXXXXXXX), as Learner.mobile keeps it.
    mobile = models.CharField(max_length=16, db_index=True)
    purpose = models.CharField(max_length=10, choices=CodePurpose.choices)
    # Only a hash is kept (Django's password hasher): a copy of the database reveals no code.
    code_hash = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.purpose} {self.mobile}"
