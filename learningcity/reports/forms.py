from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.core.forms import EitherCalendarDateField, ServiceModelForm
from learningcity.core.places import RegionPlaceMixin, learning_city_field
from learningcity.reports.city import ReportScope
from learningcity.reports.models import GnlcReport, ReportSubscription


class ReportScopeForm(RegionPlaceMixin, forms.Form):
    """Which place and period a report covers; the default is the past twelve months."""

    learning_city = learning_city_field()
    start = EitherCalendarDateField(label=_("From"))
    end = EitherCalendarDateField(label=_("Until"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_region_field()
        today = timezone.localdate()
        self.fields["start"].initial = today - dt.timedelta(days=364)
        self.fields["end"].initial = today

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_place(data)
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period must come after its start."))
        if start and end and (end - start).days > 366 * 5:
            self.add_error("start", _("A report covers at most five years."))
        return data

    def scope(self) -> ReportScope | None:
        region = self.cleaned_data.get("region")
        if region is None:
            return None
        return ReportScope(
            region=region,
            learning_city=self.cleaned_data["learning_city"],
            start=self.cleaned_data["start"],
            end=self.cleaned_data["end"],
        )


class GnlcReportForm(RegionPlaceMixin, ServiceModelForm):
    period_start = EitherCalendarDateField(label=_("Period start"))
    period_end = EitherCalendarDateField(label=_("Period end"))

    class Meta:
        model = GnlcReport
        fields = ["learning_city", "period_start", "period_end"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learning_city"].empty_label = _("The whole region")
        self.add_region_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_place(data)
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start >= end:
            self.add_error("period_end", _("The end of the period must come after its start."))
        return data


class SubscriptionForm(RegionPlaceMixin, forms.Form):
    learning_city = learning_city_field()
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_region_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_place(data)
        city, region = data.get("learning_city"), data.get("region")
        already = ReportSubscription.objects.filter(user=self.user, learning_city=city)
        if city is None:
            already = already.filter(region=region)
        if region is not None and already.exists():
            raise forms.ValidationError(_("You already receive this report."))
        return data
