"""Each indicator's rolled-up series is kept until one of its own values changes
(indicators/kept_series.py): the first scorecard after a change rolls up that indicator only,
and never shows a series older than its values or its places."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learningcity.indicators import selectors
from learningcity.indicators.models import Measurement
from learningcity.indicators.services import measurements_record_many
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db(transaction=True)

LAST_MONTH = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _value(indicator, places, governorate, value, status="verified"):
    return Measurement.objects.create(
        indicator=indicator, period_start=LAST_MONTH, region=places["region"], governorate=governorate,
        value=Decimal(value), status=status,
    )  # fmt: skip


def _values(indicators, **kwargs):
    return {tile.indicator.code: tile.value for tile in selectors.scorecard(indicators=indicators, **kwargs)}


def _measurement_reads(indicators, **kwargs):
    """The indicator ids whose values the scorecard read from the measurements."""
    with CaptureQueriesContext(connection) as captured:
        selectors.scorecard(indicators=indicators, **kwargs)
    return [
        sorted(i.pk for i in indicators if f"{i.pk}" in query["sql"].split("ANY", 1)[-1].split(")")[0])
        for query in captured
        if 'FROM "indicators_measurement"' in query["sql"] and '"value"' in query["sql"]
    ]


def test_a_changed_value_rolls_up_its_indicator_again_and_only_it(places):
    g1, g2, _g3 = places["governorates"]
    enrolled = IndicatorFactory(code="enrolled", aggregation="sum")
    centres = IndicatorFactory(code="centres", aggregation="sum")
    first = _value(enrolled, places, g1, 60)
    _value(enrolled, places, g2, 30)
    _value(centres, places, g1, 4)
    indicators = [enrolled, centres]
    assert _values(indicators) == {"enrolled": Decimal(90), "centres": Decimal(4)}
    assert _measurement_reads(indicators) == []  # both kept

    first.value = Decimal(70)
    first.save()
    assert _measurement_reads(indicators) == [[enrolled.pk]]
    assert _values(indicators) == {"enrolled": Decimal(100), "centres": Decimal(4)}

    first.delete()
    assert _values(indicators) == {"enrolled": Decimal(30), "centres": Decimal(4)}


def test_values_written_in_bulk_by_a_form_show_at_once(places, coordinator_a, entity_a):
    """measurements_record_many writes with bulk_create/bulk_update, which send no signal:
    it tells the kept series and the scorecard itself. A verified value replaced by a new
    one leaves the verified scorecard until the new one is verified."""
    g1 = places["governorates"][0]
    enrolled = IndicatorFactory(code="enrolled", aggregation="sum", owner_entity=entity_a)
    _value(enrolled, places, g1, 60)
    assert _values([enrolled]) == {"enrolled": Decimal(60)}
    assert _values([enrolled], provisional=True) == {"enrolled": Decimal(60)}

    measurements_record_many(
        indicators=[enrolled], period_start=LAST_MONTH, region=places["region"], learning_city=None,
        governorate=g1, values={("enrolled", "", ""): Decimal(65)}, by=coordinator_a,
    )  # fmt: skip
    assert _values([enrolled], provisional=True) == {"enrolled": Decimal(65)}
    assert _values([enrolled]) == {"enrolled": None}


def test_a_change_to_the_places_rolls_everything_up_again(places):
    """A roll-up weighs governorates by population: a new population is a new series."""
    g1, g2, g3 = places["governorates"]
    share = IndicatorFactory(code="share", unit="percent", aggregation="weighted_mean")
    for governorate, value in ((g1, 50), (g2, 20), (g3, 80)):
        _value(share, places, governorate, value)
    assert _values([share]) == {"share": Decimal(44)}  # (50×600 + 20×300 + 80×100) / 1000
    g3.population = 1100
    g3.save()
    assert _values([share]) == {"share": Decimal(62)}  # (50×600 + 20×300 + 80×1100) / 2000


def test_what_counts_and_where_are_kept_apart(places):
    g1, g2, _g3 = places["governorates"]
    enrolled = IndicatorFactory(code="enrolled", aggregation="sum")
    _value(enrolled, places, g1, 60)
    _value(enrolled, places, g2, 30, status="submitted")
    assert _values([enrolled]) == {"enrolled": Decimal(60)}
    assert _values([enrolled], provisional=True) == {"enrolled": Decimal(90)}
    assert _values([enrolled], scope=f"governorate:{g2.pk}", provisional=True) == {"enrolled": Decimal(30)}
    assert _values([enrolled], until=LAST_MONTH - dt.timedelta(days=1)) == {"enrolled": None}
    # An indicator's rule changed: its series is rolled up by the new rule.
    enrolled.aggregation = "max"
    enrolled.save()
    assert _values([enrolled], provisional=True) == {"enrolled": Decimal(60)}


def test_what_only_another_region_reports_is_kept_with_the_series(places):
    """An indicator another region alone reports has no tile here; that is settled with its
    kept series, so a view with everything kept asks the measurements nothing, and the
    indicator's first value elsewhere takes its tile away at once."""
    from learningcity.core.models import Governorate, Region

    other = Region.objects.create(code="other-region", name_ar="منطقة أخرى", population=500)
    there = Governorate.objects.create(region=other, code="o1", name_ar="محافظة أخرى", population=500)
    ours, theirs, later = (IndicatorFactory(code=code) for code in ("ours", "theirs", "later"))
    _value(ours, places, places["governorates"][0], 10)
    Measurement.objects.create(
        indicator=theirs, period_start=LAST_MONTH, region=other, governorate=there, value=7, status="verified"
    )  # fmt: skip
    indicators = [ours, theirs, later]
    assert _values(indicators) == {"ours": Decimal(10), "later": None}
    with CaptureQueriesContext(connection) as captured:
        assert _values(indicators) == {"ours": Decimal(10), "later": None}
    assert not [query for query in captured if "indicators_measurement" in query["sql"]]

    Measurement.objects.create(
        indicator=later, period_start=LAST_MONTH, region=other, governorate=there, value=3, status="verified"
    )  # fmt: skip
    assert _values(indicators) == {"ours": Decimal(10)}


def test_inside_a_transaction_that_changed_a_value_nothing_is_kept(places):
    from django.db import transaction

    g1 = places["governorates"][0]
    enrolled = IndicatorFactory(code="enrolled", aggregation="sum")
    value = _value(enrolled, places, g1, 60)
    with pytest.raises(RuntimeError), transaction.atomic():
        value.value = Decimal(1)
        value.save()
        assert _values([enrolled]) == {"enrolled": Decimal(1)}  # its own write…
        raise RuntimeError
    assert _values([enrolled]) == {"enrolled": Decimal(60)}  # …never kept past its rollback
