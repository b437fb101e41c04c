"""Open data: published indicators, no sign-in needed (Open SDG style: a page and a CSV per
indicator)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from learningcity.core.bilingual import bilingual_value
from learningcity.core.exports import csv_lines, neutralise_formula
from learningcity.indicators import calc, geography, selectors
from learningcity.indicators.charts import chart_payload
from learningcity.indicators.models import Indicator, MeasurementStatus
from learningcity.indicators.tile_html import draw_tiles


def _published(code: str) -> Indicator:
    indicator = Indicator.objects.filter(code=code, is_public=True).select_related("owner_entity").first()
    if indicator is None:
        raise Http404
    return indicator


def public_list(request: HttpRequest) -> HttpResponse:
    tiles = selectors.scorecard(indicators=selectors.dashboard_indicators().filter(is_public=True))
    draw_tiles(tiles, public=True)
    return render(
        request, "indicators/public_list.html", {"groups": selectors.tiles_by_framework_node(tiles)}
    )


def public_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _published(code)
    series = selectors.indicator_series(indicator=indicator, public=True)
    return render(
        request,
        "indicators/public_detail.html",
        {"indicator": indicator, "series": series, "chart": chart_payload(indicator, series)},
    )


def public_csv(request: HttpRequest, code: str) -> HttpResponse:
    """Every verified value: period, place, each breakdown column, value (Open SDG's shape)."""
    indicator = _published(code)
    geo = geography.geography()
    names = dict(geography.scope_choices(geo))
    rows = (
        indicator.measurements.filter(status=MeasurementStatus.VERIFIED)
        .order_by("period_start", "scope", "dimension", "category")
        .values_list("period_start", "scope", "dimension", "category", "value")
    )
    dimensions = sorted({row[2] for row in rows if row[2]})
    lines = csv_lines(
        ["period", "area", *dimensions, "value"],
        (
            [calc.period_label(period, indicator.frequency), neutralise_formula(names.get(scope, scope))]
            + [neutralise_formula(category) if d == dimension else "" for d in dimensions]
            + [_plain(value)]
            for period, scope, dimension, category, value in rows
        ),
    )
    response = HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.code}.csv"'
    return response


def _plain(value) -> str:
    """120.0000 → "120", 12.5000 → "12.5": never scientific notation."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def public_metadata(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _published(code)
    language = get_language()
    fields = [
        ("code", indicator.code),
        ("name", bilingual_value(indicator, "name", language)),
        ("definition", bilingual_value(indicator, "definition", language)),
        ("unit", indicator.get_unit_display()),
        ("numerator", bilingual_value(indicator, "numerator", language)),
        ("denominator", bilingual_value(indicator, "denominator", language)),
        ("direction", indicator.get_direction_display()),
        ("frequency", indicator.get_frequency_display()),
        ("data_source", bilingual_value(indicator, "data_source", language)),
        ("owner", indicator.owner_entity.name if indicator.owner_entity else ""),
        ("baseline", indicator.baseline_value if indicator.baseline_value is not None else ""),
        ("baseline_date", indicator.baseline_date or ""),
        ("breakdowns", " ".join(indicator.allowed_disaggregations or [])),
    ]
    lines = csv_lines(
        ["field", "value"], ([field, neutralise_formula(str(value))] for field, value in fields)
    )
    response = HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.code}-metadata.csv"'
    return response
