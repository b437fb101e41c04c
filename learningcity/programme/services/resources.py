"""Resources and their allocation. An exclusive resource (venue, lab, equipment, transport)
is never approved for two overlapping periods: approval locks the resource's row, so two
coordinators approving at the same moment on PostgreSQL queue one behind the other, and
SQLite serialises writers anyway."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_update
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify
from learningcity.partners.selectors import entity_coordinator_users
from learningcity.programme.models import (
    Initiative,
    Resource,
    ResourceAvailability,
    ResourceRequest,
    ResourceRequestStatus,
)
from learningcity.programme.permissions import can_edit_initiative, can_keep_resource, can_manage_programme


def overlapping_approved(resource: Resource, start: dt.date, end: dt.date, exclude_pk: int | None = None):
    """Approved requests whose days overlap [start, end] (both ends included)."""
    requests = resource.requests.filter(
        status=ResourceRequestStatus.APPROVED, start_date__lte=end, end_date__gte=start
    )
    return requests.exclude(pk=exclude_pk) if exclude_pk else requests


@transaction.atomic
def resource_save(
    *,
    data: Mapping[str, Any],
    resource: Resource | None = None,
    windows: Iterable[tuple[dt.date, dt.date]] | None = None,
    by: User,
) -> Resource:
    owner = data.get("owner_entity") or (resource.owner_entity if resource else None)
    require(
        can_manage_programme(by)
        or (owner is not None and can_keep_resource(by, Resource(owner_entity=owner)))
    )
    if resource is None:
        resource = model_create(instance=Resource(**data), by=by)
    else:
        require(can_keep_resource(by, resource))
        resource, _changes = model_update(instance=resource, data=data, by=by)
    if windows is not None:
        resource.availability.all().delete()
        for start, end in windows:
            window = ResourceAvailability(resource=resource, start_date=start, end_date=end)
            window.full_clean()
            window.save()
    return resource


def _check_availability(resource: Resource, start: dt.date, end: dt.date) -> None:
    windows = list(resource.availability.all())
    if windows and not any(window.start_date <= start and end <= window.end_date for window in windows):
        raise ValidationError(_("The resource is not offered for those dates."))


@transaction.atomic
def resource_request_create(
    *,
    resource: Resource,
    initiative: Initiative,
    start_date: dt.date,
    end_date: dt.date,
    purpose: str = "",
    by: User,
) -> ResourceRequest:
    require(can_edit_initiative(by, initiative))
    if not resource.is_available:
        raise ValidationError(_("This resource is not offered at the moment."))
    request = ResourceRequest(
        resource=resource,
        initiative=initiative,
        start_date=start_date,
        end_date=end_date,
        purpose=purpose,
        requested_by=by,
    )
    request.full_clean()
    _check_availability(resource, start_date, end_date)
    if resource.is_exclusive and overlapping_approved(resource, start_date, end_date).exists():
        raise ValidationError(_("The resource is already booked for part of that period."))
    request = model_create(instance=request, by=by)
    notify(
        recipients=entity_coordinator_users({resource.owner_entity_id}),
        kind="resource.requested",
        title=said(gettext_lazy("Resource requested: %(title)s"), title=Named(resource, "title")),
        body=f"{initiative.code} — {start_date.isoformat()} / {end_date.isoformat()}",
        url=resource.get_absolute_url(),
    )
    return request


@transaction.atomic
def resource_request_decide(
    *, request: ResourceRequest, approve: bool, note: str = "", by: User
) -> ResourceRequest:
    # Lock the resource first: every decision on this resource waits here for the previous one.
    resource = Resource.objects.select_for_update().get(pk=request.resource_id)
    require(can_keep_resource(by, resource))
    request = ResourceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ResourceRequestStatus.PENDING:
        raise ValidationError(_("This request was already decided."))
    if (
        approve
        and resource.is_exclusive
        and overlapping_approved(resource, request.start_date, request.end_date, request.pk).exists()
    ):
        raise ValidationError(_("The resource is already booked for part of that period."))
    if not approve and not note.strip():
        raise ValidationError({"note": _("Give the reason for declining.")})
    status = ResourceRequestStatus.APPROVED if approve else ResourceRequestStatus.DECLINED
    request, _changes = model_update(
        instance=request, data={"status": status, "decided_by": by, "decision_note": note.strip()}, by=by
    )
    title = (
        gettext_lazy("Resource request approved: %(title)s")
        if approve
        else gettext_lazy("Resource request declined: %(title)s")
    )
    notify(
        recipients=[request.requested_by] if request.requested_by else [],
        kind="resource.decided",
        title=said(title, title=Named(resource, "title")),
        body=note,
        url=request.initiative.get_absolute_url(),
    )
    return request
