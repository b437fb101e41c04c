"""Scorecard tiles rendered once per content.

A tile's HTML depends only on what it shows — the indicator's name, code and unit, the
period, value, target, status and the last periods' values — and on the language and whether
the page is public. Kept in the cache under a digest of exactly that, a tile is drawn again
only when something it shows changed: after one value is verified, the region scorecard
redraws one tile of 200 instead of all of them (drawing them was a third of the first view
after a change, bench/bench_indicators.py). Like the scorecard section, a tile is kept at most
SECONDS, so a new release's template shows within that time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from learningcity.indicators.selectors.scorecard import Tile

SECONDS = 600


def _key(tile: Tile, language: str, public: bool) -> str:
    indicator = tile.indicator
    shown = (
        language,
        public,
        indicator.pk,
        indicator.code,
        indicator.name_ar,
        indicator.name_en,
        indicator.unit,
        indicator.direction,
        tile.period,
        tile.value,
        tile.target,
        tile.status,
        tuple(tile.series),
        tile.fresh,
    )
    return "indicator-tile:" + hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


def draw_tiles(tiles: Iterable[Tile], *, public: bool = False) -> None:
    """Give each tile its HTML (`tile.html`), from the cache where the same content was drawn
    before, drawing and keeping the rest; one cache round trip each way."""
    language = get_language()
    keyed = {_key(tile, language, public): tile for tile in tiles}
    kept = cache.get_many(list(keyed))
    drawn = {}
    for key, tile in keyed.items():
        if key in kept:
            tile.html = mark_safe(kept[key])  # noqa: S308 - our own template's output, kept as drawn
        else:
            tile.html = render_to_string("indicators/_tile.html", {"tile": tile, "public": public})
            drawn[key] = str(tile.html)
    if drawn:
        cache.set_many(drawn, SECONDS)
