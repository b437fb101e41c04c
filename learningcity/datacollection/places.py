"""Where and when a data set is reported: its places, its periods and their due dates, and the
levels a form for a place is approved at (governorate → learning city → region)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from learningcity.core.models import Governorate, LearningCity, Region
from learningcity.datacollection.models import DataSet, Level
from learningcity.indicators import calc
from learningcity.indicators.geography import place_scope
from learningcity.indicators.models import scope_key

Place = Region | LearningCity | Governorate


# A place's key, as measurements spell it ("governorate:5"): the indicators' own rule.
scope_of = place_scope


def level_of(scope: str) -> Level:
    return Level(scope.partition(":")[0])


def place_of(scope: str) -> Place | None:
    kind, _sep, pk = scope.partition(":")
    model = {"region": Region, "city": LearningCity, "governorate": Governorate}.get(kind)
    if model is None or not pk.isdigit():
        return None
    return model.objects.filter(pk=int(pk)).first()


def place_fields(place: Place) -> dict[str, Place | None]:
    """The place as a measurement and a form store it (region, learning city, governorate)."""
    if isinstance(place, Governorate):
        return {"region": place.region, "learning_city": None, "governorate": place}
    if isinstance(place, LearningCity):
        return {"region": place.region, "learning_city": place, "governorate": None}
    return {"region": place, "learning_city": None, "governorate": None}


def data_set_places(data_set: DataSet) -> list[Place]:
    """The places the data set is reported for, region by region, smallest last."""
    return [
        *data_set.regions.order_by("pk"),
        *data_set.learning_cities.select_related("region").order_by("region_id", "pk"),
        *data_set.governorates.select_related("region").order_by("region_id", "pk"),
    ]


def approval_chain(scope: str) -> list[str]:
    """The places whose approvers approve a form for `scope`, lowest first: a governorate's
    form goes to the governorate, then the learning city that holds it (if one does), then the
    region; a learning city's goes to the city, then the region."""
    place = place_of(scope)
    if place is None:
        return []
    if isinstance(place, Region):
        return [scope]
    region = scope_key(place.region_id, None, None)
    if isinstance(place, LearningCity):
        return [scope, region]
    cities = LearningCity.objects.filter(governorate=place).order_by("pk")
    return [scope, *(scope_of(city) for city in cities[:1]), region]


@dataclass(frozen=True)
class Period:
    start: dt.date
    label: str
    due_on: dt.date


def due_date(data_set: DataSet, period_start: dt.date) -> dt.date:
    return calc.period_end(period_start, data_set.frequency) + dt.timedelta(days=data_set.days_to_report)


def periods_to_report(data_set: DataSet, today: dt.date, limit: int = 12) -> list[Period]:
    """The periods that have ended since the data set opened, newest first (at most `limit`):
    a value is reported once its period is over."""
    last = calc.last_complete_period(today, data_set.frequency)
    first = calc.align(data_set.opens_on, data_set.frequency)
    periods = []
    start = last
    while start >= first and len(periods) < limit:
        periods.append(Period(start, calc.period_label(start, data_set.frequency), due_date(data_set, start)))
        start = calc.shift(start, data_set.frequency, -1)
    return periods


def is_period(data_set: DataSet, period_start: dt.date, today: dt.date) -> bool:
    """A period the data set is reported for: aligned, opened and over."""
    return (
        calc.is_aligned(period_start, data_set.frequency)
        and period_start >= calc.align(data_set.opens_on, data_set.frequency)
        and period_start <= calc.last_complete_period(today, data_set.frequency)
    )
