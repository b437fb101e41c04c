"""The indicators' periodic job: computing the indicators the platform measures itself."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from learningcity.core.tasks import periodic


@periodic("daily")
@task()
def compute_indicators() -> dict:
    from learningcity.indicators.store_calculated import compute_indicators as compute

    return compute(as_of=timezone.localdate())
