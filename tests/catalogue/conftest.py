import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory


@pytest.fixture
def opportunity(entity_a):
    """A published opportunity provided by entity A (coordinator_a keeps it)."""
    return OpportunityFactory(
        provider=entity_a, title_ar="البرمجة بلغة الإشارة", title_en="Programming in sign language"
    )


@pytest.fixture
def session(opportunity):
    return SessionFactory(opportunity=opportunity, capacity=2)


@pytest.fixture
def past_session(opportunity):
    starts = timezone.now() - dt.timedelta(days=2)
    return SessionFactory(opportunity=opportunity, starts_at=starts, ends_at=starts + dt.timedelta(hours=2))


@pytest.fixture
def woman(db):
    return LearnerFactory(full_name="نورة الحربي", sex="female", user__username="noura")


@pytest.fixture
def man(db):
    return LearnerFactory(full_name="خالد الجهني", sex="male", user__username="khalid")
