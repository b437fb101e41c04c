"""Resolving the codes and ids in a table to records, a batch at a time (one query per kind
of reference per batch, whatever the batch size)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model


def by_field(model: type[Model], field: str, values: Iterable[Any]) -> dict[Any, Model]:
    wanted = {value for value in values if value not in (None, "")}
    if not wanted:
        return {}
    return {getattr(record, field): record for record in model.objects.filter(**{f"{field}__in": wanted})}


def differs(record: Any, data: dict[str, Any]) -> bool:
    """Whether writing `data` would change `record` (many-to-many values compared as sets)."""
    for name, value in data.items():
        current = getattr(record, name)
        if hasattr(current, "all"):
            if {item.pk for item in current.all()} != {item.pk for item in value}:
                return True
        elif current != value:
            return True
    return False


def prefetch_m2m(records: Iterable[Model], name: str) -> None:
    """Load a many-to-many relation for already-fetched records in one query."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(list(records), name)


EXPORTED_PREFIX = "LC-"


def NO_SUCH_RECORD() -> str:  # reads as a message constant
    from django.utils.translation import gettext as _

    return _("An LC-… id names a record of this platform, and there is none with this one.")


def exported_key(record: Any) -> str:
    """The id a record is exported under: its external id, or LC-<platform id> when it has none,
    so that the exported file imports back onto the same records."""
    return record.external_id or f"{EXPORTED_PREFIX}{record.pk}"


def by_exported_key(queryset: Any, keys: Iterable[str]) -> dict[str, Any]:
    keys = {key for key in keys if key}
    pks = [
        int(key[len(EXPORTED_PREFIX) :])
        for key in keys
        if key.startswith(EXPORTED_PREFIX) and key[len(EXPORTED_PREFIX) :].isdigit()
    ]
    from django.db.models import Q

    return {
        exported_key(record): record for record in queryset.filter(Q(external_id__in=keys) | Q(pk__in=pks))
    }
