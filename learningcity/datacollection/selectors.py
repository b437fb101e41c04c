"""Reads for data collection: the forms a coordinator has to fill, the forms waiting for an
approver, and each data set's completeness and timeliness by place and period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from learningcity.core.permissions import is_manager
from learningcity.datacollection import places
from learningcity.datacollection.models import Approver, DataForm, DataSet, FormStatus
from learningcity.datacollection.services import pending_scope
from learningcity.indicators.models import Measurement
from learningcity.partners.permissions import coordinated_entity_ids

DONE = (FormStatus.SUBMITTED, FormStatus.APPROVED)


@dataclass(frozen=True)
class Slot:
    """One form a data set asks for: a period of a place, and where it stands."""

    data_set: DataSet
    place: places.Place
    scope: str
    period: places.Period
    form: DataForm | None

    @property
    def status(self) -> str:
        return self.form.status if self.form is not None else "missing"

    @property
    def done(self) -> bool:
        return self.status in DONE

    @property
    def overdue(self) -> bool:
        return not self.done and timezone.localdate() > self.period.due_on

    @property
    def timeliness(self) -> str:
        """on_time / late (submitted after the due date) / overdue / open (not yet due)."""
        if self.done:
            submitted = self.form.submitted_at  # type: ignore[union-attr]
            late = submitted is not None and timezone.localtime(submitted).date() > self.period.due_on
            return "late" if late else "on_time"
        return "overdue" if self.overdue else "open"

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse(
            "datacollection:form", args=[self.data_set.pk, self.period.start.isoformat(), self.scope]
        )


def slots(data_sets: list[DataSet], today: dt.date | None = None, periods: int = 12) -> list[Slot]:
    """Every period × place of these data sets since they opened (the newest `periods`), with
    the form where one was started: two queries per data set, one for all the forms."""
    today = today or timezone.localdate()
    forms = {
        (form.data_set_id, form.period_start, form.scope): form
        for form in DataForm.objects.filter(data_set__in=data_sets)
    }
    found = []
    for data_set in data_sets:
        for period in places.periods_to_report(data_set, today, periods):
            for place in places.data_set_places(data_set):
                scope = places.scope_of(place)
                form = forms.get((data_set.pk, period.start, scope))
                if form is not None:
                    form.data_set = data_set
                found.append(Slot(data_set, place, scope, period, form))
    return found


def data_sets_for(user: Any) -> list[DataSet]:
    """The active data sets `user` fills in: those naming an entity they coordinate for (a
    programme manager fills in any)."""
    data_sets = DataSet.objects.filter(is_active=True).order_by("code")
    if not is_manager(user):
        data_sets = data_sets.filter(entities__in=coordinated_entity_ids(user)).distinct()
    return list(data_sets)


def forms_to_fill(user: Any, today: dt.date | None = None) -> list[Slot]:
    """What is due: forms not yet submitted (returned ones first, then the most overdue)."""
    today = today or timezone.localdate()
    open_slots = [slot for slot in slots(data_sets_for(user), today) if not slot.done]
    return sorted(
        open_slots,
        key=lambda slot: (
            slot.status != FormStatus.RETURNED,
            slot.period.due_on,
            slot.data_set.code,
            slot.scope,
        ),
    )


def forms_to_approve(user: Any) -> list[DataForm]:
    """Submitted forms whose next level is a place `user` approves for (every level for a
    programme manager), oldest submission first."""
    submitted = DataForm.objects.filter(status=FormStatus.SUBMITTED).select_related(
        "data_set", "submitted_by", "region", "learning_city", "governorate"
    )
    mine = (
        None if is_manager(user) else set(Approver.objects.filter(user=user).values_list("scope", flat=True))
    )
    waiting = []
    for form in submitted.order_by("submitted_at", "pk"):
        scope = pending_scope(form)
        if scope is not None and (mine is None or scope in mine):
            form.pending_scope = scope  # type: ignore[attr-defined]
            form.pending_place = places.place_of(scope)  # type: ignore[attr-defined]
            waiting.append(form)
    return waiting


@dataclass(frozen=True)
class Completeness:
    """Per data set: how many forms were expected, submitted on time, late, and missing."""

    data_set: DataSet
    expected: int
    on_time: int
    late: int
    missing: int
    approved: int

    @property
    def percent(self) -> int | None:
        return round(100 * (self.on_time + self.late) / self.expected) if self.expected else None


def completeness(data_set_slots: list[Slot], today: dt.date | None = None) -> Completeness | None:
    """Counted over the periods already due (a period still within its days to report is not
    yet missing)."""
    today = today or timezone.localdate()
    due = [slot for slot in data_set_slots if slot.period.due_on < today]
    if not data_set_slots:
        return None
    timeliness = [slot.timeliness for slot in due]
    return Completeness(
        data_set=data_set_slots[0].data_set,
        expected=len(due),
        on_time=timeliness.count("on_time"),
        late=timeliness.count("late"),
        missing=len(due) - timeliness.count("on_time") - timeliness.count("late"),
        approved=sum(1 for slot in due if slot.status == FormStatus.APPROVED),
    )


@dataclass(frozen=True)
class DataSetCompleteness:
    """A data set's completeness overall and for each of its recent periods, with who reports it."""

    data_set: DataSet
    entities: list[Any]
    overall: Completeness | None
    periods: list[tuple[places.Period, Completeness | None]]


def completeness_table(today: dt.date | None = None, periods: int = 4) -> list[DataSetCompleteness]:
    """For the data freshness page: every active data set, its entities, and how many forms
    came on time, late or not at all, overall and over its last `periods` periods."""
    today = today or timezone.localdate()
    data_sets = list(DataSet.objects.filter(is_active=True).prefetch_related("entities").order_by("code"))
    every = slots(data_sets, today)
    table = []
    for data_set in data_sets:
        own = [slot for slot in every if slot.data_set.pk == data_set.pk]
        recent = places.periods_to_report(data_set, today, periods)
        table.append(
            DataSetCompleteness(
                data_set=data_set,
                entities=list(data_set.entities.all()),
                overall=completeness(own, today),
                periods=[
                    (period, completeness([slot for slot in own if slot.period.start == period.start], today))
                    for period in recent
                ],
            )
        )
    return table


def completeness_in(
    *, region: Any, learning_city: Any | None, start: dt.date, end: dt.date, today: dt.date | None = None
) -> list[Completeness]:
    """For a city report: each data set's completeness over the forms of periods starting in
    [start, end] for places within the report's city (the city and its governorate) or region."""
    today = today or timezone.localdate()
    data_sets = list(DataSet.objects.filter(is_active=True).order_by("code"))
    if learning_city is not None:
        wanted = {places.scope_of(learning_city), f"governorate:{learning_city.governorate_id}"}
    found = []
    for data_set in data_sets:
        own = [
            slot
            for slot in slots([data_set], today, periods=120)
            if start <= slot.period.start <= end
            and (
                slot.scope in wanted
                if learning_city is not None
                else getattr(slot.place, "region_id", slot.place.pk) == region.pk
            )
        ]
        counted = completeness(own, today)
        if counted is not None and counted.expected:
            found.append(counted)
    return found


def not_under_approval(measurements: QuerySet[Measurement]) -> QuerySet[Measurement]:
    """The measurements that are not part of a form on its way through approval — submitted,
    or returned to its entity (those are approved, or corrected, with their form:
    indicators.held)."""
    under_approval = DataForm.objects.filter(
        status__in=(FormStatus.SUBMITTED, FormStatus.RETURNED),
        data_set__indicators=OuterRef("indicator_id"),
        period_start=OuterRef("period_start"),
        scope=OuterRef("scope"),
    )
    return measurements.exclude(Exists(under_approval))
