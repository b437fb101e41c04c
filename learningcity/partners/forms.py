from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from learningcity.accounts.models import Role
from learningcity.core import assurance
from learningcity.core.forms import EitherCalendarDateField, ServiceModelForm
from learningcity.core.models import Governorate
from learningcity.partners.models import (
    Agreement,
    Coordinator,
    Entity,
    EntityStatus,
    EntityType,
    Responsibility,
    Sector,
)
from learningcity.programme.models import Track

# Latin-script inputs stay left-to-right inside the Arabic page.
_LTR = {"dir": "ltr"}


class EntityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All sectors"))] + Sector.choices, required=False
    )
    entity_type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types"))] + EntityType.choices, required=False
    )
    governorate = forms.ModelChoiceField(
        label=_("Governorate"),
        queryset=Governorate.objects.all(),
        required=False,
        empty_label=_("All governorates"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses"))] + EntityStatus.choices, required=False
    )


class EntityForm(ServiceModelForm):
    class Meta:
        model = Entity
        fields = [
            "name_ar",
            "name_en",
            "acronym",
            "sector",
            "entity_type",
            "status",
            "description_ar",
            "description_en",
            "governorates",
            "email",
            "phone",
            "website",
            "address",
            "logo",
        ]
        widgets = {
            "governorates": forms.CheckboxSelectMultiple,
            "description_ar": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
            "name_en": forms.TextInput(attrs=_LTR),
            "email": forms.EmailInput(attrs=_LTR),
            "phone": forms.TextInput(attrs={**_LTR, "inputmode": "tel"}),
            "website": forms.URLInput(attrs=_LTR),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }

    def __init__(self, *args: Any, can_change_status: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_change_status:
            del self.fields["status"]


class CoordinatorForm(ServiceModelForm):
    class Meta:
        model = Coordinator
        fields = [
            "full_name_ar",
            "full_name_en",
            "gender",
            "job_title_ar",
            "job_title_en",
            "role_in_entity",
            "email",
            "phone",
            "is_active",
            "user",
        ]
        widgets = {
            "full_name_en": forms.TextInput(attrs=_LTR),
            "job_title_en": forms.TextInput(attrs=_LTR),
            "email": forms.EmailInput(attrs=_LTR),
            "phone": forms.TextInput(attrs={**_LTR, "inputmode": "tel"}),
            "gender": forms.RadioSelect,
        }

    def __init__(self, *args: Any, can_link_account: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if can_link_account:
            # Linking an account grants edit rights over the entity: the manager's decision.
            self.fields["user"].queryset = (
                get_user_model().objects.filter(role=Role.COORDINATOR).order_by("username")
            )
            if assurance.required("coordinator") != assurance.PASSWORD:
                self.fields["user"].help_text = assurance.explain("coordinator")  # said before choosing
        else:
            del self.fields["user"]


class AgreementForm(ServiceModelForm):
    start_date = EitherCalendarDateField(label=_("start date"))
    end_date = EitherCalendarDateField(label=_("end date"), required=False)

    class Meta:
        model = Agreement
        fields = [
            "title_ar",
            "title_en",
            "reference",
            "parties",
            "scope_ar",
            "scope_en",
            "start_date",
            "end_date",
            "document",
        ]
        widgets = {
            "parties": forms.SelectMultiple(attrs={"size": 8}),
            "title_en": forms.TextInput(attrs=_LTR),
            "scope_ar": forms.Textarea(attrs={"rows": 3}),
            "scope_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "document": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg"}),
        }


class ResponsibilityForm(forms.Form):
    """Sets one cell of the matrix. A plain form, not a model form: saving a (sector, track)
    pair that exists replaces its text (responsibility_save), so "already exists" is no error."""

    sector = forms.ChoiceField(label=_("sector"), choices=Sector.choices)
    track = forms.ModelChoiceField(
        label=_("track"),
        queryset=Track.objects.select_related("axis"),
        required=False,
        empty_label=_("All tracks"),
    )
    description_ar = forms.CharField(
        label=Responsibility._meta.get_field("description_ar").verbose_name,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description_en = forms.CharField(
        label=Responsibility._meta.get_field("description_en").verbose_name,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
    )
