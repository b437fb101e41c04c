"""The catalogue's computed indicators: learners, learning hours, opportunities per 10,000."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from learningcity.catalogue.models import Registration
from learningcity.indicators.calculations import REGISTRY
from tests.factories import (
    GovernorateFactory,
    LearnerFactory,
    LearningCityFactory,
    OpportunityFactory,
    RegionFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    region = RegionFactory(population=100_000)
    first = GovernorateFactory(region=region, population=80_000)
    GovernorateFactory(region=region, population=20_000)
    LearningCityFactory(governorate=first, region=region)
    return region


def rows_of(key, region):
    today = timezone.localdate()
    return REGISTRY[key].function(region=region, start=today.replace(day=1), end=today)


def test_learners_registered_with_breakdowns(region):
    first, second = region.governorates.order_by("pk")
    LearnerFactory.create_batch(2, governorate=first, sex="female", nationality="citizen")
    LearnerFactory(governorate=second, sex="male", nationality="resident", has_disability=True)
    LearnerFactory()  # another region: not counted
    rows = rows_of("learners_registered", region)
    by = {(row.dimension, row.category, getattr(row.governorate, "pk", None)): row.value for row in rows}
    assert by[("", "", None)] == 3
    assert by[("sex", "female", None)] == 2 and by[("sex", "male", None)] == 1
    assert by[("nationality", "resident", None)] == 1
    assert by[("disability", "with", None)] == 1
    assert by[("", "", first.pk)] == 2 and by[("", "", second.pk)] == 1


def test_learning_hours_count_only_completions_in_the_period(region):
    governorate = region.governorates.first()
    opportunity = OpportunityFactory(hours=Decimal("12.5"))
    session = SessionFactory(opportunity=opportunity)
    woman = LearnerFactory(governorate=governorate, sex="female")
    man = LearnerFactory(governorate=governorate, sex="male")
    Registration.objects.create(
        learner=woman, session=session, status="confirmed", completed_at=timezone.now()
    )
    Registration.objects.create(learner=man, session=session, status="confirmed")
    Registration.objects.create(
        learner=LearnerFactory(governorate=governorate), session=SessionFactory(opportunity=opportunity),
        status="confirmed", completed_at=timezone.now() - dt.timedelta(days=400),
    )  # fmt: skip
    rows = rows_of("learning_hours_completed", region)
    assert rows[0].value == Decimal("12.5")
    assert [(row.category, row.value) for row in rows[1:]] == [("female", Decimal("12.5"))]


def test_opportunities_per_10000_people(region):
    city = region.learning_cities.get()
    governorate = city.governorate
    for _ in range(3):
        SessionFactory(opportunity=OpportunityFactory(learning_city=city, governorate=governorate))
    OpportunityFactory(learning_city=city, governorate=governorate, status="draft")
    rows = rows_of("opportunities_per_10k", region)
    assert rows[0].value == Decimal("0.30")  # 3 per 100,000 people
    assert {row.governorate.pk: row.value for row in rows[1:]}[governorate.pk] == Decimal("0.38")
