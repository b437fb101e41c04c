import pytest

from learningcity.core.models import Governorate, LearningCity, Region
from tests.factories import IndicatorFactory


@pytest.fixture
def places(db):
    """A region of three governorates; a learning city over the first one."""
    region = Region.objects.create(code="test-region", name_ar="منطقة", population=1000)
    governorates = [
        Governorate.objects.create(region=region, code=f"g{n}", name_ar=f"محافظة {n}", population=population)
        for n, population in enumerate((600, 300, 100), start=1)
    ]
    city = LearningCity.objects.create(
        region=region, governorate=governorates[0], code="c1", name_ar="مدينة", population=600
    )
    return {"region": region, "governorates": governorates, "city": city}


@pytest.fixture
def indicator(entity_a, places):
    return IndicatorFactory(owner_entity=entity_a, allowed_disaggregations=["sex"])
