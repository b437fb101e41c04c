from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.core.forms import EitherCalendarDateField
from learningcity.core.models import LearningCity, Region
from learningcity.reports.city import ReportScope
from learningcity.reports.models import GnlcReport, ReportSubscription


def learning_city_choices() -> list[tuple[str, str]]:
    return [("", _("The whole region"))] + [(str(c.pk), c.name) for c in LearningCity.objects.order_by("pk")]


class ReportScopeForm(forms.Form):
    """Which place and period a report covers; the default is the past twelve months."""

    learning_city = forms.ChoiceField(label=_("Learning city"), required=False)
    start = EitherCalendarDateField(label=_("From"))
    end = EitherCalendarDateField(label=_("Until"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learning_city"].choices = learning_city_choices()
        today = timezone.localdate()
        self.fields["start"].initial = today - dt.timedelta(days=364)
        self.fields["end"].initial = today

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period must come after its start."))
        if start and end and (end - start).days > 366 * 5:
            self.add_error("start", _("A report covers at most five years."))
        return data

    def scope(self) -> ReportScope | None:
        region = Region.objects.order_by("pk").first()
        if region is None:
            return None
        city_id = self.cleaned_data.get("learning_city")
        city = LearningCity.objects.filter(pk=city_id).first() if city_id else None
        return ReportScope(
            region=region, learning_city=city, start=self.cleaned_data["start"], end=self.cleaned_data["end"]
        )


class GnlcReportForm(forms.ModelForm):
    period_start = EitherCalendarDateField(label=_("Period start"))
    period_end = EitherCalendarDateField(label=_("Period end"))

    class Meta:
        model = GnlcReport
        fields = ["learning_city", "period_start", "period_end"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learning_city"].empty_label = _("The whole region")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start >= end:
            self.add_error("period_end", _("The end of the period must come after its start."))
        return data


class SubscriptionForm(forms.Form):
    learning_city = forms.ChoiceField(label=_("Learning city"), required=False)
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["learning_city"].choices = learning_city_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        city = data.get("learning_city") or None
        if ReportSubscription.objects.filter(user=self.user, learning_city_id=city).exists():
            raise forms.ValidationError(_("You already receive this report."))
        return data
