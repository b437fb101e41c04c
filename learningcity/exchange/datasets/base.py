from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from learningcity.exchange.tabular.schema import TableSchema


@dataclass
class RowError:
    row: int  # the row number as the spreadsheet shows it (header = 1)
    column: str  # the column's title in the user's language ("" for the whole row)
    message: str


@dataclass
class Prepared:
    """A row ready to write: its key (what makes it the same record again), the values to
    write, and the record it updates (None for a new one)."""

    row: int
    key: Hashable
    data: dict[str, Any]
    existing: Any = None
    changed: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


class Dataset:
    kind: str = ""
    label: Any = ""
    schema: TableSchema
    # Anyone on the programme's side may export; importing is checked per row as well.
    public: bool = False

    def may_import(self, user: Any) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and (
            user.is_programme_manager or user.is_coordinator
        )

    def export_queryset(self, user: Any) -> QuerySet:
        raise NotImplementedError

    def public_queryset(self) -> QuerySet | None:
        return None

    def export_row(self, record: Any) -> dict[str, Any]:
        raise NotImplementedError

    def prepare(
        self, rows: list[tuple[int, dict[str, Any]]], user: Any
    ) -> tuple[list[Prepared], list[RowError]]:
        """Resolve references, check permissions and find the records the rows update."""
        raise NotImplementedError

    def write_batch(self, items: Iterable[Prepared], user: Any, state: dict[str, Any]) -> list[RowError]:
        """Write the changed rows; a row the services refuse becomes that row's error (its
        savepoint is rolled back, the others stand until the import decides). `state` belongs
        to this one import run: datasets are shared, so they keep nothing on themselves."""
        errors = []
        for item in items:
            if not item.changed:
                continue
            try:
                with transaction.atomic():
                    self.write_one(item, user)
            except (ValidationError, PermissionDenied, IntegrityError) as exc:
                errors.append(RowError(item.row, "", service_message(exc)))
        return errors

    def write_one(self, item: Prepared, user: Any) -> None:
        raise NotImplementedError

    def finish(self, user: Any, state: dict[str, Any]) -> list[RowError]:
        """Called after the last batch (for kinds that write groups of rows together)."""
        return []

    def column(self, name: str) -> str:
        return next(item.title() for item in self.schema.fields if item.name == name)


def service_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return " ".join(f"{message}" for messages in exc.message_dict.values() for message in messages)
        return " ".join(exc.messages)
    if isinstance(exc, IntegrityError):
        return _("This row conflicts with another record (a duplicate id?).")
    return str(exc) or _("You may not change this record.")
