"""What an initiative's page adds to it: milestones, partners, funding, notes, documents, beneficiaries."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.core.disaggregation import PEOPLE_DIMENSIONS, Dimension, categories
from learningcity.core.forms import EitherCalendarDateField, LongSelect, ServiceModelForm
from learningcity.partners.selectors import PARTNERS_CACHE, entity_choices
from learningcity.programme.forms.choices import LTR
from learningcity.programme.models import (
    Milestone,
    PartnerRole,
)


class MilestoneForm(ServiceModelForm):
    due_date = EitherCalendarDateField(label=_("due date"))

    class Meta:
        model = Milestone
        fields = ["title_ar", "title_en", "due_date", "weight", "progress", "owner_entity"]
        widgets = {
            "title_en": forms.TextInput(attrs=LTR),
            "weight": forms.NumberInput(attrs={"min": "0", "step": "0.5", "dir": "ltr"}),
            "progress": forms.NumberInput(attrs={"min": "0", "max": "100", "dir": "ltr"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weight"].help_text = _(
            "How much of the initiative this step is. Leave every weight empty to count the steps equally."
        )


class PartnerForm(forms.Form):
    entity = forms.ModelChoiceField(
        widget=LongSelect(kept_under=PARTNERS_CACHE), label=_("Partner entity"), queryset=entity_choices()
    )
    role = forms.ChoiceField(label=_("Role"), choices=PartnerRole.choices)


class FundingForm(forms.Form):
    source = forms.ModelChoiceField(
        widget=LongSelect(kept_under=PARTNERS_CACHE), label=_("Funding entity"), queryset=entity_choices()
    )
    amount = forms.DecimalField(
        label=_("Amount (SAR)"),
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "dir": "ltr"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=255)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 3}))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg"}),
    )


class BeneficiaryForm(forms.Form):
    """A period's beneficiaries: the total, and a number for each category of each dimension."""

    period_start = EitherCalendarDateField(label=_("Period start"))
    period_end = EitherCalendarDateField(label=_("Period end"))
    total = forms.IntegerField(
        label=_("Total beneficiaries (people)"), min_value=0, widget=forms.NumberInput(attrs={"dir": "ltr"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = []
        for dimension, label in Dimension.choices:
            if dimension not in PEOPLE_DIMENSIONS:
                continue
            names = []
            for value, category_label in categories(dimension):
                name = f"count__{dimension}__{value}"
                self.fields[name] = forms.IntegerField(
                    label=category_label,
                    min_value=0,
                    required=False,
                    widget=forms.NumberInput(attrs={"dir": "ltr"}),
                )
                names.append(name)
            self.dimensions.append({"label": label, "fields": [self[name] for name in names]})

    def counts(self) -> dict[tuple[str, str], int]:
        result = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("count__") and value:
                _prefix, dimension, category = name.split("__", 2)
                result[(dimension, category)] = value
        return result

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("period_start")
            and cleaned.get("period_end")
            and cleaned["period_end"] < cleaned["period_start"]
        ):
            self.add_error("period_end", _("The end date cannot be before the start date."))
        return cleaned
