"""The dimensions along which people are counted: beneficiaries, learners, indicator values.

One definition, so that a breakdown reported for an initiative, an indicator and the
catalogue's learners can be added up together.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.sectors import Sector


class Dimension(models.TextChoices):
    SEX = "sex", _("Sex")
    AGE_GROUP = "age_group", _("Age group")
    DISABILITY = "disability", _("Disability")
    NATIONALITY = "nationality", _("Nationality")
    GOVERNORATE = "governorate", _("Governorate")
    # For counts of partner entities rather than people.
    SECTOR = "sector", _("Sector")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class AgeGroup(models.TextChoices):
    CHILDREN = "0-14", _("Under 15")
    YOUTH = "15-24", _("15–24")
    ADULTS = "25-44", _("25–44")
    MIDDLE_AGED = "45-64", _("45–64")
    ELDERLY = "65+", _("65 and over")


class Disability(models.TextChoices):
    WITH = "with", _("With a disability")
    WITHOUT = "without", _("Without a disability")


class Nationality(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    RESIDENT = "resident", _("Resident")


FIXED_CATEGORIES: dict[str, type[models.TextChoices]] = {
    Dimension.SEX: Sex,
    Dimension.AGE_GROUP: AgeGroup,
    Dimension.DISABILITY: Disability,
    Dimension.NATIONALITY: Nationality,
}


PEOPLE_DIMENSIONS = (
    Dimension.SEX,
    Dimension.AGE_GROUP,
    Dimension.DISABILITY,
    Dimension.NATIONALITY,
    Dimension.GOVERNORATE,
)


def categories(dimension: str) -> list[tuple[str, str]]:
    """(value, label) of a dimension's categories; governorates are data, looked up by code."""
    if dimension == Dimension.GOVERNORATE:
        from learningcity.core.models import Governorate

        return [(governorate.code, governorate.name) for governorate in Governorate.objects.all()]
    if dimension == Dimension.SECTOR:
        return list(Sector.choices)
    return list(FIXED_CATEGORIES[dimension].choices)


def is_valid_category(dimension: str, category: str) -> bool:
    return any(value == category for value, _label in categories(dimension))
