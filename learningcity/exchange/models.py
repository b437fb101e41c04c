"""Data exchange with partners' systems: API tokens, webhook subscriptions and deliveries,
import runs and export jobs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

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
    audit_secret_fields = ("secret_hash",)  # never in the audit log (core/audit.py)
    scope = models.CharField(_("access"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    # Learners' contact details and accommodation needs reach a partner system only when the
    # entity asked for them when making the token (data minimisation, PDPL).
    personal_data = models.BooleanField(_("learners' contact details"), default=False)
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
    _coordinated_entity_ids: frozenset[int]  # what partners.permissions caches for a user

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


def private_storage() -> Any:
    """Uploaded imports and finished exports hold personal data (kept here by name for the
    migrations that refer to it; see learningcity.core.files)."""
    from learningcity.core.files import private_storage as storage

    return storage()


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class ImportMode(models.TextChoices):
    CHECK = "check", _("Check only")
    COMMIT = "commit", _("Import")


class ImportRun(models.Model):
    """One import of a file: a check (nothing written) or the import itself, with its report."""

    kind = models.CharField(_("kind"), max_length=30)
    mode = models.CharField(_("mode"), max_length=10, choices=ImportMode.choices)
    filename = models.CharField(_("file"), max_length=255)
    file = models.FileField(storage=private_storage, upload_to="imports/%Y/%m/")
    size = models.PositiveBigIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="import_runs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    # The report's messages are written in the language the import was started in.
    language = models.CharField(max_length=5, default="ar")
    # The check this import follows (the same file, already checked).
    checked_by = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind} — {self.filename} ({self.get_mode_display()})"

    @property
    def succeeded(self) -> bool:
        return (
            self.status == JobStatus.DONE
            and not self.report.get("error_count")
            and not self.report.get("file_problem")
            and not self.report.get("header_problems")
        )


class ExportJob(models.Model):
    kind = models.CharField(_("kind"), max_length=30)
    format = models.CharField(_("format"), max_length=5)
    language = models.CharField(max_length=5, default="ar")
    file = models.FileField(storage=private_storage, upload_to="exports/%Y/%m/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="export_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind}.{self.format}"


class WebhookSubscription(TimeStampedModel):
    """An entity's system asking to be told about events, at a URL it controls."""

    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(_("address (URL)"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    # Shared with the receiver so it can check each payload's signature; shown once.
    secret = models.CharField(max_length=64, editable=False)
    audit_secret_fields = ("secret",)  # never in the audit log (core/audit.py)
    is_active = models.BooleanField(_("active"), default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SUCCEEDED = "succeeded", _("Delivered")
    RETRYING = "retrying", _("Will retry")
    FAILED = "failed", _("Gave up")


class WebhookDelivery(models.Model):
    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=50)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription_id}"


def delete_old_files(model: type[ImportRun] | type[ExportJob]) -> Callable[[dt.datetime, bool], int]:
    """The retention step for uploaded or generated files (core.retention): the file goes, the
    run's record and its report stay."""

    def remove(before: dt.datetime, dry_run: bool) -> int:
        count = 0
        for record in model.objects.filter(created_at__lt=before).exclude(file="").iterator(chunk_size=500):
            count += 1
            if not dry_run:
                record.file.delete(save=False)
                model.objects.filter(pk=record.pk).update(file="")
        return count

    return remove
