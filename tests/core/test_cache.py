"""core.cache: cached results keyed by a data generation that a committed change moves on."""

import pytest
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from learningcity.core import cache as result_cache
from learningcity.core.models import CacheGeneration, Region

pytestmark = pytest.mark.django_db(transaction=True)


def counting_compute(values):
    calls = []

    def compute():
        calls.append(1)
        return values[len(calls) - 1]

    return compute, calls


def test_a_result_is_computed_once_per_generation():
    compute, calls = counting_compute(["first", "second"])
    assert result_cache.cached("things", ("a",), compute) == "first"
    assert result_cache.cached("things", ("a",), compute) == "first"
    assert len(calls) == 1
    result_cache.bump("things")  # outside a transaction: at once
    assert result_cache.cached("things", ("a",), compute) == "second"
    assert len(calls) == 2


def test_keys_are_kept_apart():
    assert result_cache.cached("things", ("a",), lambda: 1) == 1
    assert result_cache.cached("things", ("b",), lambda: 2) == 2
    assert result_cache.cached("other", ("a",), lambda: 3) == 3


def test_the_generation_moves_only_when_the_transaction_commits():
    with transaction.atomic():
        result_cache.bump("things")
        result_cache.bump("things")  # several changes, one bump
        assert result_cache.generation("things") == 0
    assert result_cache.generation("things") == 1


def test_a_rolled_back_change_does_not_move_the_generation():
    with pytest.raises(RuntimeError), transaction.atomic():
        result_cache.bump("things")
        raise RuntimeError
    assert result_cache.generation("things") == 0
    assert not CacheGeneration.objects.exists()


def test_a_transaction_that_changed_the_data_reads_past_the_cache():
    assert result_cache.cached("things", (), lambda: "old") == "old"
    with transaction.atomic():
        result_cache.bump("things")
        assert result_cache.cached("things", (), lambda: "fresh") == "fresh"
    # …and after the commit the old entry is not used any more.
    assert result_cache.cached("things", (), lambda: "new") == "new"


def test_saving_or_deleting_a_watched_model_moves_the_generation():
    result_cache.invalidate_on("regions-test", Region)
    try:
        region = Region.objects.create(code="test", name_ar="منطقة", name_en="Region")
        assert result_cache.generation("regions-test") == 1
        region.name_en = "Renamed"
        region.save()
        assert result_cache.generation("regions-test") == 2
        region.delete()
        assert result_cache.generation("regions-test") == 3
    finally:
        post_save.disconnect(sender=Region, dispatch_uid="regions-test:core.Region:save")
        post_delete.disconnect(sender=Region, dispatch_uid="regions-test:core.Region:delete")


def test_several_names_move_on_in_one_query_and_read_in_one():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result_cache.bump("a")
    names = ["a", "b", "c"]
    result_cache.bump(*names)  # the two never bumped before start at 1
    assert result_cache.settled_generations(names) == {"a": 2, "b": 1, "c": 1}
    with CaptureQueriesContext(connection) as captured:
        result_cache.bump("b", "c")
    assert len(captured) == 1
    assert result_cache.settled_generations(names) == {"a": 2, "b": 2, "c": 2}
    with transaction.atomic():
        result_cache.bump("b")
        with CaptureQueriesContext(connection) as captured:
            read = result_cache.settled_generations([*names, "never"])
        assert len(captured) == 1
        assert read == {"a": 2, "b": None, "c": 2, "never": 0}  # b is changing in this transaction
    assert result_cache.settled_generations(["b"]) == {"b": 3}
