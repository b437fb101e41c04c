import datetime as dt

import pytest

from learningcity.core.models import Governorate, LearningCity, Region
from learningcity.datacollection.models import Approver, DataSet
from learningcity.indicators import calc
from tests.factories import IndicatorFactory, UserFactory


@pytest.fixture
def places(db):
    """A region of two governorates; a learning city over the first one."""
    region = Region.objects.create(code="r", name_ar="المنطقة", name_en="The region", population=1000)
    first = Governorate.objects.create(region=region, code="g1", name_ar="المحافظة الأولى", population=700)
    second = Governorate.objects.create(region=region, code="g2", name_ar="المحافظة الثانية", population=300)
    city = LearningCity.objects.create(
        region=region, governorate=first, code="c1", name_ar="المدينة", population=700
    )
    return {"region": region, "first": first, "second": second, "city": city}


@pytest.fixture
def last_period():
    from django.utils import timezone

    return calc.last_complete_period(timezone.localdate(), "monthly")


@pytest.fixture
def learners(entity_a):
    return IndicatorFactory(code="LRN", owner_entity=entity_a, allowed_disaggregations=["sex"])


@pytest.fixture
def completed(entity_b):
    # Owned by another entity: the data set, not the owner, says who reports it.
    return IndicatorFactory(code="CMP", owner_entity=entity_b)


@pytest.fixture
def data_set(entity_a, places, learners, completed, last_period):
    data_set = DataSet.objects.create(
        code="monthly", name_ar="البيانات الشهرية", name_en="Monthly returns", frequency="monthly",
        opens_on=calc.shift(last_period, "monthly", -2),
    )  # fmt: skip
    data_set.indicators.set([learners, completed])
    data_set.entities.set([entity_a])
    data_set.governorates.set([places["first"], places["second"]])
    return data_set


@pytest.fixture
def approvers(places):
    """One approver for each level above the first governorate."""
    from learningcity.accounts.models import Role

    people = {
        "governorate": UserFactory(username="gov_approver", role=Role.VIEWER),
        "city": UserFactory(username="city_approver", role=Role.VIEWER),
        "region": UserFactory(username="region_approver", role=Role.VIEWER),
    }
    Approver.objects.create(scope=f"governorate:{places['first'].pk}", user=people["governorate"])
    Approver.objects.create(scope=f"city:{places['city'].pk}", user=people["city"])
    Approver.objects.create(scope=f"region:{places['region'].pk}", user=people["region"])
    return people


__all__ = ["dt"]
