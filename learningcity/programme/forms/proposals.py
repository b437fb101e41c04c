"""Initiatives proposed by partners, accepted or declined."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.core.forms import EitherCalendarDateField, LongSelect, ServiceModelForm
from learningcity.core.models import LearningCity
from learningcity.partners.models import Entity
from learningcity.partners.permissions import coordinated_entity_ids
from learningcity.partners.selectors import PARTNERS_CACHE, entity_choices
from learningcity.programme.forms.choices import track_label
from learningcity.programme.models import (
    Proposal,
    Track,
)


class ProposalForm(ServiceModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "summary", "target_groups", "governorate", "suggested_track", "proposer_entity"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["suggested_track"].queryset = Track.objects.select_related("axis")
        self.fields["suggested_track"].label_from_instance = track_label
        self.fields["proposer_entity"].queryset = Entity.objects.filter(pk__in=coordinated_entity_ids(user))


class ProposalAcceptForm(forms.Form):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.select_related("axis"))
    owner_entity = forms.ModelChoiceField(
        widget=LongSelect(kept_under=PARTNERS_CACHE), label=_("Owner entity"), queryset=entity_choices()
    )
    learning_city = forms.ModelChoiceField(label=_("Learning city"), queryset=LearningCity.objects.all())
    start_date = EitherCalendarDateField(label=_("Start date"), help_text="")
    end_date = EitherCalendarDateField(label=_("End date"), help_text="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["track"].label_from_instance = track_label

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("start_date")
            and cleaned.get("end_date")
            and cleaned["end_date"] < cleaned["start_date"]
        ):
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned


class ProposalDeclineForm(forms.Form):
    decline_reason = forms.CharField(
        label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 3})
    )
