"""Indicators calculated from the skills gap (registered with indicators.calculations, so an
indicator whose `computed_key` names one is filled in by `learningcity compute_indicators`):
the region's totals, and one value per governorate."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from learningcity.core.models import Region
from learningcity.indicators.calculations import Row, register
from learningcity.skills.selectors import skill_gaps


def _per_governorate(region: Region, measure: str) -> list[Row]:
    totals: dict[object, int] = defaultdict(int)
    for row in skill_gaps():
        if row.governorate.region_id == region.pk:
            totals[row.governorate] += getattr(row, measure)
    rows = [Row(Decimal(sum(totals.values())))]
    rows += [Row(Decimal(value), governorate=governorate) for governorate, value in totals.items()]
    return rows


@register(
    "skills_unmet_demand", _("People still needed in skills in demand, beyond what is trained and on offer")
)
def skills_unmet_demand(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    return _per_governorate(region, "unmet")


@register("skills_people_needed", _("People partners need in skills in demand"))
def skills_people_needed(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    return _per_governorate(region, "needed")
