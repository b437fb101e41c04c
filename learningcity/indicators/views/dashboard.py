from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from learningcity.core.cache import cached
from learningcity.core.decorators import staff_required
from learningcity.indicators import selectors
from learningcity.indicators.forms import DashboardFilterForm
from learningcity.indicators.tile_html import draw_tiles

# Also bounded in time: the section's "reported on time" flags depend on the date.
SCORECARD_CACHE_SECONDS = 600


def scorecard_section(filters: dict[str, Any]) -> dict[str, Any]:
    """The scorecard's tiles (rendered), their status counts and the on-time score. Rolling
    200 indicators up over 12 periods and drawing their tiles took most of the page's time at
    regional scale (bench/bench_indicators.py), so the section is kept in the cache until an
    indicator, a value, a target or a place changes (core.cache), or the day turns."""
    scope, until, framework = filters.get("scope") or None, filters.get("until"), filters.get("framework")
    provisional = filters.get("values") == "provisional"

    def compute() -> dict[str, Any]:
        indicators = selectors.dashboard_indicators()
        if framework:
            indicators = indicators.filter(framework_nodes__framework__code=framework).distinct()
        tiles = selectors.scorecard(indicators=indicators, scope=scope, until=until, provisional=provisional)
        draw_tiles(tiles)
        return {
            "tiles_html": render_to_string(
                "indicators/_tile_groups.html", {"groups": selectors.tiles_by_framework_node(tiles)}
            ),
            "counts": {
                status: sum(tile.status == status for tile in tiles)
                for status in ("on_track", "at_risk", "off_track")
            },
            "on_time_score": selectors.freshness_score(),  # every indicator's, as on the freshness page
        }

    key = ("scorecard", get_language(), scope, until, framework, provisional, timezone.localdate())
    return cached(selectors.INDICATORS_CACHE, key, compute, timeout=SCORECARD_CACHE_SECONDS)


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return render(
        request,
        "indicators/dashboard.html",
        {"form": form, "provisional": filters.get("values") == "provisional", **scorecard_section(filters)},
    )


@staff_required
def framework_view(request: HttpRequest, code: str = "unesco-key-features") -> HttpResponse:
    return render(request, "indicators/framework.html", {"overview": selectors.framework_overview(code=code)})


@staff_required
def freshness(request: HttpRequest) -> HttpResponse:
    return render(request, "indicators/freshness.html", {"freshness": selectors.freshness(with_latest=True)})
