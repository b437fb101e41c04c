"""Action items: created from decisions, assigned, followed up until done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.coordination.models import (
    ActionItem,
    ActionItemUpdate,
    ActionStatus,
    Meeting,
)
from learningcity.coordination.permissions import can_follow_up
from learningcity.coordination.services.checks import _require_manager
from learningcity.core import events
from learningcity.core.concurrency import check_unchanged
from learningcity.core.services import model_create, model_update
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify
from learningcity.partners.selectors import entity_coordinator_users


def owner_users(item: ActionItem) -> Any:
    person = item.owner_person
    if person is not None and person.user is not None and person.user.is_active:
        return [person.user]
    return entity_coordinator_users({item.owner_entity_id})


@transaction.atomic
def action_item_create(*, meeting: Meeting | None, data: Mapping[str, Any], by: User) -> ActionItem:
    """An action item from a meeting, or (`meeting` None) from elsewhere — an indicator's
    action plan — announced to its owner entity the same way."""
    _require_manager(by)
    if data.get("decision") is not None and (meeting is None or data["decision"].meeting_id != meeting.pk):
        raise ValidationError({"decision": _("The decision must be one of this meeting's.")})
    item = model_create(instance=ActionItem(meeting=meeting, **data), by=by)
    _announce_assignment(item)
    notify(
        recipients=owner_users(item),
        kind="action_item.assigned",
        title=said(gettext_lazy("New action item for your entity: %(title)s"), title=Named(item, "title")),
        body=f"{item.owner_entity.name_ar} — {item.due_date.isoformat()}",
        url=item.get_absolute_url(),
    )
    return item


@transaction.atomic
def action_item_update(
    *, item: ActionItem, data: Mapping[str, Any], by: User, seen_version: str | None = None
) -> ActionItem:
    """Change what the task is, who owns it or when it is due: the meeting's organisers' call.
    A save by someone else since `seen_version` (core.concurrency) refuses this one."""
    _require_manager(by)
    check_unchanged(item, seen_version)
    if data.get("decision") is not None and data["decision"].meeting_id != item.meeting_id:
        raise ValidationError({"decision": _("The decision must be one of this meeting's.")})
    old_owner = item.owner_entity_id
    data = dict(data)
    if "status" in data:
        data["completed_at"] = _completed_at(item, data["status"])
    item, _changes = model_update(instance=item, data=data, by=by)
    if item.owner_entity_id != old_owner:
        _announce_assignment(item)
        notify(
            recipients=owner_users(item),
            kind="action_item.assigned",
            title=said(
                gettext_lazy("New action item for your entity: %(title)s"), title=Named(item, "title")
            ),
            url=item.get_absolute_url(),
        )
    return item


def _announce_assignment(item: ActionItem) -> None:
    events.publish(
        "action_item.assigned",
        entity_ids=[item.owner_entity_id],
        payload={
            "id": item.pk, "title_ar": item.title_ar, "title_en": item.title_en, "due_date": item.due_date.isoformat(),
            "owner_entity": item.owner_entity_id, "meeting": item.meeting_id, "status": item.status,
        },
    )  # fmt: skip


def _completed_at(item: ActionItem, status: str) -> dt.datetime | None:
    if status == ActionStatus.DONE:
        return item.completed_at or timezone.now()
    return None


@transaction.atomic
def action_item_add_progress(
    *, item: ActionItem, note: str, status: str | None = None, evidence: Any = None, by: User
) -> ActionItemUpdate:
    """A progress note from the owner entity (or a manager), optionally moving the status."""
    if not can_follow_up(by, item):
        raise PermissionDenied(_("Only the owner entity's coordinators can update this action item."))
    if not note.strip():
        raise ValidationError({"note": _("Write what was done.")})
    new_status = status or item.status
    if new_status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    # Lock the row so two coordinators updating at once cannot lose one of the changes.
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    update = ActionItemUpdate(
        action_item=item, author=by, note=note.strip(), status_from=item.status, status_to=new_status
    )
    if evidence:
        update.evidence = evidence
    update.full_clean()
    update.save()
    if new_status != item.status:
        model_update(
            instance=item,
            data={"status": new_status, "completed_at": _completed_at(item, new_status)},
            by=by,
        )
    return update


def action_item_url(item: ActionItem) -> str:
    return reverse("coordination:action_item_detail", args=[item.pk])
