from types import SimpleNamespace as Row

from learningcity.skills.charts import gap_bars


def test_a_bar_is_as_long_as_the_need_and_its_parts_never_run_past_it():
    rows = [
        Row(needed=200, trained=7, places=127, unmet=66),
        Row(needed=60, trained=36, places=327, unmet=0),  # more on offer than needed
        Row(needed=0, trained=0, places=50, unmet=0),  # supply without demand
    ]
    first, second, third = gap_bars(rows)
    assert (first.trained, first.places, first.unmet) == (3.5, 63.5, 33.0)
    assert first.unmet_x == "67.00" and first.places_x == "3.50"
    assert (second.trained, second.places, second.unmet) == (18.0, 12.0, 0.0)
    assert third.places == 25.0
    assert gap_bars([]) == []
