"""Validation rules: each kind, the comparison syntax, and their verdict on every write path
through measurement_submit (the form, the API and the import all call it)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from learningcity.indicators import rules, services
from learningcity.indicators.models import LockedPeriod, RuleImportance, RuleKind, ValidationRule
from tests.factories import IndicatorFactory

PERIOD = dt.date(2026, 3, 1)


def _rule(manager, **data):
    data.setdefault("name_ar", "قاعدة")
    data.setdefault("importance", RuleImportance.BLOCKING)
    return services.rule_save(data=data, by=manager)


def _report(indicator, by, value, places, parts=None, period=PERIOD):
    return services.measurement_submit(
        indicator=indicator, period_start=period, value=value, governorate=places["governorates"][0],
        parts=parts, by=by,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("LC-01", [(1, ("LC-01", "", ""))]),
        (
            "LC-01[sex:female] + LC-01[sex:male]",
            [(1, ("LC-01", "sex", "female")), (1, ("LC-01", "sex", "male"))],
        ),
        ("LC-01+LC-02 - LC-03", [(1, ("LC-01", "", "")), (1, ("LC-02", "", "")), (-1, ("LC-03", "", ""))]),
        ("- LC-01", [(-1, ("LC-01", "", ""))]),
    ],
)
def test_a_side_reads_as_signed_cells(text, terms):
    assert [(term.sign, term.cell) for term in rules.parse_side(text)] == terms


def test_a_side_reads_numbers_population_and_arabic_digits():
    number, population = rules.parse_side("١٠٠ + population")
    assert number.number == Decimal(100)
    assert population.population


@pytest.mark.parametrize(
    "text",
    ["", "LC-01 LC-02", "LC-01 + + LC-02", "LC-01 +", "LC-01[sex:unknown]", "LC-01[colour:red]", "a*b"],
)
def test_a_side_that_does_not_read_says_so(text):
    with pytest.raises(ValidationError):
        rules.parse_side(text)


def test_a_comparison_naming_an_unknown_indicator_is_refused(manager, places):
    with pytest.raises(ValidationError) as error:
        _rule(manager, kind=RuleKind.COMPARISON, left="NOPE-1", operator="le", right="100")
    assert "NOPE-1" in str(error.value)


def test_a_range_rule_needs_a_limit_and_an_indicator(manager, indicator):
    with pytest.raises(ValidationError) as error:
        _rule(manager, kind=RuleKind.RANGE)
    assert set(error.value.message_dict) == {"indicator", "minimum"}
    with pytest.raises(ValidationError):
        _rule(manager, kind=RuleKind.RANGE, indicator=indicator, minimum=Decimal(10), maximum=Decimal(5))


def test_only_a_manager_writes_rules(coordinator_a, indicator):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _rule(coordinator_a, kind=RuleKind.RANGE, indicator=indicator, maximum=Decimal(5))


def test_a_blocking_range_rule_stops_the_value_with_its_message(manager, coordinator_a, indicator, places):
    _rule(
        manager, kind=RuleKind.RANGE, indicator=indicator, maximum=Decimal(1000),
        message_ar="العدد أكبر من عدد السكان المتوقع", message_en="More than the expected population",
    )  # fmt: skip
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        _report(indicator, coordinator_a, 1001, places)
    assert error.value.message_dict["value"] == ["العدد أكبر من عدد السكان المتوقع"]
    assert not indicator.measurements.exists()
    _report(indicator, coordinator_a, 1000, places)
    assert indicator.measurements.get().value == 1000


def test_a_rule_without_a_message_says_what_is_wrong_in_numbers(manager, coordinator_a, indicator, places):
    _rule(manager, kind=RuleKind.RANGE, indicator=indicator, minimum=Decimal(50))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _report(indicator, coordinator_a, 12, places)
    assert error.value.message_dict["value"] == ["12 is below the minimum of 50."]


def test_a_warning_lets_the_value_through_and_is_returned(manager, coordinator_a, indicator, places):
    _rule(
        manager,
        kind=RuleKind.RANGE,
        indicator=indicator,
        maximum=Decimal(10),
        importance=RuleImportance.WARNING,
    )
    measurement = _report(indicator, coordinator_a, 11, places)
    assert [w.rule.kind for w in measurement.rule_warnings] == [RuleKind.RANGE]


def test_a_change_rule_compares_with_the_previous_period(manager, coordinator_a, indicator, places):
    _report(indicator, coordinator_a, 100, places, period=dt.date(2026, 2, 1))
    _rule(manager, kind=RuleKind.CHANGE, indicator=indicator, max_change_percent=Decimal(50))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _report(indicator, coordinator_a, 151, places)
    assert "51% away from the previous period's 100" in error.value.message_dict["value"][0]
    _report(indicator, coordinator_a, 149, places)


def test_a_change_rule_is_skipped_without_a_previous_value(manager, coordinator_a, indicator, places):
    _rule(manager, kind=RuleKind.CHANGE, indicator=indicator, max_change_percent=Decimal(1))
    _report(indicator, coordinator_a, 5000, places)


def test_a_whole_number_rule_holds_for_every_cell(manager, coordinator_a, places, entity_a):
    hours = IndicatorFactory(owner_entity=entity_a, unit="hours", allowed_disaggregations=["sex"])
    _rule(manager, kind=RuleKind.WHOLE_NUMBER, indicator=hours)
    with pytest.raises(ValidationError):
        _report(hours, coordinator_a, 10, places, parts={("sex", "female"): "4.5", ("sex", "male"): "5.5"})
    _report(hours, coordinator_a, 10, places, parts={("sex", "female"): "4", ("sex", "male"): "6"})


def test_breakdown_must_add_up_to_the_total(manager, coordinator_a, indicator, places):
    code = indicator.code
    _rule(
        manager, kind=RuleKind.COMPARISON, left=f"{code}[sex:female] + {code}[sex:male]", operator="eq", right=code
    )  # fmt: skip
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _report(indicator, coordinator_a, 10, places, parts={("sex", "female"): 4, ("sex", "male"): 5})
    assert error.value.message_dict["value"] == ["9 should be = 10."]
    _report(indicator, coordinator_a, 10, places, parts={("sex", "female"): 4, ("sex", "male"): 6})
    # A new total for the same period is held to the breakdown already stored…
    with pytest.raises(ValidationError):
        _report(indicator, coordinator_a, 12, places)
    # …and a period without a breakdown has nothing to compare: skipped, not failed.
    _report(indicator, coordinator_a, 12, places, period=dt.date(2026, 4, 1))


def test_a_comparison_between_indicators_reads_the_stored_value(manager, coordinator_a, places, entity_a):
    registered = IndicatorFactory(owner_entity=entity_a)
    completed = IndicatorFactory(owner_entity=entity_a)
    _rule(manager, kind=RuleKind.COMPARISON, left=completed.code, operator="le", right=registered.code)
    # Completed before registered is there: nothing to compare yet.
    _report(completed, coordinator_a, 80, places)
    with pytest.raises(ValidationError):
        _report(registered, coordinator_a, 70, places)
    _report(registered, coordinator_a, 90, places)
    assert ValidationRule.objects.get().reads.count() == 2


def test_population_is_the_places_own(manager, coordinator_a, indicator, places):
    _rule(manager, kind=RuleKind.COMPARISON, left=indicator.code, operator="le", right="population")
    with pytest.raises(ValidationError):
        _report(indicator, coordinator_a, 601, places)  # the first governorate holds 600 people
    _report(indicator, coordinator_a, 600, places)


def test_an_inactive_rule_checks_nothing(manager, coordinator_a, indicator, places):
    _rule(manager, kind=RuleKind.RANGE, indicator=indicator, maximum=Decimal(1), is_active=False)
    _report(indicator, coordinator_a, 500, places)


def test_a_locked_period_refuses_a_change_and_a_return(manager, coordinator_a, indicator, places):
    measurement = _report(indicator, coordinator_a, 10, places)
    LockedPeriod.objects.create(indicator=indicator, period_start=PERIOD, scope=measurement.scope)
    with pytest.raises(ValidationError) as error:
        _report(indicator, coordinator_a, 11, places)
    assert "مقفلة" in str(error.value)
    with pytest.raises(ValidationError):
        services.measurement_return(measurements=[measurement], reason="خطأ", by=manager)
    measurement.refresh_from_db()
    assert measurement.value == 10
