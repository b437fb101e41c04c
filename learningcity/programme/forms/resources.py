"""Shared resources and requests to use them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.core.forms import EitherCalendarDateField, ServiceModelForm
from learningcity.partners.permissions import coordinated_entity_ids
from learningcity.programme.forms.choices import LTR, entities_for
from learningcity.programme.models import (
    Initiative,
    Resource,
    ResourceKind,
)


class ResourceForm(ServiceModelForm):
    available_from = EitherCalendarDateField(label=_("Offered from"), required=False)
    available_until = EitherCalendarDateField(label=_("Offered until"), required=False)

    class Meta:
        model = Resource
        fields = [
            "owner_entity", "kind", "title_ar", "title_en", "description_ar", "description_en", "capacity",
            "conditions_ar", "conditions_en", "governorate", "is_available",
        ]  # fmt: skip
        widgets = {
            "title_en": forms.TextInput(attrs=LTR),
            "description_ar": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "conditions_ar": forms.Textarea(attrs={"rows": 2}),
            "conditions_en": forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_entity"].queryset = entities_for(user)
        self.fields["kind"].choices = ResourceKind.choices
        if self.instance.pk:
            window = self.instance.availability.first()
            if window:
                self.initial.setdefault("available_from", window.start_date)
                self.initial.setdefault("available_until", window.end_date)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("available_from"), cleaned.get("available_until")
        if bool(start) != bool(end):
            self.add_error("available_until", _("Give both dates of the window, or neither."))
        elif start and end and end < start:
            self.add_error("available_until", _("The end date cannot be before the start date."))
        return cleaned

    def windows(self) -> list:
        start, end = self.cleaned_data.get("available_from"), self.cleaned_data.get("available_until")
        return [(start, end)] if start and end else []

    def resource_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ResourceRequestForm(forms.Form):
    initiative = forms.ModelChoiceField(label=_("For the initiative"), queryset=Initiative.objects.none())
    start_date = EitherCalendarDateField(label=_("From"))
    end_date = EitherCalendarDateField(label=_("Until"))
    purpose = forms.CharField(label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        initiatives = Initiative.objects.exclude(status__in=["completed", "cancelled"]).order_by("code")
        if not user.is_programme_manager:
            initiatives = initiatives.filter(owner_entity_id__in=coordinated_entity_ids(user))
        self.fields["initiative"].queryset = initiatives


class ResourceDecisionForm(forms.Form):
    note = forms.CharField(label=_("Reason (needed when declining)"), required=False, max_length=500)
