from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.coordination.models import ActionItem
from learningcity.core.disaggregation import Dimension, categories
from learningcity.core.forms import EitherCalendarDateField, ServiceModelForm
from learningcity.core.places import RegionPlaceMixin, learning_city_field
from learningcity.indicators import calc, calculations
from learningcity.indicators.geography import geography, scope_choices
from learningcity.indicators.models import ActionPlan, FrameworkNode, Indicator, ValidationRule
from learningcity.partners.models import Entity

_LTR = {"dir": "ltr"}


class IndicatorForm(ServiceModelForm):
    allowed_disaggregations = forms.MultipleChoiceField(
        label=_("Allowed breakdowns"),
        choices=Dimension.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    baseline_date = EitherCalendarDateField(label=_("baseline date"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "code", "name_ar", "name_en", "definition_ar", "definition_en", "unit", "numerator_ar", "numerator_en",
            "denominator_ar", "denominator_en", "computed_key", "direction", "frequency", "data_source_ar",
            "data_source_en", "owner_entity", "allowed_disaggregations", "aggregation", "baseline_value",
            "baseline_date", "at_risk_margin", "allow_over_100", "is_public", "framework_nodes",
        ]  # fmt: skip
        widgets = {
            "code": forms.TextInput(attrs=_LTR),
            "name_en": forms.TextInput(attrs=_LTR),
            "definition_ar": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "framework_nodes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["computed_key"] = forms.ChoiceField(
            label=_("computed from the platform's data"), choices=calculations.choices(), required=False
        )
        self.fields["framework_nodes"].queryset = FrameworkNode.objects.select_related("framework")
        self.fields["framework_nodes"].label_from_instance = lambda node: (
            f"{node.framework.name} — {node.name}"
        )

    def indicator_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "framework_nodes"}


class TargetForm(RegionPlaceMixin, forms.Form):
    period_start = EitherCalendarDateField(label=_("Period (its first day)"))
    learning_city = learning_city_field()
    value = forms.DecimalField(
        label=_("Target"),
        max_digits=16,
        decimal_places=4,
        widget=forms.NumberInput(attrs={"step": "any", "dir": "ltr"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_region_field()
        self.order_fields(["period_start"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_place(data)
        return data


class MeasurementForm(forms.Form):
    """A value for one period and place, with its breakdown along the indicator's allowed
    dimensions. Numbers are taken as text so that Arabic-Indic digits and mistakes get a
    message in the user's language from the service, not a browser's."""

    period_start = forms.TypedChoiceField(label=_("Period"), coerce=dt.date.fromisoformat)
    scope = forms.ChoiceField(label=_("Place"))
    value = forms.CharField(
        label=_("Value"), max_length=30, widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"})
    )
    numerator = forms.CharField(
        label=_("Numerator (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    denominator = forms.CharField(
        label=_("Denominator (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Evidence (optional)"), required=False)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        periods = list(reversed(calc.recent_periods(today, indicator.frequency, 12)))
        self.fields["period_start"].choices = [
            (p.isoformat(), calc.period_label(p, indicator.frequency)) for p in periods
        ]
        self.fields["period_start"].initial = calc.last_complete_period(
            today, indicator.frequency
        ).isoformat()
        self.fields["scope"].choices = scope_choices(geography())
        self.fields["value"].help_text = indicator.get_unit_display()
        self.breakdowns = []
        for dimension in indicator.allowed_disaggregations or []:
            names = []
            for category, label in categories(dimension):
                name = f"part__{dimension}__{category}"
                self.fields[name] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
                )
                names.append(name)
            self.breakdowns.append(
                {"label": Dimension(dimension).label, "fields": [self[name] for name in names]}
            )

    def parts(self) -> dict[tuple[str, str], str]:
        return {
            tuple(name.split("__", 2)[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("part__") and str(value).strip()
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("What needs correcting"), widget=forms.Textarea(attrs={"rows": 2}))


class DashboardFilterForm(forms.Form):
    scope = forms.ChoiceField(label=_("Place"), required=False)
    until = EitherCalendarDateField(label=_("As of"), required=False, picker=True)
    framework = forms.ChoiceField(label=_("Framework"), required=False)
    # Staff may look at the values still on their way through approval; public pages, open
    # data and reports show approved values only.
    values = forms.ChoiceField(
        label=_("Values"),
        required=False,
        choices=[("", _("Approved values only")), ("provisional", _("Also values awaiting approval"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scope_choices(geography())
        from learningcity.indicators.models import Framework

        self.fields["framework"].choices = [("", _("All frameworks"))] + [
            (f.code, f.name) for f in Framework.objects.all()
        ]


class RuleForm(ServiceModelForm):
    class Meta:
        model = ValidationRule
        fields = [
            "name_ar", "name_en", "kind", "importance", "indicator", "minimum", "maximum", "max_change_percent",
            "left", "operator", "right", "message_ar", "message_en", "is_active",
        ]  # fmt: skip
        widgets = {
            "name_en": forms.TextInput(attrs=_LTR),
            "left": forms.TextInput(attrs=_LTR),
            "right": forms.TextInput(attrs=_LTR),
            "message_en": forms.TextInput(attrs=_LTR),
        }
        help_texts = {
            "indicator": _("For a range, a whole number or a change: the indicator whose total is checked."),
            "left": _(
                "For a comparison: a sum of indicator codes, breakdowns, numbers and the place's "
                "population, with a space each side of + and -, as in "
                "“LC-01[sex:female] + LC-01[sex:male]”, “LC-05 - LC-06”, “population”."
            ),
            "message_ar": _("Left empty, the message says what went wrong in numbers."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(computed_key="").order_by("code")

    def rule_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RuleReportForm(forms.Form):
    scope = forms.ChoiceField(label=_("Place"), required=False)
    since = EitherCalendarDateField(label=_("From the period starting"), required=False)
    until = EitherCalendarDateField(label=_("To the period starting"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [("", _("Every place")), *scope_choices(geography())]

    def scopes(self) -> set[str] | None:
        """The place chosen and every place within it (None: everywhere)."""
        scope = self.cleaned_data.get("scope") if self.is_valid() else None
        geo = geography()
        if not scope or geo is None:
            return None
        found, waiting = set(), [scope]
        while waiting:
            place = waiting.pop()
            found.add(place)
            waiting += [child for child in geo.children(place) if child not in found]
        return found

    def span(self) -> tuple[dt.date, dt.date]:
        """The last twelve months unless chosen."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        until = data.get("until") or calc.last_complete_period(today, "monthly")
        since = data.get("since") or calc.shift(calc.align(until, "monthly"), "monthly", -11)
        return since, until


class ActionPlanForm(ServiceModelForm):
    class Meta:
        model = ActionPlan
        fields = ["story_ar", "story_en", "what_works_ar", "what_works_en", "partners", "is_closed"]
        widgets = {
            "story_ar": forms.Textarea(attrs={"rows": 4}),
            "story_en": forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
            "what_works_ar": forms.Textarea(attrs={"rows": 3}),
            "what_works_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        }
        help_texts = {
            "story_ar": _(
                "Why the indicator is where it is: the causes and forces at work behind its curve."
            ),
            "what_works_ar": _("What could turn the curve, from experience and evidence."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Entity.objects.order_by("name_ar")

    def plan_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "partners"}


class PlanActionForm(forms.ModelForm):
    due_date = EitherCalendarDateField(label=_("Due date"))

    class Meta:
        model = ActionItem
        fields = ["title_ar", "title_en", "description_ar", "owner_entity", "due_date", "priority"]
        widgets = {
            "title_en": forms.TextInput(attrs=_LTR),
            "description_ar": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_entity"].queryset = Entity.objects.order_by("name_ar")
