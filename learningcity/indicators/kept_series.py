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
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import NamedTuple

from django.core.cache import cache

from learningcity.core.cache import bump, settled_generations

# At most, like the scorecard section that shows them: a new release's rule shows within it.
SECONDS = 600
KEPT_VERSION = 2


class IndicatorKey(NamedTuple):
    """What a series depends on of its indicator, read without loading the indicator."""

    pk: int
    frequency: str
    aggregation: str


class Kept(NamedTuple):
    """An indicator's series at a place: whether any of the place's region reported it in
    the periods read, (period, rolled-up value) for its last periods, and whether it was
    reported in those periods only outside the region (another region's own measure)."""

    reported: bool
    series: list[tuple[dt.date, Decimal | None]]
    elsewhere: bool


def values_generation(indicator_id: int) -> str:
    return f"indicator-values:{indicator_id}"


def values_changed(indicator_ids: Iterable[int]) -> None:
    """The kept series of these indicators are out of date once the transaction commits.
    Saving or deleting a value does this by itself (indicators/apps.py); bulk writes, which
    send no signal, call it."""
    bump(*(values_generation(pk) for pk in indicator_ids))


def _cache_key(key: IndicatorKey, generation: int, context: tuple[object, ...]) -> str:
    digest = hashlib.blake2b(repr((key, context)).encode(), digest_size=12).hexdigest()
    # The version moves when what is kept changes shape: entries of the old shape are not read.
    return f"indicator-series:{KEPT_VERSION}:{key.pk}:{generation}:{digest}"


def kept_series(
    keys: list[IndicatorKey],
    *,
    context: tuple[object, ...],
    compute: Callable[[list[IndicatorKey]], dict[int, Kept]],
) -> dict[int, Kept]:
    """Each indicator's series: kept ones from the cache, the others from `compute` (given the
    keys it must work out, in one go) and kept for next time. `context` names everything
    else the series depend on. Inside a transaction that changed an indicator's values, its
    series is worked out and not kept (a rollback would undo what it shows)."""
    generations = settled_generations(values_generation(key.pk) for key in keys)
    cache_keys = {
        key.pk: _cache_key(key, generation, context)
        for key in keys
        if (generation := generations[values_generation(key.pk)]) is not None
    }
    found = cache.get_many(list(cache_keys.values()))
    series = {pk: found[cache_key] for pk, cache_key in cache_keys.items() if cache_key in found}
    missing = [key for key in keys if key.pk not in series]
    if missing:
        fresh = compute(missing)
        series.update(fresh)
        cache.set_many({cache_keys[pk]: kept for pk, kept in fresh.items() if pk in cache_keys}, SECONDS)
    return series
