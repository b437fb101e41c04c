"""The gap chart, drawn on the server as SVG (no script, nothing inline that the CSP would
refuse): per skill and governorate one bar as long as the need, split into people trained,
places to come and what is still unmet. The table beside it carries the same figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Bar:
    row: Any
    trained: float  # widths in per cent of the longest need
    places: float
    unmet: float

    # Where each part starts, as SVG attributes (plain dots: never localised).
    @property
    def places_x(self) -> str:
        return f"{self.trained:.2f}"

    @property
    def unmet_x(self) -> str:
        return f"{self.trained + self.places:.2f}"

    def width(self, part: str) -> str:
        return f"{getattr(self, part):.2f}"

    @property
    def widths(self) -> dict[str, str]:
        return {part: self.width(part) for part in ("trained", "places", "unmet")}


def gap_bars(rows: list[Any]) -> list[Bar]:
    # A bar is as long as the need (its parts never run past it); without a need, the supply.
    longest = max((row.needed or row.trained + row.places for row in rows), default=0)
    if not longest:
        return []
    bars = []
    for row in rows:
        trained = min(row.trained, row.needed) if row.needed else row.trained
        places = min(row.places, max(row.needed - trained, 0)) if row.needed else row.places
        bars.append(
            Bar(
                row=row,
                trained=round(100 * trained / longest, 2),
                places=round(100 * places / longest, 2),
                unmet=round(100 * row.unmet / longest, 2),
            )
        )
    return bars
