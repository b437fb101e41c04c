"""A place a report, target or subscription covers: a whole region, or one of its learning
cities — the rule that joins them and the form fields that choose them.

Reports, targets and subscriptions cover a place: a learning city, or a whole region when no
city is chosen. While the platform serves one region, the region is implied and no one is asked
for it; once it serves several, the form gains a region field (the default region first), and
a city must lie in the region chosen. Either way `cleaned_data["region"]` holds the place's
region after `clean()`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from learningcity.core.models import LearningCity, Region


def default_region() -> Region | None:
    """The place shown when nobody chose one: the first region registered, the one whose
    administration runs the platform."""
    return Region.objects.order_by("pk").first()


def require_city_in_region(city: LearningCity | None, region: Region | None) -> None:
    if city is not None and region is not None and city.region_id != region.pk:
        raise ValidationError({"learning_city": _("This learning city is not in the region you chose.")})


def learning_city_field(**kwargs: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Learning city"),
        queryset=LearningCity.objects.order_by("region_id", "pk"),
        required=False,
        empty_label=_("The whole region"),
        **kwargs,
    )


class RegionPlaceMixin:
    """For a form with a `learning_city` field (empty: the whole region)."""

    fields: dict[str, forms.Field]

    def add_region_field(self) -> None:
        regions = Region.objects.order_by("pk")
        if regions.count() < 2:
            return
        self.fields["region"] = forms.ModelChoiceField(
            label=_("Region"),
            queryset=regions,
            required=False,
            empty_label=None,
            initial=default_region(),
        )
        # The region comes before the cities it holds.
        self.order_fields(["region", "learning_city"])  # type: ignore[attr-defined]

    def clean_place(self, data: dict[str, Any]) -> None:
        """Sets data["region"]: the chosen city's region, else the chosen region, else the
        default one (what a client that sends no region means)."""
        city = data.get("learning_city")
        region = data.get("region")
        try:
            require_city_in_region(city, region)
        except ValidationError as error:
            self.add_error(None, error)  # type: ignore[attr-defined]
            return
        data["region"] = city.region if city is not None else region or default_region()
