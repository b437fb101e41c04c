"""Shared kernel models: geography and the audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField


def external_id_field() -> models.CharField:
    """The record's id in a partner's own system, so imports and the API can update the same
    record again instead of adding a copy (unique per owner where not empty)."""
    return models.CharField(
        _("external id"),
        max_length=64,
        blank=True,
        help_text=_("The record's id in your own system; re-importing or syncing updates the same record."),
    )


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Region(TimeStampedModel):
    """An administrative region (منطقة): the top of the geography; nothing assumes there is one."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = BilingualField(_("name"), max_length=120)
    country_code = models.CharField(_("country code"), max_length=2, default="SA")
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Governorate(TimeStampedModel):
    """A governorate (محافظة) of a region; population is data for per-inhabitant indicators."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="governorates")
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = BilingualField(_("name"), max_length=120)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["region_id", "sort_order", "name_ar"]
        verbose_name = _("governorate")
        verbose_name_plural = _("governorates")

    def __str__(self) -> str:
        return self.name


class LearningCity(TimeStampedModel):
    """A learning city (مدينة التعلم), usually a member of UNESCO's Global Network (GNLC)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="learning_cities")
    governorate = models.ForeignKey(Governorate, on_delete=models.PROTECT, related_name="learning_cities")
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = BilingualField(_("name"), max_length=120)
    description = BilingualField(_("description"), models.TextField, required=False)
    gnlc_member_since = models.PositiveSmallIntegerField(_("GNLC member since"), null=True, blank=True)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("learning city")
        verbose_name_plural = _("learning cities")

    def __str__(self) -> str:
        return self.name


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    # Personal data was shown or handed out (registrants' contacts and accommodation needs).
    ACCESS = "access", _("Viewed personal data")
    # Signing in through an identity provider, and linking or unlinking one (identity/).
    SIGN_IN = "sign_in", _("Signed in")
    LINK = "link", _("Linked an identity")
    UNLINK = "unlink", _("Unlinked an identity")


class AuditChannel(models.TextChoices):
    WEB = "web", _("Web")
    ADMIN = "admin", _("Back office")
    API = "api", _("API")
    COMMAND = "command", _("Command")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):  # mirrors QuerySet.update
        raise PermissionDenied("The audit log cannot be changed.")

    def delete(self):  # mirrors QuerySet.delete
        raise PermissionDenied("The audit log cannot be changed.")

    def delete_expired_access(self, *, before: Any) -> int:
        """The one deletion allowed: records of who viewed personal data, once past their
        retention period (learningcity/core/retention.py). Changes to records stay for good."""
        expired = self.filter(action=AuditAction.ACCESS, timestamp__lt=before)
        return models.QuerySet.delete(expired)[0]

    def for_object(self, instance: models.Model) -> AuditEntryQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
        )


class AuditEntry(models.Model):
    """One create, update or delete of a domain record. Written by services; never edited."""

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # The actor and the record type are links Django keeps (SET_NULL and PROTECT are carried
    # out by its deletion collector) with no constraint in the database: entries are written
    # only by core.audit, with ids it has just read, and PostgreSQL checked both constraints
    # once per entry when the import's transaction committed — 200,000 checks, almost a
    # second, for a file of 100,000 attendance rows (bench/bench_exchange.py).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    # Kept so the entry still says who it was after the account is deleted.
    actor_label = models.CharField(_("by"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    # No index of its own: the (record type, record, time) index below begins with it, and a
    # second one cost every audited write an index entry (an import writes 100,000 entries).
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("record type"),
        on_delete=models.PROTECT,
        db_index=False,
        db_constraint=False,
    )
    object_id = models.CharField(_("record id"), max_length=64)
    object_label = models.CharField(_("record"), max_length=255)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=AuditChannel.choices, default=AuditChannel.WEB
    )
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    remote_addr = models.GenericIPAddressField(_("address"), null=True, blank=True)
    # The API token behind an API write (exchange.ApiToken's id; no foreign key, so the log
    # stays intact when a token is deleted).
    api_token_id = models.PositiveBigIntegerField(_("API token"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-timestamp"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_label}"

    def save(self, *args, **kwargs) -> None:
        # Append-only: an entry, once written, is evidence and must not change.
        if self.pk is not None:
            raise PermissionDenied("The audit log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The audit log cannot be changed.")


class CacheGeneration(models.Model):
    """A counter per kind of cached result (core.cache): a change to the data behind it moves
    the counter on, so every process stops using what it cached before — the cache itself
    may be per process (the embedded set-up) or shared (Redis)."""

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    value = models.PositiveBigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("cache generation")
        verbose_name_plural = _("cache generations")

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"


class JobLease(models.Model):
    """A background job being run, and by which process: held while the job runs, removed when
    it ends however it ends. A lease left behind by a process that no longer exists (a worker
    killed, a machine lost) marks a job nobody will finish; core.leases finds those and has
    them retried or failed."""

    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("record"))
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    # The queue's own record of the run (django_tasks' result id), closed too on recovery.
    task_result_id = models.CharField(max_length=64, blank=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process"))
    # The process's start time as the kernel counts it, so a new process that was given the
    # same number is not taken for the one that died.
    process_started = models.CharField(max_length=32, blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"))

    class Meta:
        verbose_name = _("job lease")
        verbose_name_plural = _("job leases")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_lease_per_job")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} on {self.host}:{self.pid}"
