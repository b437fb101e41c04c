"""A platform that serves two regions: every place of the second region can be chosen, its
figures roll up from its own places only, its targets are its own, and reports, targets,
subscriptions and values entered for it are stored against it (until issue 20 each of these
took the first region whatever was asked)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from learningcity.indicators import geography, selectors, services
from learningcity.indicators.models import IndicatorTarget, Measurement, scope_key
from learningcity.notifications.models import Notification
from learningcity.reports.forms import ReportScopeForm
from learningcity.reports.models import ArchivedReport, GnlcReport, ReportSubscription
from learningcity.reports.scheduled import send_monthly_reports
from tests.conftest import client_for
from tests.factories import IndicatorFactory, InitiativeFactory, LearningCityFactory, RegionFactory

TODAY = timezone.localdate()
LAST_YEAR = dt.date(TODAY.year - 1, 1, 1)
START, END = TODAY - dt.timedelta(days=364), TODAY


@pytest.fixture
def regions(db, manager):
    first = RegionFactory(name_ar="منطقة المدينة المنورة", name_en="Madinah Region")
    second = RegionFactory(name_ar="منطقة تبوك", name_en="Tabuk Region")
    yanbu = LearningCityFactory(governorate__region=first, name_ar="ينبع", name_en="Yanbu")
    tabuk = LearningCityFactory(governorate__region=second, name_ar="تبوك", name_en="Tabuk")
    duba = LearningCityFactory(governorate__region=second, name_ar="ضباء", name_en="Duba")
    indicator = IndicatorFactory(code="LC-SUM", frequency="yearly", aggregation="sum", is_public=True)
    for city, value in ((yanbu, 100), (tabuk, 30), (duba, 20)):
        Measurement.objects.create(
            indicator=indicator, period_start=LAST_YEAR, region=city.region, learning_city=city,
            value=Decimal(value), status="verified",
        )  # fmt: skip
    for region, value in ((first, 150), (second, 60)):
        services.target_set(
            indicator=indicator, period_start=LAST_YEAR, region=region, value=Decimal(value), by=manager
        )
    InitiativeFactory(learning_city=yanbu, title_en="Yanbu initiative", start_date=START, end_date=END)
    InitiativeFactory(learning_city=tabuk, title_en="Tabuk initiative", start_date=START, end_date=END)
    return {
        "first": first,
        "second": second,
        "yanbu": yanbu,
        "tabuk": tabuk,
        "duba": duba,
        "indicator": indicator,
    }


def region(place) -> str:
    return scope_key(place.pk, None, None)


def test_each_region_is_a_choice_followed_by_its_own_places(regions):
    names = [name for _scope, name in geography.scope_choices(geography.geography())]
    first, second = names.index("منطقة المدينة المنورة"), names.index("منطقة تبوك")
    assert first < names.index("ينبع") < second < names.index("تبوك")
    assert second < names.index("ضباء")


def test_each_region_rolls_up_its_own_cities_against_its_own_target(regions):
    indicator = regions["indicator"]
    tiles = {
        name: selectors.scorecard(indicators=[indicator], scope=region(regions[name]))[0]
        for name in ("first", "second")
    }
    assert (tiles["first"].value, tiles["first"].target) == (Decimal(100), Decimal(150))
    assert (tiles["second"].value, tiles["second"].target) == (Decimal(50), Decimal(60))
    series = selectors.indicator_series(indicator=indicator, scope=region(regions["second"]))
    last = next(row for row in series["rows"] if row["period"] == LAST_YEAR)
    assert (last["value"], last["target"]) == (Decimal(50), Decimal(60))


def test_the_dashboard_shows_the_second_region(regions, manager):
    response = client_for(manager).get("/en/dashboard/", {"scope": region(regions["second"])})
    assert response.status_code == 200
    tile = response.context["tiles"][0]
    assert (tile.value, tile.target) == (Decimal(50), Decimal(60))
    assert b"Tabuk Region" in response.content


def test_a_value_reported_for_the_second_region_is_stored_against_it(regions, manager):
    indicator = IndicatorFactory(code="LC-NEW", frequency="yearly")
    response = client_for(manager).post(
        f"/en/indicators/{indicator.pk}/report/",
        {"period_start": LAST_YEAR.isoformat(), "scope": region(regions["second"]), "value": "12"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Measurement.objects.get(indicator=indicator).region == regions["second"]


def test_a_target_is_set_for_the_region_chosen(regions, manager):
    indicator = regions["indicator"]
    period = dt.date(TODAY.year, 1, 1)
    client = client_for(manager)
    client.post(
        f"/en/indicators/{indicator.pk}/targets/",
        {
            "period_start": period.isoformat(),
            "region": regions["second"].pk,
            "learning_city": "",
            "value": "70",
        },
    )
    assert IndicatorTarget.objects.get(period_start=period).region == regions["second"]
    # A city of another region is refused, in the user's language, and nothing is written.
    client.post(
        f"/ar/indicators/{indicator.pk}/targets/",
        {"period_start": period.isoformat(), "region": regions["first"].pk, "learning_city": regions["tabuk"].pk, "value": "9"},
    )  # fmt: skip
    assert IndicatorTarget.objects.filter(period_start=period).count() == 1


def test_the_report_form_offers_the_regions_and_reports_on_the_one_chosen(regions, manager):
    page = client_for(manager).get("/en/reports/").content.decode()
    assert 'name="region"' in page and "Tabuk Region" in page
    response = client_for(manager).get(
        "/en/reports/city.xlsx",
        {"region": regions["second"].pk, "learning_city": "", "start": START, "end": END, "language": "en"},
    )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = {
        str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value is not None
    }
    assert "Tabuk initiative" in cells and "Yanbu initiative" not in cells
    assert "Tabuk Region" in cells


def test_a_city_outside_the_chosen_region_is_refused_with_a_reason(regions, manager):
    form = ReportScopeForm(
        {"region": regions["first"].pk, "learning_city": regions["tabuk"].pk, "start": START, "end": END}
    )
    assert not form.is_valid()
    response = client_for(manager).get(
        "/ar/reports/city.pdf",
        {"region": regions["first"].pk, "learning_city": regions["tabuk"].pk, "start": START, "end": END},
    )
    assert response.status_code == 400
    assert "هذه المدينة المتعلمة ليست في المنطقة التي اخترتها" in response.content.decode()


def test_a_subscription_to_the_second_region_receives_that_regions_report(regions, manager):
    client = client_for(manager)
    client.post(
        "/en/reports/subscriptions/", {"region": regions["second"].pk, "learning_city": "", "language": "en"}
    )
    client.post(
        "/en/reports/subscriptions/", {"region": regions["first"].pk, "learning_city": "", "language": "en"}
    )
    assert set(ReportSubscription.objects.values_list("region", flat=True)) == {
        regions["first"].pk,
        regions["second"].pk,
    }
    assert send_monthly_reports(today=TODAY) == 2
    assert set(ArchivedReport.objects.values_list("region", flat=True)) == {
        regions["first"].pk,
        regions["second"].pk,
    }
    titles = set(Notification.objects.filter(recipient=manager).values_list("title", flat=True))
    assert any("Tabuk Region" in title for title in titles)
    assert any("Madinah Region" in title for title in titles)


def test_a_gnlc_report_is_started_for_the_region_chosen(regions, manager):
    client = client_for(manager)
    period = {"period_start": START, "period_end": END}
    client.post("/en/reports/gnlc/new/", {"region": regions["second"].pk, "learning_city": "", **period})
    assert GnlcReport.objects.get().region == regions["second"]
    response = client.post(
        "/en/reports/gnlc/new/",
        {"region": regions["second"].pk, "learning_city": regions["yanbu"].pk, **period},
    )
    assert response.status_code == 400
    assert GnlcReport.objects.count() == 1


def test_public_figures_name_every_regions_places(regions):
    response = client_for(None).get("/en/open-data/indicators/LC-SUM.csv")
    text = response.content.decode("utf-8-sig")
    assert "Tabuk" in text and "Duba" in text and "region:" not in text and "city:" not in text
