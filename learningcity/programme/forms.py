from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learningcity.core.concurrency import VersionedFormMixin
from learningcity.core.disaggregation import PEOPLE_DIMENSIONS, Dimension, categories
from learningcity.core.forms import EitherCalendarDateField, LongSelect
from learningcity.core.models import Governorate, LearningCity
from learningcity.indicators.models import FrameworkNode
from learningcity.partners.models import Entity
from learningcity.partners.permissions import coordinated_entity_ids
from learningcity.partners.selectors import entity_choices
from learningcity.programme.models import (
    Axis,
    Challenge,
    ChallengeCategory,
    ChallengeStatus,
    DacCriterion,
    EvaluationMethod,
    Initiative,
    InitiativeStatus,
    Milestone,
    PartnerRole,
    Proposal,
    Resource,
    ResourceKind,
    Severity,
    TargetGroup,
    Track,
)

_LTR = {"dir": "ltr"}


def _track_label(track: Track) -> str:
    return f"{track.axis.number}. {track.title}"


def _node_label(node: FrameworkNode) -> str:
    return f"{node.framework.name} — {node.name}"


def entities_for(user: Any):  # a QuerySet of Entity
    """The owner entities a user may choose: every entity for a manager, their own otherwise."""
    entities = Entity.objects.order_by("name_ar")
    return entities if user.is_programme_manager else entities.filter(pk__in=coordinated_entity_ids(user))


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
        widget=LongSelect,
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
        self.fields["track"].label_from_instance = _track_label


class InitiativeForm(VersionedFormMixin, forms.ModelForm):
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
            "code": forms.TextInput(attrs=_LTR),
            "title_en": forms.TextInput(attrs=_LTR),
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
        self.fields["track"].label_from_instance = _track_label
        self.fields["owner_entity"].queryset = entities_for(user)
        # The UNESCO areas (not their three groups) and the Vision 2030 pillars.
        self.fields["framework_nodes"].queryset = FrameworkNode.objects.filter(
            Q(parent__isnull=False) | Q(framework__code="hcdp")
        ).select_related("framework")
        self.fields["framework_nodes"].label_from_instance = _node_label
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


class MilestoneForm(forms.ModelForm):
    due_date = EitherCalendarDateField(label=_("due date"))

    class Meta:
        model = Milestone
        fields = ["title_ar", "title_en", "due_date", "weight", "progress", "owner_entity"]
        widgets = {
            "title_en": forms.TextInput(attrs=_LTR),
            "weight": forms.NumberInput(attrs={"min": "0", "step": "0.5", "dir": "ltr"}),
            "progress": forms.NumberInput(attrs={"min": "0", "max": "100", "dir": "ltr"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weight"].help_text = _(
            "How much of the initiative this step is. Leave every weight empty to count the steps equally."
        )


class PartnerForm(forms.Form):
    entity = forms.ModelChoiceField(widget=LongSelect, label=_("Partner entity"), queryset=entity_choices())
    role = forms.ChoiceField(label=_("Role"), choices=PartnerRole.choices)


class FundingForm(forms.Form):
    source = forms.ModelChoiceField(widget=LongSelect, label=_("Funding entity"), queryset=entity_choices())
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


class ChallengeForm(forms.ModelForm):
    due_date = EitherCalendarDateField(label=_("due date"), required=False)

    class Meta:
        model = Challenge
        fields = ["title", "description", "category", "severity", "owner_entity", "due_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ChallengeUpdateForm(forms.ModelForm):
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
        widget=LongSelect, label=_("Owner entity"), queryset=entity_choices()
    )
    due_date = EitherCalendarDateField(label=_("Due date"), help_text="")


class ResourceForm(forms.ModelForm):
    available_from = EitherCalendarDateField(label=_("Offered from"), required=False)
    available_until = EitherCalendarDateField(label=_("Offered until"), required=False)

    class Meta:
        model = Resource
        fields = [
            "owner_entity", "kind", "title_ar", "title_en", "description_ar", "description_en", "capacity",
            "conditions_ar", "conditions_en", "governorate", "is_available",
        ]  # fmt: skip
        widgets = {
            "title_en": forms.TextInput(attrs=_LTR),
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


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "summary", "target_groups", "governorate", "suggested_track", "proposer_entity"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["suggested_track"].queryset = Track.objects.select_related("axis")
        self.fields["suggested_track"].label_from_instance = _track_label
        self.fields["proposer_entity"].queryset = Entity.objects.filter(pk__in=coordinated_entity_ids(user))


class ProposalAcceptForm(forms.Form):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.select_related("axis"))
    owner_entity = forms.ModelChoiceField(
        widget=LongSelect, label=_("Owner entity"), queryset=entity_choices()
    )
    learning_city = forms.ModelChoiceField(label=_("Learning city"), queryset=LearningCity.objects.all())
    start_date = EitherCalendarDateField(label=_("Start date"), help_text="")
    end_date = EitherCalendarDateField(label=_("End date"), help_text="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["track"].label_from_instance = _track_label

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
