from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.exchange.datasets.base import Dataset, Prepared, RowError
from learningcity.exchange.datasets.lookups import by_field, differs
from learningcity.exchange.tabular.schema import Field, TableSchema
from learningcity.skills.models import Skill, SkillGroup
from learningcity.skills.permissions import can_manage_skills
from learningcity.skills.services import skill_save


class SkillsDataset(Dataset):
    """The skills list: one row per skill, named by its code, in a group named by its code."""

    kind = "skills"
    label = gettext_lazy("Skills list")
    public = True
    schema = TableSchema(
        [
            Field("code", "string", "الرمز", "Code", required=True, max_length=60),
            Field("name_ar", "string", "الاسم (العربية)", "Name (Arabic)", required=True, max_length=150),
            Field("name_en", "string", "الاسم (الإنجليزية)", "Name (English)", max_length=150),
            Field("group", "string", "المجموعة", "Group", required=True, max_length=60),
            Field("synonyms", "string", "أسماء أخرى", "Other names"),
        ],
        primary_key=["code"],
    )

    def may_import(self, user: Any) -> bool:
        return can_manage_skills(user)

    def export_queryset(self, user: Any) -> QuerySet:
        return Skill.objects.select_related("group").order_by("group__order", "code")

    def public_queryset(self) -> QuerySet:
        return self.export_queryset(None)

    def export_row(self, skill: Skill) -> dict[str, Any]:
        return {
            "code": skill.code, "name_ar": skill.name_ar, "name_en": skill.name_en,
            "group": skill.group.code, "synonyms": skill.synonyms,
        }  # fmt: skip

    def prepare(
        self, rows: list[tuple[int, dict[str, Any]]], user: Any
    ) -> tuple[list[Prepared], list[RowError]]:
        groups = by_field(SkillGroup, "code", {values["group"] for _row, values in rows})
        existing = by_field(Skill, "code", {values["code"] for _row, values in rows})
        items, errors = [], []
        for row, values in rows:
            group = groups.get(values["group"])
            if group is None:
                message = _("Unknown skill group: %(code)s.") % {"code": values["group"]}
                errors.append(RowError(row, self.column("group"), message))
                continue
            data = {
                "code": values["code"], "name_ar": values["name_ar"], "name_en": values["name_en"] or "",
                "group": group, "synonyms": values["synonyms"] or "",
            }  # fmt: skip
            record = existing.get(values["code"])
            items.append(
                Prepared(row, values["code"], data, record, changed=record is None or differs(record, data))
            )
        return items, errors

    def write_one(self, item: Prepared, user: Any) -> None:
        skill_save(data=item.data, skill=item.existing, by=user)
