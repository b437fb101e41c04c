"""Impact evaluations and what is done with their recommendations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.core.forms import EitherCalendarDateField, LongSelect
from learningcity.partners.selectors import PARTNERS_CACHE, entity_choices
from learningcity.programme.models import (
    DacCriterion,
    EvaluationMethod,
)


class EvaluationForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=EvaluationMethod.choices)
    period_start = EitherCalendarDateField(label=_("Period start"))
    period_end = EitherCalendarDateField(label=_("Period end"))
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(
        label=_("Recommendations (one per line)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(label=_("Evidence (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = []
        for criterion, label in DacCriterion.choices:
            self.fields[f"score_{criterion}"] = forms.TypedChoiceField(
                label=_("%(criterion)s: score") % {"criterion": label},
                choices=[("", "—")] + [(n, str(n)) for n in range(1, 6)],
                coerce=int,
            )
            self.fields[f"narrative_{criterion}"] = forms.CharField(
                label=_("%(criterion)s: why") % {"criterion": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.criteria.append(
                {
                    "label": label,
                    "score": self[f"score_{criterion}"],
                    "narrative": self[f"narrative_{criterion}"],
                }
            )

    def scores(self) -> dict[str, tuple[int, str]]:
        return {
            c: (self.cleaned_data[f"score_{c}"], self.cleaned_data[f"narrative_{c}"])
            for c in DacCriterion.values
        }

    def recommendation_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["recommendations"].splitlines() if line.strip()]


class RecommendationActionForm(forms.Form):
    owner_entity = forms.ModelChoiceField(
        widget=LongSelect(kept_under=PARTNERS_CACHE), label=_("Owner entity"), queryset=entity_choices()
    )
    due_date = EitherCalendarDateField(label=_("Due date"), help_text="")
