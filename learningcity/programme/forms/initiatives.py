"""Finding, creating and editing initiatives."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learningcity.core.concurrency import VersionedFormMixin
from learningcity.core.forms import EitherCalendarDateField, LongSelect, ServiceModelForm
from learningcity.core.models import Governorate, LearningCity
from learningcity.indicators.models import FrameworkNode
from learningcity.partners.models import Entity
from learningcity.partners.selectors import PARTNERS_CACHE, entity_choices
from learningcity.programme.forms.choices import LTR, entities_for, node_label, track_label
from learningcity.programme.models import (
    Axis,
    Initiative,
    InitiativeStatus,
    TargetGroup,
    Track,
)


class InitiativeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    learning_city = forms.ModelChoiceField(
        label=_("Learning city"),
        queryset=LearningCity.objects.all(),
        required=False,
        empty_label=_("All cities"),
    )
    axis = forms.ModelChoiceField(
        label=_("Axis"), queryset=Axis.objects.all(), required=False, empty_label=_("All axes")
    )
    track = forms.ModelChoiceField(
        label=_("Track"),
        queryset=Track.objects.select_related("axis"),
        required=False,
        empty_label=_("All tracks"),
    )
    entity = forms.ModelChoiceField(
        widget=LongSelect(kept_under=PARTNERS_CACHE),
        label=_("Entity"),
        queryset=entity_choices(),
        required=False,
        empty_label=_("All entities"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses"))] + InitiativeStatus.choices, required=False
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=[("", _("Everyone"))] + TargetGroup.choices, required=False
    )
    governorate = forms.ModelChoiceField(
        label=_("Governorate"),
        queryset=Governorate.objects.all(),
        required=False,
        empty_label=_("All governorates"),
    )
    behind_schedule = forms.BooleanField(label=_("Behind schedule only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["track"].label_from_instance = track_label


class InitiativeForm(VersionedFormMixin, ServiceModelForm):
    start_date = EitherCalendarDateField(label=_("start date"))
    end_date = EitherCalendarDateField(label=_("end date"))
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Initiative
        fields = [
            "code", "title_ar", "title_en", "description_ar", "description_en", "learning_city", "governorates",
            "track", "owner_entity", "status", "start_date", "end_date", "budget", "framework_nodes",
        ]  # fmt: skip
        widgets = {
            "code": forms.TextInput(attrs=LTR),
            "title_en": forms.TextInput(attrs=LTR),
            "description_ar": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
            "governorates": forms.CheckboxSelectMultiple,
            "framework_nodes": forms.CheckboxSelectMultiple,
            "budget": forms.NumberInput(attrs={"min": "0", "step": "0.01", "dir": "ltr"}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Leave empty to number it automatically (INI-year-number).")
        self.fields["track"].queryset = Track.objects.select_related("axis")
        self.fields["track"].label_from_instance = track_label
        self.fields["owner_entity"].queryset = entities_for(user)
        # The UNESCO areas (not their three groups) and the Vision 2030 pillars.
        self.fields["framework_nodes"].queryset = FrameworkNode.objects.filter(
            Q(parent__isnull=False) | Q(framework__code="hcdp")
        ).select_related("framework")
        self.fields["framework_nodes"].label_from_instance = node_label
        if self.instance.pk:
            self.initial.setdefault(
                "target_groups", list(self.instance.target_groups.values_list("group", flat=True))
            )
            if not user.is_programme_manager:
                self.fields["owner_entity"].disabled = True
                self.fields["owner_entity"].queryset = Entity.objects.filter(pk=self.instance.owner_entity_id)

    def clean_code(self) -> str:
        # Left empty on an existing initiative, the code stays what it was.
        return self.cleaned_data.get("code") or (self.instance.code if self.instance.pk else "")

    def initiative_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name not in {"governorates", "framework_nodes"}
        }
