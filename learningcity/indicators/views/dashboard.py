from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learningcity.core.decorators import staff_required
from learningcity.indicators import selectors
from learningcity.indicators.forms import DashboardFilterForm


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    indicators = selectors.dashboard_indicators()
    if filters.get("framework"):
        indicators = indicators.filter(framework_nodes__framework__code=filters["framework"]).distinct()
    tiles = selectors.scorecard(
        indicators=indicators, scope=filters.get("scope") or None, until=filters.get("until")
    )
    counts = {
        status: sum(tile.status == status for tile in tiles)
        for status in ("on_track", "at_risk", "off_track")
    }
    return render(
        request,
        "indicators/dashboard.html",
        {"form": form, "tiles": tiles, "counts": counts, "freshness": selectors.freshness()},
    )


@staff_required
def framework_view(request: HttpRequest, code: str = "unesco-key-features") -> HttpResponse:
    return render(request, "indicators/framework.html", {"overview": selectors.framework_overview(code=code)})


@staff_required
def freshness(request: HttpRequest) -> HttpResponse:
    return render(request, "indicators/freshness.html", {"freshness": selectors.freshness(with_latest=True)})
