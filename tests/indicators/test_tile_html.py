"""Scorecard tiles are drawn once per content (indicators/tile_html.py): a tile is drawn again
only when what it shows changed, in each language, and the page always shows the latest."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from learningcity.indicators import selectors, tile_html
from learningcity.indicators.models import Measurement
from learningcity.indicators.services import measurements_verify
from tests.conftest import client_for
from tests.factories import IndicatorFactory

LAST_MONTH = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


@pytest.fixture
def drawn(monkeypatch):
    """The indicators whose tile was drawn (not taken from the cache)."""
    names = []
    real = tile_html.render_to_string

    def counting(template, context):
        names.append(context["tile"].indicator.code)
        return real(template, context)

    monkeypatch.setattr(tile_html, "render_to_string", counting)
    return names


@pytest.mark.django_db(transaction=True)
def test_only_the_tile_whose_value_changed_is_drawn_again(manager, places, drawn):
    client = client_for(manager)
    governorate = places["governorates"][0]
    indicators = [
        IndicatorFactory(code=f"T-{n}", name_ar=f"مؤشر {n}", name_en=f"Indicator {n}") for n in range(3)
    ]
    values = [
        Measurement.objects.create(
            indicator=indicator,
            period_start=LAST_MONTH,
            region=places["region"],
            governorate=governorate,
            value=10 + n,
            status="submitted" if n == 1 else "verified",
        )  # fmt: skip
        for n, indicator in enumerate(indicators)
    ]
    page = client.get("/ar/dashboard/").content.decode()
    assert sorted(drawn) == ["T-0", "T-1", "T-2"] and "مؤشر 2" in page
    drawn.clear()

    measurements_verify(measurements=[values[1]], by=manager)  # the section is computed again
    page = client.get("/ar/dashboard/").content.decode()
    assert drawn == ["T-1"]  # the other two came from the cache
    assert '<span class="tile-value"><span class="text-nowrap">11</span></span>' in page
    assert page.count('class="card h-100 tile') == 3

    drawn.clear()
    english = client.get("/en/dashboard/").content.decode()
    assert sorted(drawn) == ["T-0", "T-1", "T-2"]  # each language draws its own
    assert "Indicator 2" in english and "مؤشر 2" not in english


@pytest.mark.django_db
def test_a_renamed_indicator_or_a_public_page_is_drawn_afresh(manager, places, drawn):
    indicator = IndicatorFactory(code="T-9", name_ar="قبل")
    Measurement.objects.create(
        indicator=indicator, period_start=LAST_MONTH, region=places["region"],
        governorate=places["governorates"][0], value=5, status="verified",
    )  # fmt: skip
    with translation.override("ar"):
        tiles = selectors.scorecard(indicators=selectors.dashboard_indicators())
        tile_html.draw_tiles(tiles)
        tile_html.draw_tiles(tiles)
        assert drawn == ["T-9"]
        tile_html.draw_tiles(tiles, public=True)  # links to the public page instead
        assert drawn == ["T-9", "T-9"] and "/indicators/T-9/" in str(tiles[0].html)
        tiles[0].indicator.name_ar = "بعد"
        tile_html.draw_tiles(tiles)
        assert drawn == ["T-9", "T-9", "T-9"] and "بعد" in str(tiles[0].html)
