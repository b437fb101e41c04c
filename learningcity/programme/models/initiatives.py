from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.core.arabic import search_document
from learningcity.core.bilingual import BilingualField
from learningcity.core.disaggregation import Dimension
from learningcity.core.files import AttachedDocument, private_document_field
from learningcity.core.models import Governorate, LearningCity, TimeStampedModel, external_id_field
from learningcity.partners.models import Entity
from learningcity.programme.models.roadmap import Track


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    ON_HOLD = "on_hold", _("On hold")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class TargetGroup(models.TextChoices):
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    WOMEN = "women", _("Women")
    ELDERLY = "elderly", _("Elderly people")
    DISABILITIES = "disabilities", _("People with disabilities")
    JOB_SEEKERS = "job_seekers", _("Job seekers")
    EMPLOYEES = "employees", _("Employees")
    FAMILIES = "families", _("Families")
    CITIZENS = "citizens", _("Citizens")
    RESIDENTS = "residents", _("Residents")


class PartnerRole(models.TextChoices):
    IMPLEMENTER = "implementer", _("Implementer")
    FUNDER = "funder", _("Funder")
    LOGISTICS = "logistics", _("Logistics")
    VENUE = "venue", _("Venue")
    TECHNOLOGY = "technology", _("Technology")
    MEDIA = "media", _("Media")


NON_NEGATIVE = MinValueValidator(Decimal("0"))


class Initiative(TimeStampedModel):
    """A community or programme initiative (مبادرة), tied to one track of the roadmap."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    title = BilingualField(_("title"), max_length=255)
    description = BilingualField(_("description"), models.TextField, required=False)
    learning_city = models.ForeignKey(
        LearningCity, verbose_name=_("learning city"), on_delete=models.PROTECT, related_name="initiatives"
    )
    governorates = models.ManyToManyField(
        Governorate, verbose_name=_("governorates"), related_name="initiatives", blank=True
    )
    track = models.ForeignKey(
        Track, verbose_name=_("track"), on_delete=models.PROTECT, related_name="initiatives"
    )
    owner_entity = models.ForeignKey(
        Entity, verbose_name=_("owner entity"), on_delete=models.PROTECT, related_name="owned_initiatives"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PLANNED,
        db_index=True,
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget = models.DecimalField(
        _("budget (SAR)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[NON_NEGATIVE]
    )
    framework_nodes = models.ManyToManyField(
        "indicators.FrameworkNode",
        verbose_name=_("UNESCO Key Features areas and Vision 2030 pillars"),
        related_name="initiatives",
        blank=True,
    )
    # Weighted progress of the milestones, 0–100; kept current by the milestone services so
    # lists, boards and roll-ups never recompute it row by row.
    progress = models.DecimalField(_("progress (%)"), max_digits=5, decimal_places=2, default=Decimal("0"))
    search_document = models.TextField(editable=False, blank=True, default="")
    external_id = external_id_field()

    derived_fields = ("search_document",)

    class Meta:
        ordering = ["code"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(
                fields=["owner_entity", "external_id"],
                condition=~models.Q(external_id=""),
                name="initiative_external_id_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def save(self, *args, **kwargs) -> None:
        # Kept here so every write path (services, back office, imports) stays searchable.
        self.search_document = search_document(
            self.code, self.title_ar, self.title_en, self.description_ar, self.description_en
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programme:initiative_detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def elapsed_share(self, today: dt.date | None = None) -> Decimal:
        from learningcity.programme.progress import elapsed_share

        return elapsed_share(self.start_date, self.end_date, today or timezone.localdate())

    def is_behind_schedule(self, today: dt.date | None = None) -> bool:
        from learningcity.programme.progress import is_behind_schedule

        if self.status not in (InitiativeStatus.ACTIVE, InitiativeStatus.PLANNED, InitiativeStatus.ON_HOLD):
            return False
        return is_behind_schedule(self.progress, self.elapsed_share(today), settings.BEHIND_SCHEDULE_MARGIN)


class InitiativeTargetGroup(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["initiative", "group"], name="initiative_target_group_once")
        ]

    def __str__(self) -> str:
        return self.get_group_display()


class InitiativePartner(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="partners")
    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), on_delete=models.PROTECT, related_name="initiative_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices)

    class Meta:
        ordering = ["entity__name_ar"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "entity"], name="initiative_partner_once")
        ]
        verbose_name = _("partner in an initiative")
        verbose_name_plural = _("partners in initiatives")

    def __str__(self) -> str:
        return f"{self.entity} ({self.get_role_display()})"


class InitiativeFunding(TimeStampedModel):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="funding")
    source = models.ForeignKey(
        Entity, verbose_name=_("funding entity"), on_delete=models.PROTECT, related_name="funded"
    )
    amount = models.DecimalField(
        _("amount (SAR)"), max_digits=14, decimal_places=2, validators=[NON_NEGATIVE]
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-amount"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class InitiativeDocument(AttachedDocument):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="documents")
    file = private_document_field(_("file"), "initiatives/documents/")

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class Milestone(TimeStampedModel):
    """A step of an initiative. Its weight says how much of the initiative it is; with no
    weights given, every milestone counts the same."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    title = BilingualField(_("title"), max_length=255)
    due_date = models.DateField(_("due date"))
    weight = models.DecimalField(
        _("weight"), max_digits=7, decimal_places=2, null=True, blank=True, validators=[NON_NEGATIVE]
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    owner_entity = models.ForeignKey(
        Entity, verbose_name=_("owner"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["initiative_id", "due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.progress < 100 and self.due_date < timezone.localdate()


# The same rule for the database: not finished and past its due date.
def milestone_overdue(today: dt.date | None = None) -> Q:
    return Q(progress__lt=100, due_date__lt=today or timezone.localdate())


class InitiativeNote(models.Model):
    """A progress note from the owner or a partner entity."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entity = models.ForeignKey(Entity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.TextField(_("progress note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return self.text[:80]


class BeneficiaryReport(TimeStampedModel):
    """People an initiative reached in a period. `total` is the count of people; the
    breakdowns describe the same people along each dimension, so only `total` is ever added
    up — a woman with a disability is one beneficiary, not two."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="beneficiary_reports")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    total = models.PositiveIntegerField(_("total beneficiaries"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("reported by entity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-period_end", "pk"]
        verbose_name = _("beneficiary report")
        verbose_name_plural = _("beneficiary reports")

    def __str__(self) -> str:
        return f"{self.initiative.code} {self.period_start}–{self.period_end}: {self.total}"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end date cannot be before the start date.")})


class BeneficiaryCount(models.Model):
    report = models.ForeignKey(BeneficiaryReport, on_delete=models.CASCADE, related_name="counts")
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    category = models.CharField(_("category"), max_length=40)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "dimension", "category"], name="beneficiary_count_once")
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.category}: {self.count}"
