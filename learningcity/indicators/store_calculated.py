"""Calculated indicators, stored: each calculation registered in calculations.py is run for
the period and its rows kept as verified measurements (the daily job and `learningcity
compute_indicators`)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from learningcity.core.models import Region
from learningcity.indicators.calc import align, period_end
from learningcity.indicators.calculations import REGISTRY
from learningcity.indicators.models import Indicator
from learningcity.indicators.services import computed_measurement_store


def compute_indicators(*, as_of: dt.date) -> dict[str, int]:
    """Store this period's value of every computed indicator, in every region. Returns the
    number of values stored per indicator code; running it again overwrites the same values."""
    stored: dict[str, int] = {}
    for indicator in Indicator.objects.exclude(computed_key=""):
        item = REGISTRY.get(indicator.computed_key)
        if item is None:
            continue
        start = align(as_of, indicator.frequency)
        end = min(period_end(start, indicator.frequency), as_of)
        with transaction.atomic():
            for region in Region.objects.prefetch_related("learning_cities"):
                for row in item.function(region=region, start=start, end=end):
                    place = {
                        "region": region,
                        "learning_city": row.learning_city,
                        "governorate": row.governorate,
                    }
                    computed_measurement_store(
                        indicator=indicator,
                        period_start=start,
                        place=place,
                        dimension=row.dimension,
                        category=row.category,
                        value=row.value,
                    )
                    stored[indicator.code] = stored.get(indicator.code, 0) + 1
    return stored
