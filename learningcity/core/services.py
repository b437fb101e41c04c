"""Generic audited writes that the domain services build on (HackSoft's `model_update`).

A domain service validates what is special about its record, then calls these so that the
full_clean → save → audit sequence is the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction

from learningcity.core.audit import audit_created, audit_deleted, audit_record, diff, snapshot
from learningcity.core.models import AuditAction

ModelT = TypeVar("ModelT", bound=models.Model)


@transaction.atomic
def model_create(*, instance: ModelT, by: Any, m2m: Mapping[str, Iterable[Any]] | None = None) -> ModelT:
    instance.full_clean()
    instance.save()
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    audit_created(actor=by, instance=instance, m2m=(m2m or {}).keys())
    return instance


@transaction.atomic
def model_update(
    *,
    instance: ModelT,
    data: Mapping[str, Any],
    by: Any,
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> tuple[ModelT, dict[str, list[Any]]]:
    """Apply `data` (and many-to-many `m2m`) to `instance`; returns it with what changed.

    Saves only the changed columns and writes no audit entry when nothing changed.
    """
    m2m = m2m or {}
    before = snapshot(instance, m2m.keys())
    changed_fields = [name for name, value in data.items() if getattr(instance, name) != value]
    for name in changed_fields:
        setattr(instance, name, data[name])
    if changed_fields:
        instance.full_clean()
        update_fields = [_column(instance, name) for name in changed_fields]
        if any(field.name == "updated_at" for field in instance._meta.concrete_fields):
            update_fields.append("updated_at")
        extra = getattr(instance, "derived_fields", ())
        instance.save(update_fields=[*update_fields, *extra])
    for name, values in m2m.items():
        getattr(instance, name).set(values)
    changes = diff(before, snapshot(instance, m2m.keys()))
    has_updated_at = any(field.name == "updated_at" for field in instance._meta.concrete_fields)
    if changes and not changed_fields and has_updated_at:
        # Only links changed: the record still counts as changed, for API sync (updated_since)
        # and for an editor holding the old version (core.concurrency).
        instance.save(update_fields=["updated_at"])
    if changes:
        audit_record(actor=by, action=AuditAction.UPDATE, instance=instance, changes=changes)
    return instance, changes


@transaction.atomic
def model_delete(*, instance: models.Model, by: Any, m2m: Iterable[str] = ()) -> None:
    audit_deleted(actor=by, instance=instance, m2m=m2m)
    instance.delete()


def _column(instance: models.Model, name: str) -> str:
    """The attribute a field's column is saved under (`entity_id` for `entity`)."""
    field = instance._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{name} is not a column of {type(instance).__name__}")
    return field.attname
