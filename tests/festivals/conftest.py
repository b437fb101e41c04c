from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.festivals.models import Festival, FestivalStatus
from learningcity.festivals.services import festival_save
from tests.factories import GovernorateFactory, LearningCityFactory

THEMES = [("التعلم الرقمي", "Digital learning"), ("التراث والثقافة", "Heritage and culture")]


@pytest.fixture
def city(db):
    return LearningCityFactory(name_ar="المدينة المنورة", name_en="Madinah")


@pytest.fixture
def other_governorate(city):
    return GovernorateFactory(region=city.region, name_ar="العلا", name_en="AlUla")


@pytest.fixture
def festival(city, manager) -> Festival:
    today = timezone.localdate()
    return festival_save(
        data={
            "slug": "madinah-learning-festival", "title_ar": "مهرجان المدينة للتعلم",
            "title_en": "Madinah Learning Festival", "learning_city": city,
            "starts_on": today + dt.timedelta(days=20), "ends_on": today + dt.timedelta(days=26),
            "call_closes_on": today + dt.timedelta(days=10), "status": FestivalStatus.CALL_OPEN,
        },
        themes=THEMES,
        by=manager,
    )  # fmt: skip


def event_form(festival, host, *, day_offset: int = 0, **changes) -> dict:
    """The event form as a host fills it: a day of the festival and two times."""
    day = festival.starts_on + dt.timedelta(days=day_offset)
    return {
        "host": host.pk, "theme": festival.themes.first().pk, "title_ar": "ورشة البرمجة للأسرة",
        "title_en": "Coding for families", "description_ar": "ورشة تطبيقية للآباء والأبناء",
        "event_type": "workshop", "day": day.isoformat(), "start_time": "17:00", "end_time": "19:00",
        "governorate": festival.learning_city.governorate_id, "venue_ar": "مكتبة الملك عبدالعزيز",
        "venue_en": "King Abdulaziz Library", "audience_sex": "everyone", "capacity": 30, **changes,
    }  # fmt: skip
