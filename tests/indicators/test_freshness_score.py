"""The dashboard's on-time score is freshness()'s, worked out from the indicators the page has
loaded already."""

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.indicators import selectors
from learningcity.indicators.models import Indicator, Measurement
from tests.conftest import client_for
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_score_is_the_freshness_score(places, manager, entity_a):
    today = timezone.localdate()
    expected = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    reported = IndicatorFactory(owner_entity=entity_a, name_ar="مؤشر في موعده")
    late = IndicatorFactory(owner_entity=entity_a)
    IndicatorFactory(owner_entity=entity_a, frequency="yearly")
    for indicator, period, status in (
        (reported, expected, "submitted"),
        (late, dt.date(2020, 1, 1), "verified"),
        (late, expected, "returned"),  # sent back for correction: not reported yet
    ):
        Measurement.objects.create(
            indicator=indicator, period_start=period, region=places["region"],
            governorate=places["governorates"][0], value=1, status=status,
        )  # fmt: skip
    every = Indicator.objects.all()
    assert selectors.freshness_score(every, today=today) == selectors.freshness(today=today)["score"] == 33
    assert selectors.freshness_score(every.filter(pk=reported.pk), today=today) == 100
    assert selectors.freshness_score(Indicator.objects.none(), today=today) is None
    page = client_for(manager).get("/en/dashboard/")
    assert page.context["on_time_score"] == 33
