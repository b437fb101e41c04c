import datetime as dt
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learningcity.indicators import calc, geography, selectors
from learningcity.indicators.geography import value_at
from learningcity.indicators.models import IndicatorTarget, Measurement, scope_key
from tests.factories import IndicatorFactory

PERIOD = dt.date(2026, 1, 1)


def _value(
    indicator,
    places,
    value,
    *,
    governorate=None,
    city=None,
    dimension="",
    category="",
    period=PERIOD,
    status="verified",
    denominator=None,
):
    return Measurement.objects.create(
        indicator=indicator, period_start=period, region=places["region"], governorate=governorate, learning_city=city,
        dimension=dimension, category=category, value=Decimal(value), status=status, denominator=denominator,
    )  # fmt: skip


def _cells(indicator):
    return {
        m.scope: calc.Point(m.value, m.denominator)
        for m in Measurement.objects.filter(indicator=indicator, dimension="")
    }


def test_roll_up_governorate_city_region(places):
    indicator = IndicatorFactory(aggregation="sum")
    g1, g2, g3 = places["governorates"]
    for governorate, value in ((g1, 60), (g2, 30), (g3, 10)):
        _value(indicator, places, value, governorate=governorate)
    geo = geography.geography()
    cells = _cells(indicator)
    assert value_at(f"city:{places['city'].pk}", cells, geo, "sum") == Decimal(60)
    assert value_at(scope_key(places["region"].pk, None, None), cells, geo, "sum") == Decimal(100)


def test_a_city_value_replaces_its_governorates_without_double_counting(places):
    indicator = IndicatorFactory(aggregation="sum")
    g1, g2, _g3 = places["governorates"]
    _value(indicator, places, 60, governorate=g1)
    _value(indicator, places, 30, governorate=g2)
    _value(indicator, places, 75, city=places["city"])  # the city reports for itself
    geo = geography.geography()
    assert value_at(f"region:{places['region'].pk}", _cells(indicator), geo, "sum") == Decimal(105)


def test_weighted_mean_uses_population_when_no_denominator(places):
    indicator = IndicatorFactory(unit="percent", aggregation="weighted_mean")
    g1, g2, g3 = places["governorates"]
    for governorate, value in ((g1, 50), (g2, 20), (g3, 80)):
        _value(indicator, places, value, governorate=governorate)
    geo = geography.geography()
    # (50×600 + 20×300 + 80×100) / 1000 = 44
    assert value_at(f"region:{places['region'].pk}", _cells(indicator), geo, "weighted_mean") == Decimal(44)


def test_inconsistent_breakdowns_are_flagged(places):
    indicator = IndicatorFactory(aggregation="sum", allowed_disaggregations=["sex"])
    g1 = places["governorates"][0]
    _value(indicator, places, 100, governorate=g1)
    _value(indicator, places, 70, governorate=g1, dimension="sex", category="female")
    _value(indicator, places, 40, governorate=g1, dimension="sex", category="male")
    issues = selectors.consistency_issues(indicator=indicator)
    assert [(i["dimension"], i["parts"], i["total"]) for i in issues] == [("sex", Decimal(110), Decimal(100))]


def test_only_verified_values_reach_the_scorecard(places):
    indicator = IndicatorFactory(frequency="monthly", direction="higher")
    g1 = places["governorates"][0]
    period = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    _value(indicator, places, 90, governorate=g1, period=period)
    _value(indicator, places, 500, governorate=places["governorates"][1], period=period, status="submitted")
    IndicatorTarget.objects.create(indicator=indicator, period_start=period, value=Decimal(100))
    tile = selectors.scorecard(indicators=[indicator])[0]
    assert (tile.value, tile.target, tile.status, tile.fresh) == (Decimal(90), Decimal(100), "at_risk", True)


def test_scorecard_queries_do_not_grow_with_indicators(places):
    g1 = places["governorates"][0]

    def add(count):
        for _ in range(count):
            indicator = IndicatorFactory()
            _value(indicator, places, 5, governorate=g1)
            IndicatorTarget.objects.create(indicator=indicator, period_start=PERIOD, value=Decimal(5))

    def queries():
        from learningcity.indicators.models import Indicator

        with CaptureQueriesContext(connection) as captured:
            selectors.scorecard(indicators=Indicator.objects.all(), until=dt.date(2026, 3, 1))
        return len(captured)

    add(3)
    few = queries()
    add(25)
    assert queries() == few


def test_freshness_score(places, entity_a, entity_b):
    today = timezone.localdate()
    expected = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    on_time = IndicatorFactory(owner_entity=entity_a)
    late = IndicatorFactory(owner_entity=entity_a)
    IndicatorFactory(owner_entity=entity_b)
    _value(on_time, places, 1, governorate=places["governorates"][0], period=expected, status="submitted")
    _value(late, places, 1, governorate=places["governorates"][0], period=dt.date(2020, 1, 1))
    result = selectors.freshness(today=today)
    assert result["score"] == 33
    scores = {row["entity"].pk: row["score"] for row in result["entities"]}
    assert scores == {entity_a.pk: 50, entity_b.pk: 0}


def test_computed_indicators_are_stored_verified_and_recomputing_overwrites(places, entity_a, entity_b):
    indicator = IndicatorFactory(
        computed_key="active_partner_entities", aggregation="latest", allowed_disaggregations=["sector"]
    )
    call_command("compute_indicators", verbosity=0)
    call_command("compute_indicators", verbosity=0)
    rows = dict(Measurement.objects.filter(indicator=indicator).values_list("category", "value"))
    assert rows[""] == Decimal(2)
    assert rows["government"] == Decimal(1) and rows["private"] == Decimal(1)
    assert set(Measurement.objects.filter(indicator=indicator).values_list("status", "is_computed")) == {
        ("verified", True)
    }


def test_indicator_page_rolls_months_into_years_by_the_rule(places):
    indicator = IndicatorFactory(frequency="monthly", aggregation="latest")
    g1 = places["governorates"][0]
    for month, value in ((1, 5), (2, 9), (3, 7)):
        _value(indicator, places, value, governorate=g1, period=dt.date(2025, month, 1))
    series = selectors.indicator_series(indicator=indicator)
    assert series["yearly"] == [{"year": 2025, "value": Decimal(7), "periods": 3}]
    summed = IndicatorFactory(frequency="monthly", aggregation="sum")
    for month in (1, 2):
        _value(summed, places, 10, governorate=g1, period=dt.date(2025, month, 1))
    assert selectors.indicator_series(indicator=summed)["yearly"][0]["value"] == Decimal(20)


def test_a_tile_says_what_changed_since_the_period_before_and_whether_that_is_better(places):
    lower = IndicatorFactory(frequency="yearly", direction="lower")
    g1 = places["governorates"][0]
    for year, value in ((2023, 50), (2025, 40)):  # 2024 not reported: the change is since 2023
        _value(lower, places, value, governorate=g1, period=dt.date(year, 1, 1))
    tile = selectors.scorecard(indicators=[lower], until=dt.date(2025, 6, 1))[0]
    assert tile.previous == (dt.date(2023, 1, 1), Decimal(50))
    assert tile.change == Decimal(-10) and tile.change_is_better is True
    higher = IndicatorFactory(frequency="yearly", direction="higher")
    _value(higher, places, 40, governorate=g1, period=dt.date(2025, 1, 1))
    only = selectors.scorecard(indicators=[higher], until=dt.date(2025, 6, 1))[0]
    assert only.previous is None and only.change is None and only.change_is_better is None


def test_a_region_scorecard_leaves_out_what_only_another_region_reports(places):
    """On a platform serving several regions, another region's own measure is not an empty
    tile on this one's scorecard; one nobody has reported yet is (it is missing everywhere)."""
    from learningcity.core.models import Governorate, Region

    other = Region.objects.create(code="other-region", name_ar="منطقة أخرى", population=500)
    elsewhere = Governorate.objects.create(region=other, code="o1", name_ar="محافظة أخرى", population=500)
    ours, theirs, unreported = (IndicatorFactory(code=code) for code in ("OURS", "THEIRS", "NONE"))
    _value(ours, places, 10, governorate=places["governorates"][0])
    Measurement.objects.create(
        indicator=theirs, period_start=PERIOD, region=other, governorate=elsewhere, value=Decimal(7), status="verified"
    )  # fmt: skip
    indicators = [ours, theirs, unreported]
    until = dt.date(2026, 3, 1)

    def codes(**options):
        return [
            tile.indicator.code for tile in selectors.scorecard(indicators=indicators, until=until, **options)
        ]

    assert codes() == ["OURS", "NONE"]  # the first region is the default place
    assert codes(scope=f"city:{places['city'].pk}") == ["OURS", "NONE"]
    assert codes(scope=f"region:{other.pk}") == ["THEIRS", "NONE"]
    # The list of every indicator keeps them all, each with its value here (or none).
    tiles = selectors.scorecard(indicators=indicators, until=until, reported_elsewhere=True)
    assert [(t.indicator.code, t.value) for t in tiles] == [
        ("OURS", Decimal(10)),
        ("THEIRS", None),
        ("NONE", None),
    ]
