"""Field challenges: reporting, following up, filtering."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.core.forms import EitherCalendarDateField, ServiceModelForm
from learningcity.core.models import LearningCity
from learningcity.programme.models import (
    Challenge,
    ChallengeCategory,
    ChallengeStatus,
    Severity,
)


class ChallengeForm(ServiceModelForm):
    due_date = EitherCalendarDateField(label=_("due date"), required=False)

    class Meta:
        model = Challenge
        fields = ["title", "description", "category", "severity", "owner_entity", "due_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ChallengeUpdateForm(ServiceModelForm):
    class Meta:
        model = Challenge
        fields = ["status", "severity", "owner_entity", "resolution"]
        widgets = {"resolution": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Escalation goes through its own button (it puts the challenge on a meeting's agenda).
        self.fields["status"].choices = [
            c
            for c in ChallengeStatus.choices
            if c[0] != ChallengeStatus.ESCALATED or self.instance.status == ChallengeStatus.ESCALATED
        ]


class ChallengeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Not resolved"))] + ChallengeStatus.choices, required=False
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=[("", _("Any severity"))] + Severity.choices, required=False
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All categories"))] + ChallengeCategory.choices, required=False
    )
    learning_city = forms.ModelChoiceField(
        label=_("Learning city"),
        queryset=LearningCity.objects.all(),
        required=False,
        empty_label=_("All cities"),
    )
