from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.accounts.models import User
from learningcity.core.forms import EitherCalendarDateField, ServiceModelForm
from learningcity.datacollection.models import DataSet
from learningcity.indicators.models import Indicator

RELATIONS = ("indicators", "entities", "regions", "learning_cities", "governorates")


class DataSetForm(ServiceModelForm):
    opens_on = EitherCalendarDateField(label=_("first period"))

    class Meta:
        model = DataSet
        fields = [
            "code", "name_ar", "name_en", "frequency", "opens_on", "days_to_report", "is_active",
            "indicators", "entities", "regions", "learning_cities", "governorates",
        ]  # fmt: skip
        widgets = {
            "code": forms.TextInput(attrs={"dir": "ltr"}),
            "name_en": forms.TextInput(attrs={"dir": "ltr"}),
            "indicators": forms.CheckboxSelectMultiple,
            "regions": forms.CheckboxSelectMultiple,
            "learning_cities": forms.CheckboxSelectMultiple,
            "governorates": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Values the platform calculates are never typed into a form.
        self.fields["indicators"].queryset = Indicator.objects.filter(computed_key="").order_by("code")
        self.fields["indicators"].required = False
        self.fields["entities"].required = False

    def data_set_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name not in RELATIONS}

    def relations(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in RELATIONS}


class ApproversForm(forms.Form):
    """The people who approve one place's forms, by username (a list of every account would
    run to thousands of coordinators)."""

    usernames = forms.CharField(
        label=_("Approvers' usernames"),
        help_text=_("One per line. Leave empty for nobody but the programme managers."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
    )

    def clean_usernames(self) -> list[User]:
        names = [line.strip() for line in self.cleaned_data["usernames"].splitlines() if line.strip()]
        users = {user.username: user for user in User.objects.filter(username__in=names, is_active=True)}
        unknown = [name for name in names if name not in users]
        if unknown:
            raise forms.ValidationError(
                _("No active account has the username %(names)s.") % {"names": ", ".join(unknown)}
            )
        learners = [name for name, user in users.items() if not user.is_staff_member]
        if learners:
            raise forms.ValidationError(
                _("%(names)s cannot approve: a learner's account is not on the programme's side.")
                % {"names": ", ".join(learners)}
            )
        return list(users.values())
