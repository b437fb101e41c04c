"""Partner entities (الجهات الشريكة), their coordinators, agreements and responsibilities."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from learningcity.core.arabic import search_document
from learningcity.core.bilingual import BilingualField
from learningcity.core.files import private_document_field
from learningcity.core.models import Governorate, TimeStampedModel, external_id_field
from learningcity.core.sectors import Sector
from learningcity.core.uploads import validate_image
from learningcity.core.validators import validate_phone


class EntityType(models.TextChoices):
    GOVERNMENT_AGENCY = "government_agency", _("Government agency")
    MUNICIPALITY = "municipality", _("Municipality")
    SCHOOL = "school", _("School or education centre")
    SPECIAL_EDUCATION = "special_education", _("Special education institution")
    UNIVERSITY = "university", _("University or college")
    TRAINING_INSTITUTE = "training_institute", _("Training institute")
    COMPANY = "company", _("Company")
    CHAMBER = "chamber", _("Chamber of commerce")
    CHARITY = "charity", _("Charity")
    ASSOCIATION = "association", _("Association")
    LIBRARY_OR_MUSEUM = "library_museum", _("Library or museum")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class EntityStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PROSPECTIVE = "prospective", _("Prospective")
    INACTIVE = "inactive", _("Inactive")


class Entity(TimeStampedModel):
    """A partner entity (جهة شريكة) of the programme, in any sector."""

    name = BilingualField(_("name"), max_length=255)
    acronym = models.CharField(_("short name"), max_length=40, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, db_index=True)
    entity_type = models.CharField(
        _("type"), max_length=30, choices=EntityType.choices, default=EntityType.OTHER
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EntityStatus.choices, default=EntityStatus.ACTIVE, db_index=True
    )
    description = BilingualField(_("description"), models.TextField, required=False)
    governorates = models.ManyToManyField(
        Governorate, verbose_name=_("governorates served"), related_name="entities", blank=True
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    logo = models.FileField(_("logo"), upload_to="partners/logos/", blank=True, validators=[validate_image])
    # Normalised terms of the names and description (learningcity.core.arabic); kept by save()
    # so that every write path — services, admin, bulk import — stays searchable.
    search_document = models.TextField(editable=False, blank=True, default="")
    external_id = external_id_field()

    derived_fields = ("search_document",)

    class Meta:
        ordering = ["name_ar"]
        # The partner list reads them in this order, a page at a time.
        indexes = [models.Index(fields=["name_ar", "id"], name="entity_list_order")]
        verbose_name = _("partner entity")
        verbose_name_plural = _("partner entities")
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"], condition=~models.Q(external_id=""), name="entity_external_id_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_document = search_document(
            self.name_ar, self.name_en, self.acronym, self.description_ar, self.description_en
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.pk])


class CoordinatorGender(models.TextChoices):
    MAN = "m", _("Man")
    WOMAN = "f", _("Woman")


class CoordinatorRole(models.TextChoices):
    PRIMARY = "primary", _("Primary coordinator")
    DEPUTY = "deputy", _("Deputy coordinator")
    LIAISON = "liaison", _("Liaison")


class Coordinator(TimeStampedModel):
    """A coordinator (منسق / منسقة) of one entity. A person with an account who coordinates for
    two entities has two coordinator records; the account is what grants edit rights."""

    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), on_delete=models.CASCADE, related_name="coordinators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinator_records",
    )
    full_name = BilingualField(_("full name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=1, choices=CoordinatorGender.choices)
    job_title = BilingualField(_("job title"), max_length=150, required=False)
    role_in_entity = models.CharField(
        _("role in the entity"),
        max_length=20,
        choices=CoordinatorRole.choices,
        default=CoordinatorRole.PRIMARY,
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["entity_id", "role_in_entity", "full_name_ar"]
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "user"],
                condition=models.Q(user__isnull=False),
                name="coordinator_one_record_per_user_and_entity",
            )
        ]
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")

    def __str__(self) -> str:
        return self.full_name

    @property
    def role_label(self) -> str:
        """The role in the entity in the coordinator's grammatical gender (منسقة رئيسة, ضابط اتصال…)."""
        woman = self.gender == CoordinatorGender.WOMAN
        labels = {
            CoordinatorRole.PRIMARY: (
                pgettext_lazy("a woman", "Primary coordinator")
                if woman
                else pgettext_lazy("a man", "Primary coordinator")
            ),
            CoordinatorRole.DEPUTY: (
                pgettext_lazy("a woman", "Deputy coordinator")
                if woman
                else pgettext_lazy("a man", "Deputy coordinator")
            ),
            CoordinatorRole.LIAISON: pgettext_lazy("a woman", "Liaison")
            if woman
            else pgettext_lazy("a man", "Liaison"),
        }
        return str(labels.get(CoordinatorRole(self.role_in_entity), self.get_role_in_entity_display()))

    @property
    def coordinator_label(self) -> str:
        """منسق or منسقة: Arabic marks the coordinator's gender, English does not."""
        if self.gender == CoordinatorGender.WOMAN:
            return str(pgettext_lazy("coordinator, a woman", "Coordinator"))
        return str(pgettext_lazy("coordinator, a man", "Coordinator"))


class AgreementStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Not started")
    ACTIVE = "active", _("In force")
    EXPIRED = "expired", _("Expired")


class Agreement(TimeStampedModel):
    """A partnership agreement or memorandum of understanding between entities."""

    title = BilingualField(_("title"), max_length=255)
    reference = models.CharField(_("reference number"), max_length=60, blank=True)
    parties = models.ManyToManyField(Entity, verbose_name=_("parties"), related_name="agreements")
    scope = BilingualField(_("scope"), models.TextField, required=False)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    document = private_document_field(_("document"), "partners/agreements/", blank=True)

    class Meta:
        ordering = ["-start_date", "title_ar"]
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def status_on(self, day: dt.date) -> str:
        if day < self.start_date:
            return AgreementStatus.UPCOMING
        if self.end_date and day > self.end_date:
            return AgreementStatus.EXPIRED
        return AgreementStatus.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(AgreementStatus(self.status).label)


class Responsibility(TimeStampedModel):
    """One cell of the responsibility matrix: what a sector is responsible for in a track, or in
    every track when no track is given (the source document's two rows are of that kind)."""

    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    track = models.ForeignKey(
        "programme.Track",
        verbose_name=_("track"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="responsibilities",
        help_text=_("Leave empty when the responsibility applies to every track."),
    )
    description = BilingualField(_("responsibility"), models.TextField)

    class Meta:
        ordering = ["sector", "track_id"]
        constraints = [
            models.UniqueConstraint(fields=["sector", "track"], name="responsibility_unique_sector_track"),
            models.UniqueConstraint(
                fields=["sector"],
                condition=models.Q(track__isnull=True),
                name="responsibility_unique_sector_all_tracks",
            ),
        ]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibility matrix")

    def __str__(self) -> str:
        return f"{self.get_sector_display()} — {self.track or _('all tracks')}"
