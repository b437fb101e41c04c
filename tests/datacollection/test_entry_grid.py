"""Typing a breakdown as a grid (sex × age group): its rows, columns and total are added up."""

from decimal import Decimal

from learningcity.core.disaggregation import AgeGroup
from learningcity.datacollection import entry
from tests.factories import IndicatorFactory

AGES = [value for value, _label in AgeGroup.choices]


def _grid(code="G", female=(1, 2, 3, 4, 5), male=(10, 20, 30, 40, 50)):
    typed = {}
    for ages, sex in ((female, "female"), (male, "male")):
        for age, value in zip(AGES, ages, strict=True):
            if value is not None:
                typed[f"{code}|sex*age_group|{sex}*{age}"] = str(value)
    return typed


def test_a_complete_grid_gives_both_breakdowns_and_the_total(db):
    indicator = IndicatorFactory(code="G", allowed_disaggregations=["sex", "age_group", "nationality"])
    reading = entry.read([indicator], _grid())
    assert not reading.errors
    assert reading.total(indicator) == Decimal(165)
    parts = reading.parts(indicator)
    assert parts[("sex", "female")] == 15 and parts[("sex", "male")] == 150
    assert parts[("age_group", "0-14")] == 11 and parts[("age_group", "65+")] == 55
    # The grid's own cells stay in the form; the indicator keeps each dimension's parts.
    assert all("*" not in dimension for dimension, _category in parts)
    (row,) = entry.grid([indicator], _grid(), reading)
    assert row.cross is not None and len(row.cross.rows) == 2 and len(row.cross.columns) == 5
    assert [b.label for b in row.breakdowns] == ["الجنسية"]  # Arabic, the default language


def test_a_partly_typed_grid_points_at_its_first_empty_cell(db):
    indicator = IndicatorFactory(code="G", allowed_disaggregations=["sex", "age_group"])
    reading = entry.read([indicator], _grid(male=(10, 20, None, 40, 50)))
    assert list(reading.errors) == ["G|sex*age_group|male*25-44"]
    assert reading.total(indicator) is None


def test_a_typed_breakdown_must_agree_with_the_grid(db):
    indicator = IndicatorFactory(code="G", allowed_disaggregations=["sex", "age_group"])
    reading = entry.read([indicator], {**_grid(), "G|sex|female": "16"})
    assert list(reading.errors) == ["G|sex|female"]


def test_shares_are_never_a_grid(db):
    share = IndicatorFactory(
        code="S", unit="percent", aggregation="weighted_mean", allowed_disaggregations=["sex", "age_group"]
    )
    assert entry.grid_dimensions(share) is None


def test_a_cell_that_does_not_read_is_named_as_the_page_shows_it(db):
    from django.utils import translation

    indicator = IndicatorFactory(code="G", allowed_disaggregations=["sex", "age_group"])
    with translation.override("en"):
        labels = entry.cell_labels([indicator])
    assert labels["G"] == "G"
    assert labels["G|sex|male"] == "G — Male"
    assert labels["G|sex*age_group|female*0-14"] == "G — Female — Under 15"
