"""Indicators the catalogue calculates from its own records (registered with
indicators.calculations, so an indicator whose `computed_key` names one is filled in by
`learningcity compute_indicators`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from learningcity.core.models import Region
from learningcity.indicators.calculations import Row, register

PER = Decimal(10_000)


def _by(queryset, field: str, dimension: str, value: str = "pk", total: str = "count") -> list[Row]:
    aggregate = Count(value, distinct=True) if total == "count" else Sum(value)
    rows = []
    for row in queryset.values(field).annotate(total=aggregate).order_by(field):
        if row[field] not in (None, ""):
            rows.append(Row(Decimal(row["total"] or 0), dimension=dimension, category=str(row[field])))
    return rows


@register(
    "learners_registered",
    _("Learners registered on the platform (by sex, age group, nationality, disability)"),
)
def learners_registered(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    from learningcity.catalogue.models import Learner

    learners = Learner.objects.filter(governorate__region=region, created_at__date__lte=end)
    rows = [Row(Decimal(learners.count()))]
    rows += _by(learners, "sex", "sex")
    rows += _by(learners, "age_group", "age_group")
    rows += _by(learners, "nationality", "nationality")
    with_disability = learners.aggregate(
        with_=Count("pk", filter=Q(has_disability=True)), without=Count("pk", filter=Q(has_disability=False))
    )
    rows += [
        Row(Decimal(with_disability["with_"]), dimension="disability", category="with"),
        Row(Decimal(with_disability["without"]), dimension="disability", category="without"),
    ]
    for governorate in region.governorates.annotate(
        total=Count("learners", filter=Q(learners__created_at__date__lte=end))
    ):
        rows.append(Row(Decimal(governorate.total), governorate=governorate))
    return rows


@register("learning_hours_completed", _("Learning hours completed by learners (by sex)"))
def learning_hours_completed(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    from learningcity.catalogue.models import Registration

    completed = Registration.objects.filter(
        learner__governorate__region=region, completed_at__date__gte=start, completed_at__date__lte=end
    )
    total = completed.aggregate(hours=Sum("session__opportunity__hours"))["hours"] or Decimal(0)
    rows = [Row(Decimal(total))]
    rows += _by(completed, "learner__sex", "sex", value="session__opportunity__hours", total="sum")
    return rows


@register("opportunities_per_10k", _("Learning opportunities offered per 10,000 inhabitants"))
def opportunities_per_10k(*, region: Region, start: dt.date, end: dt.date) -> list[Row]:
    """Published opportunities on offer in the period — a session on or after its first day,
    or online — per 10,000 people."""
    from learningcity.catalogue.models import Opportunity, OpportunityStatus

    offered = Opportunity.objects.filter(
        status=OpportunityStatus.PUBLISHED, governorate__region=region
    ).filter(Q(sessions__starts_at__date__gte=start) | ~Q(online_url=""), created_at__date__lte=end)
    rows = []
    population = region.population or sum(g.population or 0 for g in region.governorates.all())
    if population:
        rows.append(
            Row((PER * offered.values("pk").distinct().count() / population).quantize(Decimal("0.01")))
        )
    counts = dict(
        offered.values("governorate")
        .annotate(total=Count("pk", distinct=True))
        .values_list("governorate", "total")
    )
    for governorate in region.governorates.all():
        if governorate.population:
            value = PER * counts.get(governorate.pk, 0) / governorate.population
            rows.append(Row(value.quantize(Decimal("0.01")), governorate=governorate))
    return rows
