"""Values waiting for verification."""

from __future__ import annotations

from django.db.models import QuerySet

from learningcity.indicators.held import without_held
from learningcity.indicators.models import (
    Measurement,
    MeasurementStatus,
)


def verification_queue() -> QuerySet[Measurement]:
    return (
        without_held(Measurement.objects.filter(status=MeasurementStatus.SUBMITTED))
        .select_related("indicator", "learning_city", "governorate", "region", "submitted_by")
        .order_by("indicator__code", "period_start", "scope", "dimension", "category")
    )
