"""The national scale data set: thirteen regions, each indicator measured in one region's
governorates, and the records spread over the Kingdom."""

import dataclasses

from django.db.models import F

from learningcity.catalogue.models import Opportunity
from learningcity.core.models import Governorate, LearningCity, Region
from learningcity.demo.scale import SIZES, Builder
from learningcity.indicators.models import Measurement
from tests.demo.test_seed_scale import TINY


def test_the_national_size_is_ten_times_the_region_over_thirteen_regions():
    national, regional = SIZES["national"], SIZES["regional"]
    assert national.regions == 13 and regional.regions == 1
    for field in ("entities", "coordinators", "initiatives", "indicators", "opportunities", "learners"):
        assert getattr(national, field) == 10 * getattr(regional, field), field
    assert national.registrations == 10_000_000


def test_a_kingdom_wide_build_spreads_over_its_regions(db):
    Builder(dataclasses.replace(TINY, regions=3, indicators=3), say=lambda _line: None).build()
    assert Region.objects.count() == 3
    assert Governorate.objects.count() == 9 + 4 + 4
    assert LearningCity.objects.exclude(region__code="madinah-region").count() == 2
    # Indicator 1 in Madinah's nine governorates, 2 and 3 in four each; 3 months; total, women, men.
    assert Measurement.objects.count() == (9 + 4 + 4) * 3 * 3
    for measurement in Measurement.objects.select_related("governorate")[:50]:
        assert measurement.governorate.region_id == measurement.region_id
    assert Opportunity.objects.values("governorate__region").distinct().count() == 3
    assert not Opportunity.objects.exclude(governorate__region=F("learning_city__region")).exists()
