"""Each indicator's rolled-up series, kept until one of its own values changes.

The region scorecard rolls 200 indicators' values up from every governorate of the region over
twelve periods: reading those 20,000 values and rolling them up was most of its first view
after a change (bench/bench_indicators.py). A change is nearly always one indicator's — a value
recorded, verified or returned — so each indicator's series is kept under a generation of its
own (core.cache), moved on by any change to that indicator's values, and the first view after
a change reads and rolls up the changed indicators' values only.

Everything else a series depends on is in its key: the indicator's frequency and aggregation
rule, the place, the periods, which statuses count, and the geography's fingerprint (which
places lie in which, and their populations, the weights).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import NamedTuple

from django.core.cache import cache

from learningcity.core.cache import bump, settled_generations

# At most, like the scorecard section that shows them: a new release's rule shows within it.
SECONDS = 600
KEPT_VERSION = 3


class IndicatorKey(NamedTuple):
    """What a series depends on of its indicator, read without loading the indicator."""

    pk: int
    frequency: str
    aggregation: str


class Kept(NamedTuple):
    """An indicator's series at a place: (period, rolled-up value) for its last periods, and
    whether it was reported in those periods only outside the place's region (another
    region's own measure)."""

    series: list[tuple[dt.date, Decimal | None]]
    elsewhere: bool


def values_generation(indicator_id: int) -> str:
    return f"indicator-values:{indicator_id}"


def values_changed(indicator_ids: Iterable[int]) -> None:
    """The kept series of these indicators are out of date once the transaction commits.
    Saving or deleting a value does this by itself (indicators/apps.py); bulk writes, which
    send no signal, call it."""
    bump(*(values_generation(pk) for pk in indicator_ids))


class _Entry(NamedTuple):
    """A kept series with what it was worked out from and when."""

    key: IndicatorKey
    generation: int
    kept_at: float
    kept: Kept


def _bundle_key(context: tuple[object, ...]) -> str:
    digest = hashlib.blake2b(repr(context).encode(), digest_size=12).hexdigest()
    # The version moves when what is kept changes shape: entries of the old shape are not read.
    return f"indicator-series:{KEPT_VERSION}:{digest}"


def kept_series(
    keys: list[IndicatorKey],
    *,
    context: tuple[object, ...],
    compute: Callable[[list[IndicatorKey]], dict[int, Kept]],
) -> dict[int, Kept]:
    """Each indicator's series: kept ones from the cache, the others from `compute` (given the
    keys it must work out, in one go) and kept for next time. `context` names everything
    else the series depend on. Inside a transaction that changed an indicator's values, its
    series is worked out and not kept (a rollback would undo what it shows).

    The series of one context are kept together, one cache entry holding each indicator's
    with the generation it was worked out at: a national platform's scorecard reads 2,000
    indicators' (most of them other regions', empty here), and fetching and unpickling 2,000
    entries one by one cost more than rolling up the changed one (bench/bench_indicators.py).
    An entry whose generation has moved on is simply not used, so a bundle written by a
    process that saw older data never shows what changed since."""
    generations = settled_generations(values_generation(key.pk) for key in keys)
    bundle_key = _bundle_key(context)
    bundle: dict[int, _Entry] = cache.get(bundle_key) or {}
    fresh_after = time.time() - SECONDS
    series: dict[int, Kept] = {}
    for key in keys:
        entry = bundle.get(key.pk)
        if (
            entry is not None
            and entry.key == key
            and entry.generation == generations[values_generation(key.pk)]
            and entry.kept_at > fresh_after
        ):
            series[key.pk] = entry.kept
    missing = [key for key in keys if key.pk not in series]
    if missing:
        worked_out = compute(missing)
        series.update(worked_out)
        now = time.time()
        keep = {
            key.pk: _Entry(key, generation, now, worked_out[key.pk])
            for key in missing
            if (generation := generations[values_generation(key.pk)]) is not None
        }
        if keep:
            cache.set(bundle_key, {**bundle, **keep}, SECONDS)
    return series
