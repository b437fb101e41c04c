"""Writes to the partners registry. Each checks who is acting before it changes anything, so
the web pages, the back office, the API and commands all obey the same rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.core import assurance
from learningcity.core.models import Governorate
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_delete, model_update
from learningcity.partners.models import Agreement, Coordinator, Entity, Responsibility
from learningcity.partners.permissions import can_edit_entity, can_manage_partners


def entity_create(*, data: Mapping[str, Any], governorates: Iterable[Governorate] = (), by: User) -> Entity:
    require(can_manage_partners(by))
    return model_create(instance=Entity(**data), by=by, m2m={"governorates": list(governorates)})


def entity_update(
    *, entity: Entity, data: Mapping[str, Any], governorates: Iterable[Governorate] | None = None, by: User
) -> Entity:
    require(can_edit_entity(by, entity))
    if "status" in data and data["status"] != entity.status and not can_manage_partners(by):
        # Activating or retiring a partner is the administration's decision, not the partner's.
        raise PermissionDenied(_("Only a programme manager can change an entity's status."))
    m2m = {"governorates": list(governorates)} if governorates is not None else None
    entity, _changes = model_update(instance=entity, data=data, by=by, m2m=m2m)
    return entity


def _check_coordinator_account(coordinator: Coordinator) -> None:
    user = coordinator.user
    if user is not None and user.role not in {"coordinator", "programme_manager"}:
        raise ValidationError(
            {"user": _("Only an account with the coordinator role can be linked to a coordinator.")}
        )
    if user is not None:
        assurance.require(user, "coordinator", field="user")


def coordinator_create(*, entity: Entity, data: Mapping[str, Any], by: User) -> Coordinator:
    require(can_edit_entity(by, entity))
    coordinator = Coordinator(entity=entity, **data)
    _check_coordinator_account(coordinator)
    return model_create(instance=coordinator, by=by)


def coordinator_update(*, coordinator: Coordinator, data: Mapping[str, Any], by: User) -> Coordinator:
    require(can_edit_entity(by, coordinator.entity_id))
    if "entity" in data and data["entity"] != coordinator.entity:
        raise PermissionDenied(
            _("A coordinator cannot be moved to another entity; add a new record instead.")
        )
    with transaction.atomic():
        coordinator, _changes = model_update(instance=coordinator, data=data, by=by)
        _check_coordinator_account(coordinator)
    return coordinator


def coordinator_delete(*, coordinator: Coordinator, by: User) -> None:
    require(can_edit_entity(by, coordinator.entity_id))
    model_delete(instance=coordinator, by=by)


def _check_parties(parties: list[Entity]) -> None:
    if len(parties) < 2:
        raise ValidationError({"parties": _("An agreement needs at least two parties.")})


def agreement_create(*, data: Mapping[str, Any], parties: Iterable[Entity], by: User) -> Agreement:
    require(can_manage_partners(by))
    parties = list(parties)
    _check_parties(parties)
    return model_create(instance=Agreement(**data), by=by, m2m={"parties": parties})


def agreement_update(
    *, agreement: Agreement, data: Mapping[str, Any], parties: Iterable[Entity] | None = None, by: User
) -> Agreement:
    require(can_manage_partners(by))
    m2m = None
    if parties is not None:
        parties = list(parties)
        _check_parties(parties)
        m2m = {"parties": parties}
    agreement, _changes = model_update(instance=agreement, data=data, by=by, m2m=m2m)
    return agreement


def responsibility_save(
    *, sector: str, track: Any, description_ar: str, description_en: str, by: User
) -> Responsibility:
    """Set the matrix cell for (sector, track); track None means every track."""
    require(can_manage_partners(by))
    existing = Responsibility.objects.filter(sector=sector, track=track).first()
    data = {"description_ar": description_ar, "description_en": description_en}
    if existing is None:
        return model_create(instance=Responsibility(sector=sector, track=track, **data), by=by)
    responsibility, _changes = model_update(instance=existing, data=data, by=by)
    return responsibility


def responsibility_delete(*, responsibility: Responsibility, by: User) -> None:
    require(can_manage_partners(by))
    model_delete(instance=responsibility, by=by)
