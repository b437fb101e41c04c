"""Progress arithmetic, kept free of the database so it can be tested exhaustively.

- An initiative's progress is its milestones' progress weighted by their weights; when no
  milestone has a weight (or all weights are zero) every milestone counts the same.
- A track's or axis's progress is the plain average of its initiatives', cancelled ones left
  out (a cancelled initiative is not unfinished work).
- An initiative is behind schedule when its progress trails the share of its time elapsed
  by more than a margin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def weighted_progress(milestones: Iterable[tuple[Decimal | None, int | Decimal]]) -> Decimal:
    """(weight, progress 0–100) pairs → 0–100. No milestones → 0."""
    pairs = [(weight, Decimal(progress)) for weight, progress in milestones]
    if not pairs:
        return Decimal("0.00")
    weights = [weight for weight, _progress in pairs if weight is not None]
    if not weights or sum(weights) == 0:
        return _round(sum(progress for _weight, progress in pairs) / len(pairs))
    # A milestone without a weight, among weighted ones, counts for nothing rather than
    # silently guessing a weight for it.
    total = sum(weight for weight in weights)
    return _round(sum((weight or 0) * progress for weight, progress in pairs) / total)


def average_progress(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return _round(sum(values) / len(values))


def elapsed_share(start: dt.date, end: dt.date, today: dt.date) -> Decimal:
    """How much of the planned time has passed, 0–100."""
    if today <= start:
        return Decimal("0.00")
    if today >= end:
        return Decimal("100.00")
    return _round(HUNDRED * (today - start).days / (end - start).days)


def is_behind_schedule(progress: Decimal, elapsed: Decimal, margin: int | Decimal) -> bool:
    return Decimal(progress) + Decimal(margin) < Decimal(elapsed)
