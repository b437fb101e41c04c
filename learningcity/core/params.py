"""Reading ids from query and form parameters, which anyone can fill with anything."""

from __future__ import annotations

# The largest id a column holds on every database the platform runs on (a 64-bit integer).
LARGEST_ID = 2**63 - 1


def id_param(value: object) -> int | None:
    """The record id a parameter names, or None when it names none: not ASCII digits ("²" and
    other digit-like signs pass str.isdigit but not int()), zero, or beyond any column's range.
    A filter built from None matches nothing, as a wrong id should, instead of a server error."""
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= LARGEST_ID else None


def id_params(values: list[str]) -> list[int]:
    """The ids among several parameters (`?measurement=3&measurement=7`), wrong ones dropped."""
    return [number for number in map(id_param, values) if number is not None]
