from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.catalogue.models import Opportunity, OpportunityStatus
from learningcity.core.forms import LongSelect, ServiceModelForm
from learningcity.core.models import Governorate
from learningcity.skills.models import Pathway, Skill, SkillDemand, SkillGroup
from learningcity.skills.permissions import declaring_entities


class GapFilterForm(forms.Form):
    governorate = forms.ModelChoiceField(
        label=_("Governorate"), queryset=Governorate.objects.order_by("name_ar"), required=False,
        empty_label=_("All governorates"),
    )  # fmt: skip
    group = forms.ModelChoiceField(
        label=_("Skill group"), queryset=SkillGroup.objects.all(), required=False, empty_label=_("All groups")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["governorate"].label_from_instance = lambda governorate: governorate.name
        self.fields["group"].label_from_instance = lambda group: group.name


class SkillGroupForm(ServiceModelForm):
    class Meta:
        model = SkillGroup
        fields = ["code", "name_ar", "name_en", "order"]


class SkillForm(ServiceModelForm):
    class Meta:
        model = Skill
        fields = ["code", "name_ar", "name_en", "group", "synonyms"]
        widgets = {"synonyms": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].label_from_instance = lambda group: group.name


class DemandForm(ServiceModelForm):
    class Meta:
        model = SkillDemand
        fields = [
            "entity", "skill", "governorate", "people_needed", "horizon", "sector",
            "pledged_funding", "pledged_places", "note",
        ]  # fmt: skip
        widgets = {"entity": LongSelect, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        entities = declaring_entities(user)
        self.fields["entity"].queryset = entities
        self.fields["entity"].label_from_instance = lambda entity: entity.name
        if not self.instance.pk and len(choices := list(entities[:2])) == 1:
            self.fields["entity"].initial = choices[0]
        self.fields["skill"].queryset = Skill.objects.select_related("group")
        self.fields["skill"].label_from_instance = lambda skill: f"{skill.name} — {skill.group.name}"
        self.fields["governorate"].queryset = Governorate.objects.order_by("name_ar")
        self.fields["governorate"].label_from_instance = lambda governorate: governorate.name


class PathwayForm(ServiceModelForm):
    """The pathway and its steps: up to STEPS opportunities, in the order given."""

    STEPS = 8

    class Meta:
        model = Pathway
        fields = ["title_ar", "title_en", "description_ar", "description_en", "skills", "published"]
        widgets = {
            "description_ar": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "skills": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = Skill.objects.select_related("group")
        self.fields["skills"].label_from_instance = lambda skill: skill.name
        opportunities = Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED).order_by("title_ar")
        current = (
            list(self.instance.steps.values_list("opportunity_id", flat=True)) if self.instance.pk else []
        )
        for number in range(1, self.STEPS + 1):
            field = forms.ModelChoiceField(
                label=_("Step %(number)d") % {"number": number}, queryset=opportunities, required=False,
                widget=LongSelect, empty_label="—",
            )  # fmt: skip
            field.label_from_instance = lambda opportunity: opportunity.title
            if number <= len(current):
                field.initial = current[number - 1]
            self.fields[f"step_{number}"] = field

    def steps(self) -> list[Any]:
        return [
            self.cleaned_data[f"step_{n}"]
            for n in range(1, self.STEPS + 1)
            if self.cleaned_data.get(f"step_{n}")
        ]

    def pathway_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("title_ar", "title_en", "description_ar", "description_en", "published")
        }
