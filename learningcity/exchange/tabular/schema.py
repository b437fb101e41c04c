"""Table schemas: the columns of each kind of table, as a Frictionless Table Schema.

A schema is declared in Python next to the records it describes (so enumerations come from
the models' choices) and written out as a Table Schema descriptor for templates, data
packages and other tools. Cells are cast here: Arabic-Indic digits, Excel dates and serial
numbers, Hijri dates, yes/no in either language, and lists separated by ; or ،.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from learningcity.core.arabic import latin_number, normalize_letters
from learningcity.core.hijri import DateParseError, parse_either_calendar

EXCEL_EPOCH = dt.date(1899, 12, 30)
TRUE = {"true", "yes", "1", "y", "نعم", "صح", "x", "✓"}
FALSE = {"false", "no", "0", "n", "لا", "خطا", ""}
LIST_SEPARATORS = (";", "؛", "،", "|")


class CellError(ValueError):
    pass


def _plain_number(value: Any) -> Any:
    """A Decimal bound as JSON can carry it."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, integer, number, date, boolean
    title_ar: str
    title_en: str
    required: bool = False
    choices: tuple[tuple[str, Any], ...] = ()
    max_length: int | None = None
    minimum: Any = None
    maximum: Any = None
    many: bool = False  # a list in one cell
    description: str = ""

    def title(self, language: str | None = None) -> str:
        language = language or translation.get_language() or "ar"
        return self.title_ar if language.startswith("ar") else self.title_en

    def descriptor(self) -> dict[str, Any]:
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.choices and not self.many:
            constraints["enum"] = [value for value, _label in self.choices]
        if self.max_length:
            constraints["maxLength"] = self.max_length
        if self.minimum is not None:
            constraints["minimum"] = _plain_number(self.minimum)
        if self.maximum is not None:
            constraints["maximum"] = _plain_number(self.maximum)
        descriptor: dict[str, Any] = {
            "name": self.name,
            "type": "string" if self.many else self.type,
            "title": self.title_en,
            "description": self.description or self.title_ar,
        }
        if self.type == "date" and not self.many:
            descriptor["format"] = "%Y-%m-%d"
        if self.type == "boolean" and not self.many:
            # What `text` writes (yes/no), and what people type in either language.
            descriptor["trueValues"] = ["yes", "true", "True", "TRUE", "1", "نعم"]
            descriptor["falseValues"] = ["no", "false", "False", "FALSE", "0", "لا"]
        if self.many:
            descriptor["description"] = f"{descriptor['description']} (; separated)"
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor

    # --- casting ---------------------------------------------------------------------------

    def cast(self, raw: Any) -> Any:
        if isinstance(raw, str):
            raw = raw.strip()
        if raw is None or raw == "":
            if self.required:
                raise CellError(_("A value is required."))
            return [] if self.many else None
        if self.many:
            text = str(raw)
            for separator in LIST_SEPARATORS[1:]:
                text = text.replace(separator, LIST_SEPARATORS[0])
            return [self._cast_one(part.strip()) for part in text.split(LIST_SEPARATORS[0]) if part.strip()]
        return self._cast_one(raw)

    @cached_property
    def _caster(self) -> Callable[[Any], Any]:
        return getattr(self, f"_{self.type}")

    def _cast_one(self, raw: Any) -> Any:
        value = self._caster(raw)
        if self.choices:
            value = self._choice(value)
        if self.max_length and isinstance(value, str) and len(value) > self.max_length:
            raise CellError(_("At most %(count)d characters.") % {"count": self.max_length})
        if self.minimum is not None and value < self.minimum:
            raise CellError(_("The smallest value allowed is %(value)s.") % {"value": self.minimum})
        if self.maximum is not None and value > self.maximum:
            raise CellError(_("The largest value allowed is %(value)s.") % {"value": self.maximum})
        return value

    def _choice(self, value: Any) -> Any:
        wanted = normalize_letters(str(value))
        for code, label in self.choices:
            if wanted == normalize_letters(str(code)):
                return code
            for language in ("ar", "en"):
                with translation.override(language):
                    if wanted == normalize_letters(str(label)):
                        return code
        allowed = "، ".join(str(code) for code, _label in self.choices)
        raise CellError(_("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed})

    def _string(self, raw: Any) -> str:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # Excel turns a numeric code such as 1001 into 1001.0
        return str(raw).strip()

    def _integer(self, raw: Any) -> int:
        if isinstance(raw, bool):
            raise CellError(_("A whole number is needed."))
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        if isinstance(raw, str) and raw.isascii() and raw.isdigit():
            return int(raw)  # as most cells are written; the folding below is for the rest
        text = latin_number(str(raw)).replace(",", "").strip()
        try:
            return int(text)
        except ValueError as exc:
            raise CellError(_("A whole number is needed.")) from exc

    def _number(self, raw: Any) -> Decimal:
        if isinstance(raw, bool):
            raise CellError(_("A number is needed."))
        if isinstance(raw, (int, float)):
            return Decimal(str(raw))
        text = latin_number(str(raw)).replace(",", "").strip()
        try:
            return Decimal(text)
        except InvalidOperation as exc:
            raise CellError(_("A number is needed.")) from exc

    def _date(self, raw: Any) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        digits = latin_number(str(raw)).strip()
        # isdigit() alone also accepts "²" and other digit-like signs that int() refuses.
        if isinstance(raw, (int, float)) or (digits.isascii() and digits.isdigit()):
            serial = int(float(digits))
            if 20_000 <= serial <= 80_000:  # an Excel day number (1954–2119)
                return EXCEL_EPOCH + dt.timedelta(days=serial)
            raise CellError(_("A date is needed, such as 2026-01-31 or 1447-08-12."))
        text = str(raw).strip().split("T")[0].split(" ")[0]
        try:
            return parse_either_calendar(text)
        except DateParseError as exc:
            raise CellError(_("A date is needed, such as 2026-01-31 or 1447-08-12.")) from exc

    def _boolean(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        # Most cells already read as one of the words below (an exported file read back):
        # looked up before folding, which would give them back unchanged.
        if raw in TRUE:
            return True
        if raw in FALSE:
            return False
        text = normalize_letters(latin_number(str(raw)).strip())
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise CellError(_("Write yes or no (نعم أو لا)."))

    # --- writing ---------------------------------------------------------------------------

    def text(self, value: Any) -> str:
        """How the value is written in CSV (and read back by cast)."""
        if value is None:
            return ""
        if self.many:
            return "; ".join(str(item) for item in value)
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)


@dataclass
class TableSchema:
    fields: list[Field]
    primary_key: list[str] = field(default_factory=list)

    def descriptor(self) -> dict[str, Any]:
        descriptor: dict[str, Any] = {"fields": [f.descriptor() for f in self.fields], "missingValues": [""]}
        if self.primary_key:
            descriptor["primaryKey"] = self.primary_key
        return descriptor

    def match_header(self, header: Iterable[str]) -> tuple[list[Field | None], list[str]]:
        """The field for each column (None for an unknown one) and the header's problems."""
        by_label: dict[str, Field] = {}
        for item in self.fields:
            for label in (item.name, item.title_ar, item.title_en):
                by_label[normalize_letters(label).strip()] = item
        columns: list[Field | None] = []
        problems: list[str] = []
        seen: set[str] = set()
        for cell in header:
            item = by_label.get(normalize_letters(str(cell)).strip())
            if item is not None and item.name in seen:
                problems.append(_("The column “%(column)s” appears twice.") % {"column": cell})
                item = None
            if item is None and str(cell).strip():
                problems.append(_("Unknown column “%(column)s”.") % {"column": cell})
            if item is not None:
                seen.add(item.name)
            columns.append(item)
        missing = [item.title() for item in self.fields if item.required and item.name not in seen]
        if missing:
            problems.append(_("Missing columns: %(columns)s.") % {"columns": "، ".join(missing)})
        return columns, problems
