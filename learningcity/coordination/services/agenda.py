"""A meeting's agenda items, in order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max

from learningcity.accounts.models import User
from learningcity.coordination.models import (
    AgendaItem,
    Meeting,
)
from learningcity.coordination.services.checks import _require_manager, _require_minutes_open
from learningcity.core.audit import audit_record
from learningcity.core.models import AuditAction
from learningcity.core.services import model_create, model_delete, model_update


@transaction.atomic
def agenda_item_save(
    *, meeting: Meeting, data: Mapping[str, Any], item: AgendaItem | None = None, by: User
) -> AgendaItem:
    _require_manager(by)
    _require_minutes_open(meeting)
    if item is None:
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
        return model_create(instance=AgendaItem(meeting=meeting, position=last + 1, **data), by=by)
    item, _changes = model_update(instance=item, data=data, by=by)
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by: User) -> None:
    _require_manager(by)
    _require_minutes_open(item.meeting)
    meeting = item.meeting
    model_delete(instance=item, by=by)
    _renumber_agenda(meeting)


def _renumber_agenda(meeting: Meeting) -> list[AgendaItem]:
    items = list(meeting.agenda_items.order_by("position", "pk"))
    for position, agenda_item in enumerate(items, start=1):
        agenda_item.position = position
    AgendaItem.objects.bulk_update(items, ["position"])
    return items


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by: User) -> list[AgendaItem]:
    """Move an item one place up or down; returns the agenda in its new order."""
    _require_manager(by)
    _require_minutes_open(item.meeting)
    items = _renumber_agenda(item.meeting)
    index = next(i for i, candidate in enumerate(items) if candidate.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, agenda_item in enumerate(items, start=1):
            agenda_item.position = position
        AgendaItem.objects.bulk_update(items, ["position"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            instance=item.meeting,
            changes={"agenda_order": [None, [str(agenda_item.pk) for agenda_item in items]]},
        )
    return items
