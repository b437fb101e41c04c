"""The groups the skills list starts with: one per SkillCategory, in that order. Idempotent."""

from __future__ import annotations

from django.utils import translation

from learningcity.skills.models import SkillCategory, SkillGroup


def default_group_names() -> list[tuple[str, str, str]]:
    """(code, Arabic name, English name) of the starting groups."""
    names = []
    for category in SkillCategory:
        with translation.override("ar"):
            name_ar = str(category.label)
        with translation.override("en"):
            name_en = str(category.label)
        names.append((category.value, name_ar, name_en))
    return names


def seed_skill_groups() -> dict[str, SkillGroup]:
    groups = {}
    for order, (code, name_ar, name_en) in enumerate(default_group_names(), start=1):
        groups[code], _created = SkillGroup.objects.get_or_create(
            code=code, defaults={"name_ar": name_ar, "name_en": name_en, "order": order}
        )
    return groups
