"""Optimistic locking for edit forms: two people editing the same record — the second save is
refused with what the first one changed, never a silent lost update.

An edit form carries the version of the record it was opened on (its `updated_at`, to the
microsecond) in a hidden field; the service locks the row and compares before saving. The
message lists who changed which field since, read from the audit log. The form then carries
the current version, so saving again after a look keeps the second person's values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

VERSION_FIELD = "seen_version"


def version_of(instance: models.Model) -> str:
    return instance.updated_at.isoformat() if instance.updated_at else ""


class EditConflict(ValidationError):
    def __init__(self, message: str, current_version: str) -> None:
        super().__init__(message, code="edit_conflict")
        self.current_version = current_version


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _changes_since(instance: models.Model, since: dt.datetime) -> list[str]:
    from django.contrib.contenttypes.models import ContentType

    from learningcity.core.models import AuditEntry

    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        timestamp__gte=since,
    ).order_by("timestamp", "pk")
    lines = []
    for entry in entries:
        fields = "، ".join(_field_label(type(instance), name) for name in entry.changes) or "—"
        when = timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M")
        lines.append(
            _("%(who)s at %(when)s: %(fields)s")
            % {"who": entry.actor_label or "—", "when": when, "fields": fields}
        )
    return lines


def check_unchanged(instance: models.Model, seen_version: str | None) -> None:
    """Refuse the save when the record was saved by someone else after `seen_version` (the
    version the editor opened). Locks the row until the transaction ends, so the check and the
    save are one step. No version given (the API, older clients): nothing to compare."""
    if not seen_version:
        return
    current = (
        type(instance)
        ._base_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    if current is None or current.isoformat() == seen_version:
        return
    try:
        since = dt.datetime.fromisoformat(seen_version)
    except ValueError:
        since = current
    changes = _changes_since(instance, since)
    message = _(
        "Someone else saved this record while you were editing it, so your changes were not saved. "
        "What changed meanwhile: %(changes)s. Check the form below — it still holds what you typed — "
        "and save again to keep your version."
    ) % {"changes": "؛ ".join(changes) if changes else _("see the record's history")}
    raise EditConflict(message, current.isoformat())


class VersionedFormMixin:
    """Adds the hidden version field to a ModelForm (the version of the instance it opened)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        self.fields[VERSION_FIELD] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,
            initial=version_of(instance) if instance is not None and instance.pk else "",
        )

    def seen(self) -> str:
        return self.cleaned_data.get(VERSION_FIELD, "")

    def conflicted(self, conflict: EditConflict) -> None:
        """Show the conflict and carry the current version, keeping what was typed."""
        self.add_error(None, conflict.messages[0])
        data = self.data.copy()
        data[self.add_prefix(VERSION_FIELD)] = conflict.current_version
        self.data = data
