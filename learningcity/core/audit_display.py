"""The audit log for people: each recorded change told in the reader's language.

The log stores field names and raw values (a choice's code, an ISO date, true/false) so that
it stays exact whatever the language of the page that made the change. Reading it, a manager
sees the field's name as the form shows it, a choice by its label, dates as the platform
writes dates, booleans as yes/no — and never a secret, even one recorded before secrets were
masked at writing (core/audit.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from learningcity.core import hijri
from learningcity.core.audit import is_secret_field


@dataclass(frozen=True)
class ReadableChange:
    label: str
    before: str | None  # None: the field had no value (or the record did not exist)
    after: str | None
    hidden: bool = False  # a secret: that it changed is shown, never its value


def readable_changes(entry: Any) -> list[ReadableChange]:
    """`entry.changes` ({field: [before, after]}) for a person reading the log."""
    # get_for_id is cached per process: a page of entries costs no query per row.
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    changes = []
    for name, values in (entry.changes or {}).items():
        before, after = (list(values) + [None, None])[:2] if isinstance(values, list) else (None, values)
        field = _field(model, name)
        if is_secret_field(model, name):
            changes.append(ReadableChange(_label(field, name), None, None, hidden=True))
            continue
        readable = ReadableChange(_label(field, name), _value(field, before), _value(field, after))
        if readable.before is not None or readable.after is not None:  # "" → None says nothing
            changes.append(readable)
    return changes


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(field: Any, name: str) -> str:
    if name == "viewed":  # what audit_personal_data_access records
        return _("Personal data viewed")
    verbose = getattr(field, "verbose_name", None)
    return str(verbose if verbose else name.replace("_", " "))


def _value(field: Any, value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return pgettext("list separator", ", ").join(v for v in (_value(field, item) for item in value) if v)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = _choices(field)
    if choices and str(value) in choices:
        return str(choices[str(value)])
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = parse_datetime(value)
        return hijri.format_dual_datetime(moment) if moment else value
    if isinstance(field, models.DateField) and isinstance(value, str):
        day = parse_date(value[:10])
        return hijri.format_dual_date(day) if isinstance(day, dt.date) else value
    return str(value)


def _choices(field: Any) -> dict[str, Any]:
    # An array of choices (an opportunity's access needs) carries them on its base field.
    for candidate in (field, getattr(field, "base_field", None)):
        if getattr(candidate, "choices", None):
            return {str(key): label for key, label in candidate.flatchoices}
    return {}
