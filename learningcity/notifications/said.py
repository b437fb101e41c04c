"""A notification written in each reader's own language: the words (a lazy translation) and their
values (a record's name in Arabic and English), rendered once per language among the recipients
(services.notify). A plain string is said as it is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation


@dataclass(frozen=True)
class Named:
    """A record's name in the reader's language: `<field>_en` for English when it has one,
    `<field>_ar` otherwise (as the pages show it)."""

    record: Any
    field: str

    def in_language(self, language: str) -> str:
        english = getattr(self.record, f"{self.field}_en", "") if language == "en" else ""
        return english or getattr(self.record, f"{self.field}_ar", "") or str(self.record)


@dataclass(frozen=True)
class Said:
    text: Any
    values: Mapping[str, Any] = field(default_factory=dict)

    def in_language(self, language: str) -> str:
        with translation.override(language):
            values = {name: said_in(value, language) for name, value in self.values.items()}
            # `text % values`, not `str(text) % values`: a plural chooses its form by a value.
            return str(self.text % values) if values else str(self.text)

    def __str__(self) -> str:
        return self.in_language(translation.get_language() or "ar")


def said(text: Any, **values: Any) -> Said:
    return Said(text, values)


def said_in(value: Any, language: str) -> Any:
    """`value` for a reader of `language`: a Said or Named rendered, anything else as it is."""
    return value.in_language(language) if isinstance(value, Said | Named) else value
