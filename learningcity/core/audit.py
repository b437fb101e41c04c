"""Writing and reading the audit log.

Every service that creates, updates or deletes a domain record calls `audit_record` inside
its transaction, so a rolled-back write leaves no entry and a committed one always has one.
Values are kept as short display strings: the log is read by people, and it must still make
sense after the related record is gone. Labels are written in the platform's default
language (Arabic), whatever the language of the page that made the change, so one record's
history reads consistently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation

from learningcity.core import context
from learningcity.core.models import AuditAction, AuditEntry

# Columns that change on every save or hold derived data; recording them is noise.
IGNORED_FIELDS = frozenset({"updated_at", "created_at", "search_document", "password", "last_login"})
# What the log keeps of a secret (a token's hash, a webhook's signing key): a short digest, so
# that a change is still seen, never the value.
SECRET_MARK = "secret:"  # noqa: S105 — a label in the log, not a password


def is_secret_field(model: type[models.Model] | None, name: str) -> bool:
    """A model names its secrets in `audit_secret_fields`; the log never holds or shows them."""
    return name in getattr(model, "audit_secret_fields", ())


def _display(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def snapshot(instance: models.Model, m2m: Iterable[str] = ()) -> dict[str, Any]:
    """The auditable state of `instance`: its concrete fields and the named many-to-many fields."""
    with translation.override(settings.LANGUAGE_CODE):
        return _snapshot(instance, m2m)


def _snapshot(instance: models.Model, m2m: Iterable[str]) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in IGNORED_FIELDS or field.primary_key:
            continue
        if field.is_relation:
            related = getattr(instance, field.name, None)
            state[field.name] = _display(related)
        elif is_secret_field(type(instance), field.name):
            value = str(field.value_from_object(instance) or "")
            state[field.name] = (
                SECRET_MARK + hashlib.sha256(value.encode()).hexdigest()[:8] if value else None
            )
        else:
            state[field.name] = _display(field.value_from_object(instance))
    for name in m2m:
        state[name] = sorted(str(item) for item in getattr(instance, name).all())
    return state


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for every field whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def audit_record(
    *, actor: Any, action: str, instance: models.Model, changes: dict[str, list[Any]] | None = None
) -> AuditEntry:
    acting = context.current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=user.get_username() if user else "",
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_label=record_label(instance),
        changes=changes or {},
        channel=acting.channel,
        request_id=acting.request_id,
        remote_addr=acting.remote_addr,
        api_token_id=acting.api_token_id,
    )


def audit_personal_data_access(*, actor: Any, instance: models.Model, what: str, records: int) -> AuditEntry:
    """Record that `actor` was shown (or exported) the personal data of `records` people
    held under `instance` (a session's registrants, an API page of registrations)."""
    return audit_record(
        actor=actor,
        action=AuditAction.ACCESS,
        instance=instance,
        changes={"viewed": [None, f"{what} ({records})"]},
    )


class Named(NamedTuple):
    """A record as the log names it, without loading it: a bulk change that read only the
    columns it changes passes these instead of model objects."""

    model: type[models.Model]
    pk: Any
    label: str  # in the default language, as record_label gives it


def audit_updates(
    *,
    actor: Any,
    changes: Iterable[tuple[models.Model | Named, dict[str, list[Any]]]],
    action: str = AuditAction.UPDATE,
) -> int:
    """Many entries at once (bulk imports, a form's values); the same fields as audit_record.

    An import of 100,000 attendance rows writes 100,000 entries: built as model objects and
    inserted with bulk_create they were half the import's time, so the rows go to the database
    as plain values — what every entry shares is made ready once — through COPY on PostgreSQL
    and one executemany elsewhere (bench/bench_exchange.py)."""
    acting = context.current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    connection = connections[router.db_for_write(AuditEntry)]
    shared_values = {
        "timestamp": timezone.now(),
        "actor": user.pk if user else None,
        "actor_label": user.get_username() if user else "",
        "action": action,
        "channel": acting.channel,
        "request_id": acting.request_id,
        "remote_addr": acting.remote_addr,
        "api_token_id": acting.api_token_id,
    }
    shared = [
        AuditEntry._meta.get_field(name).get_db_prep_save(value, connection)
        for name, value in shared_values.items()
    ]
    content_types: dict[type, int] = {}
    rows = []
    # One language switch for the whole batch: labels are stored in the default language.
    with translation.override(settings.LANGUAGE_CODE):
        for record, change in changes:
            model = record.model if isinstance(record, Named) else type(record)
            if model not in content_types:
                content_types[model] = ContentType.objects.get_for_model(model, for_concrete_model=True).pk
            rows.append(
                (
                    *shared,
                    content_types[model],
                    str(record.pk),
                    (record.label if isinstance(record, Named) else str(record))[:255],
                    # As JSONField writes it (json.dumps); PostgreSQL reads the text into jsonb.
                    json.dumps(change),
                )
            )
    if rows:
        _insert_rows(
            connection, [*shared_values, "content_type", "object_id", "object_label", "changes"], rows
        )
    return len(rows)


def _insert_rows(connection: Any, names: list[str], rows: list[tuple[Any, ...]]) -> None:
    quote = connection.ops.quote_name
    table = quote(AuditEntry._meta.db_table)
    columns = ", ".join(quote(AuditEntry._meta.get_field(name).column) for name in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(names))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def record_label(instance: models.Model) -> str:
    """How the log names `instance`: in the default language, whatever the page's."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(instance)[:255]


def audit_created(*, actor: Any, instance: models.Model, m2m: Iterable[str] = ()) -> AuditEntry:
    after = snapshot(instance, m2m)
    return audit_record(actor=actor, action=AuditAction.CREATE, instance=instance, changes=diff({}, after))


def audit_deleted(*, actor: Any, instance: models.Model, m2m: Iterable[str] = ()) -> AuditEntry:
    before = snapshot(instance, m2m)
    return audit_record(actor=actor, action=AuditAction.DELETE, instance=instance, changes=diff(before, {}))
