"""core/lookups.py: `any_of` finds what `in` finds, on either database."""

from learningcity.partners.models import Coordinator, Entity
from tests.factories import CoordinatorFactory, EntityFactory


def test_any_of_finds_the_rows_in_finds(db):
    first, second, _third = (EntityFactory(acronym=f"E{n}") for n in range(3))
    beyond = 2**63  # no row's id: it matches nothing rather than failing
    for values in (
        [first.pk, second.pk],
        [first.pk, first.pk, None],
        [],
        [second.pk, 10**6],
        [first.pk, beyond],
    ):
        assert set(Entity.objects.filter(pk__any_of=values)) == set(Entity.objects.filter(pk__in=values))
    # Text columns too.
    assert list(Entity.objects.filter(acronym__any_of=["E1", "nobody"])) == [second]
    # A foreign key's ids too.
    coordinator = CoordinatorFactory(entity=second)
    assert list(Coordinator.objects.filter(entity_id__any_of=[second.pk, beyond])) == [coordinator]
    assert not Coordinator.objects.filter(entity__any_of=[first.pk]).exists()
    # And in an update's condition.
    assert Entity.objects.filter(pk__any_of=[first.pk, second.pk]).update(acronym="X") == 2
    assert sorted(Entity.objects.values_list("acronym", flat=True)) == ["E2", "X", "X"]
