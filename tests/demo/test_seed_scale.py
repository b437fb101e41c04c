"""The scale data set: the sizes it promises and the same records on every run."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from learningcity.catalogue.models import Learner, Opportunity, Registration
from learningcity.coordination.models import ActionItem, Meeting
from learningcity.demo.scale import SIZES, Builder, Size
from learningcity.indicators.models import Indicator, Measurement
from learningcity.partners.models import Coordinator, Entity
from learningcity.programme.models import Initiative

TINY = Size(
    entities=10, coordinators=20, meetings=3, action_items=12, initiatives=8, indicators=2, months=3,
    opportunities=30, learners=25, registrations=60,
)  # fmt: skip


def build_tiny() -> tuple:
    Builder(TINY, say=lambda _line: None).build()
    counts = tuple(
        model.objects.count()
        for model in (
            Entity,
            Coordinator,
            Meeting,
            ActionItem,
            Initiative,
            Indicator,
            Opportunity,
            Learner,
            Registration,
        )
    )
    sample = (
        list(Opportunity.objects.order_by("pk").values_list("title_ar", "governorate__code")[:5]),
        list(
            Registration.objects.order_by("pk").values_list(
                "learner__full_name", "session__opportunity__title_ar"
            )[:5]
        ),
        list(Measurement.objects.order_by("pk").values_list("value", flat=True)[:9]),
    )
    return counts, sample


def test_sizes_are_built_as_promised_and_the_same_every_time(db):
    with transaction.atomic():
        first = build_tiny()
        transaction.set_rollback(True)
    second = build_tiny()
    assert first == second
    counts, _sample = second
    assert counts == (10, 20, 3, 12, 8, 2, 30, 25, 60)
    # 2 indicators × 3 months × 9 governorates, each a total and a breakdown by sex.
    assert Measurement.objects.count() == 2 * 3 * 9 * 3
    assert not Opportunity.objects.filter(search_title="").exists()  # searchable as if saved one by one


def test_the_regional_size_is_the_region():
    regional = SIZES["regional"]
    assert (regional.entities, regional.coordinators, regional.initiatives) == (2_000, 10_000, 5_000)
    assert (regional.opportunities, regional.learners, regional.registrations) == (50_000, 300_000, 1_000_000)


def test_seed_scale_refuses_a_database_with_data(db):
    from tests.factories import InitiativeFactory

    InitiativeFactory()
    with pytest.raises(CommandError):
        call_command("seed_scale", "--size", "small")
