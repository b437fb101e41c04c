"""Reminders about data set forms through the notification pipeline: a few days before a form
is due, and once when it becomes overdue, to the coordinators of the entities that report it.
Each is sent once (FormReminder), whoever runs the job and however often."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from learningcity.datacollection import selectors
from learningcity.datacollection.models import DataSet, FormReminder
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify
from learningcity.partners.models import Coordinator


@dataclass
class ReminderRun:
    due_soon: int = 0
    overdue: int = 0


def send_form_reminders(*, today: dt.date, days_before: int) -> ReminderRun:
    run = ReminderRun()
    data_sets = list(DataSet.objects.filter(is_active=True).prefetch_related("entities"))
    reporters = _reporters(data_sets)
    for slot in selectors.slots(data_sets, today):
        if slot.done:
            continue
        if slot.period.due_on < today:
            kind, title = FormReminder.Kind.OVERDUE, _("A form is overdue: %(data_set)s")
        elif slot.period.due_on <= today + dt.timedelta(days=days_before):
            kind, title = FormReminder.Kind.DUE_SOON, _("Reminder: a form is due soon: %(data_set)s")
        else:
            continue
        if _remind(slot, kind, title, reporters.get(slot.data_set.pk, [])):
            setattr(run, kind, getattr(run, kind) + 1)
    return run


def _reporters(data_sets: list[DataSet]) -> dict[int, list]:
    """Each data set's people: the active coordinators with an account of its entities."""
    by_entity: dict[int, list] = {}
    records = Coordinator.objects.filter(
        entity__in={entity.pk for data_set in data_sets for entity in data_set.entities.all()},
        is_active=True,
        user__isnull=False,
        user__is_active=True,
    ).select_related("user")
    for record in records:
        by_entity.setdefault(record.entity_id, []).append(record.user)
    return {
        data_set.pk: [user for entity in data_set.entities.all() for user in by_entity.get(entity.pk, [])]
        for data_set in data_sets
    }


def _remind(slot: selectors.Slot, kind: str, title, recipients: list) -> bool:
    try:
        with transaction.atomic():
            FormReminder.objects.create(
                data_set=slot.data_set, period_start=slot.period.start, scope=slot.scope, kind=kind
            )
            notify(
                recipients=recipients,
                kind=f"data_form.{kind}",
                title=said(title, data_set=Named(slot.data_set, "name")),
                body=f"{slot.place.name_ar} — {slot.period.label} — {slot.period.due_on.isoformat()}",
                url=slot.url,
            )
    except IntegrityError:  # sent before, or by another run just now
        return False
    return True
