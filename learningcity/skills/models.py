"""The labour-market link (المهارات وسوق العمل): the skills list, grouped; the skills partners
need (demand, with what they pledge to train them); and, through the catalogue, the
opportunities that teach each skill (supply). `selectors.skill_gaps` sets them side by side.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField
from learningcity.core.models import TimeStampedModel


class SkillCategory(models.TextChoices):
    """The groups the list starts with (skills/reference.py); managers add and rename groups."""

    DIGITAL = "digital", _("Digital skills")
    LANGUAGE = "language", _("Languages and literacy")
    VOCATIONAL = "vocational", _("Vocational and technical skills")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship and finance")
    LIFE = "life", _("Life and family skills")
    HEALTH = "health", _("Health and well-being")
    CULTURE = "culture", _("Culture, heritage and the arts")
    CIVIC = "civic", _("Volunteering and civic life")
    INCLUSION = "inclusion", _("Inclusion and accessibility")


class SkillGroup(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = BilingualField(_("name"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name_ar"]
        verbose_name = _("skill group")
        verbose_name_plural = _("skill groups")

    def __str__(self) -> str:
        return self.name


class Skill(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = BilingualField(_("name"), max_length=150)
    group = models.ForeignKey(
        SkillGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="skills"
    )
    synonyms = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Other names people search with, in Arabic or English, one per line or separated by "
            "commas (e.g. بايثون, Python programming)."
        ),
    )

    class Meta:
        ordering = ["group__order", "name_ar"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name

    @property
    def synonym_list(self) -> list[str]:
        return [
            part.strip()
            for part in self.synonyms.replace("،", ",").replace("\n", ",").split(",")
            if part.strip()
        ]


class EconomicSector(models.TextChoices):
    """Where the people are needed (after ISIC's sections, as the labour-market surveys report)."""

    AGRICULTURE = "agriculture", _("Agriculture and food")
    INDUSTRY = "industry", _("Manufacturing and mining")
    CONSTRUCTION = "construction", _("Construction and real estate")
    TRADE = "trade", _("Retail and wholesale")
    TOURISM = "tourism", _("Tourism, hospitality and pilgrim services")
    LOGISTICS = "logistics", _("Transport and logistics")
    ICT = "ict", _("Information and communication technology")
    FINANCE = "finance", _("Finance and insurance")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health and social care")
    PUBLIC = "public", _("Public administration")
    OTHER = "other", _("Other")


class Horizon(models.TextChoices):
    SIX_MONTHS = "6m", _("Within 6 months")
    ONE_YEAR = "1y", _("Within a year")
    TWO_YEARS = "2y", _("Within 2 years")
    LATER = "3y+", _("In 3 years or more")


class SkillDemand(TimeStampedModel):
    """A partner's declared need for people with a skill in a governorate, and what it pledges
    towards training them (funding, places)."""

    entity = models.ForeignKey(
        "partners.Entity", verbose_name=_("entity"), on_delete=models.CASCADE, related_name="skill_demands"
    )
    skill = models.ForeignKey(
        Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="demands"
    )
    governorate = models.ForeignKey(
        "core.Governorate",
        verbose_name=_("governorate"),
        on_delete=models.PROTECT,
        related_name="skill_demands",
    )
    people_needed = models.PositiveIntegerField(_("people needed"), validators=[MinValueValidator(1)])
    horizon = models.CharField(_("when"), max_length=4, choices=Horizon.choices, default=Horizon.ONE_YEAR)
    sector = models.CharField(_("sector of work"), max_length=20, choices=EconomicSector.choices)
    pledged_funding = models.DecimalField(
        _("funding pledged for training (SAR)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    pledged_places = models.PositiveIntegerField(_("training places pledged"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("skill in demand")
        verbose_name_plural = _("skills in demand")
        indexes = [models.Index(fields=["skill", "governorate"], name="skill_demand_lookup")]

    def __str__(self) -> str:
        return f"{self.skill} — {self.governorate} ({self.people_needed})"


class Pathway(TimeStampedModel):
    """Opportunities in order towards a set of skills (مسار تعلّم), kept by programme managers;
    learners follow their progress along it."""

    title = BilingualField(_("title"), max_length=200)
    description = BilingualField(_("description"), models.TextField, required=False)
    skills = models.ManyToManyField(Skill, verbose_name=_("skills it leads to"), related_name="pathways")
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["title_ar"]
        verbose_name = _("learning pathway")
        verbose_name_plural = _("learning pathways")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("skills:pathway_detail", args=[self.pk])


class PathwayStep(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("step"))
    opportunity = models.ForeignKey(
        "catalogue.Opportunity",
        verbose_name=_("opportunity"),
        on_delete=models.CASCADE,
        related_name="pathway_steps",
    )

    class Meta:
        ordering = ["pathway_id", "position", "pk"]
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        constraints = [
            models.UniqueConstraint(fields=["pathway", "opportunity"], name="pathway_step_once"),
        ]

    def __str__(self) -> str:
        return f"{self.pathway} — {self.position}"
