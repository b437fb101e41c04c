"""Values another app approves its own way — a data set's form, level by level — are held out
of the single-value verification: the queue does not list them and measurements_verify and
measurement_return refuse them, or a manager could publish a value before its form's last
approval. The app says which values it holds by registering a filter in its AppConfig.ready()
(indicators names no app above it)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from learningcity.indicators.models import Measurement

Filter = Callable[[QuerySet[Measurement]], QuerySet[Measurement]]

_HOLDERS: list[Filter] = []


def register_holder(keep_out: Filter) -> None:
    """`keep_out(measurements)` returns the measurements it does not hold."""
    _HOLDERS.append(keep_out)


def without_held(measurements: QuerySet[Measurement]) -> QuerySet[Measurement]:
    for keep_out in _HOLDERS:
        measurements = keep_out(measurements)
    return measurements
