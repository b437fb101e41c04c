"""The skills list that learning opportunities teach (المهارات).

One list shared by the catalogue (what an opportunity teaches) and, later, the labour-market
side (what employers ask for), so that the two can be compared skill by skill.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField
from learningcity.core.models import TimeStampedModel


class SkillCategory(models.TextChoices):
    DIGITAL = "digital", _("Digital skills")
    LANGUAGE = "language", _("Languages and literacy")
    VOCATIONAL = "vocational", _("Vocational and technical skills")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship and finance")
    LIFE = "life", _("Life and family skills")
    HEALTH = "health", _("Health and well-being")
    CULTURE = "culture", _("Culture, heritage and the arts")
    CIVIC = "civic", _("Volunteering and civic life")
    INCLUSION = "inclusion", _("Inclusion and accessibility")


class Skill(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = BilingualField(_("name"), max_length=150)
    category = models.CharField(_("category"), max_length=20, choices=SkillCategory.choices)

    class Meta:
        ordering = ["category", "name_ar"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name
