from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.models import TimeStampedModel


class ProviderKind(models.TextChoices):
    NATIONAL = "national", _("National single sign-on")
    ORGANISATION = "organisation", _("Organisation account")


class LinkedIdentity(TimeStampedModel):
    """An identity a provider vouches for (its subject), linked to one account. The national
    identity number is kept as a keyed hash (national_id_hash) unless a setting asks for the
    number itself."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identities")
    provider = models.CharField(_("identity provider"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    verified_name = models.CharField(_("verified name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    national_id_hash = models.CharField(max_length=64, blank=True, db_index=True)
    national_id = models.CharField(_("national identity number"), max_length=20, blank=True)
    # An organisation account's entity, from the e-mail domain or the configured claim.
    entity = models.ForeignKey(
        "partners.Entity", verbose_name=_("entity"), null=True, blank=True, on_delete=models.SET_NULL
    )
    last_signed_in_at = models.DateTimeField(_("last signed in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("linked identity")
        verbose_name_plural = _("linked identities")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="identity_one_account_per_subject"),
            models.UniqueConstraint(
                fields=["user", "provider"], name="identity_one_per_provider_and_account"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.verified_name or self.subject}"


class StaffSignInRule(models.Model):
    """The programme manager's rule for staff sign-in: one row."""

    organisation_required = models.BooleanField(
        _("Staff sign in with their organisation's account"),
        default=False,
        help_text=_(
            "Staff can no longer sign in with a password; programme managers who are superusers still can."
        ),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("staff sign-in rule")
        verbose_name_plural = _("staff sign-in rule")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
