"""Data exchange with partners' systems: API tokens, webhook subscriptions and deliveries,
import runs and export jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.accounts.models import User
from learningcity.core.models import TimeStampedModel
from learningcity.partners.models import Entity


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(TimeStampedModel):
    """A partner system's key to the API, acting for one entity. Only a hash of the secret is
    kept; the token is shown once, when it is made."""

    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What uses it, e.g. “the registrations system”.")
    )
    # The public part of the token, used to find it; the secret part is only ever hashed.
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scope = models.CharField(_("access"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE


class TokenActor(User):
    """The token's creator as seen through the token: a coordinator of the token's entity and
    nothing more, whatever else the person may do. Services check permissions against this,
    so a token can only touch its entity's records."""

    class Meta:
        proxy = True

    api_token: ApiToken

    @classmethod
    def for_token(cls, token: ApiToken) -> TokenActor:
        actor = cls.objects.get(pk=token.created_by_id)
        actor.api_token = token
        actor._coordinated_entity_ids = frozenset({token.entity_id})
        return actor

    @property
    def is_programme_manager(self) -> bool:
        return False

    @property
    def is_coordinator(self) -> bool:
        return self.is_active

    @property
    def is_evaluator(self) -> bool:
        return False

    @property
    def is_staff_member(self) -> bool:
        return self.is_active
