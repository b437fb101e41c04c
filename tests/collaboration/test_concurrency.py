"""Two of an initiative's coordinators accepting two offers at the same moment, together more
than the need lacks: exactly one is accepted, and the initiative's funding never exceeds the
need. Real transactions on PostgreSQL (SQLite serialises writers: nothing concurrent to prove)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from learningcity.collaboration.models import Need, Pledge
from learningcity.collaboration.services.marketplace import pledge_decide
from learningcity.programme.models import InitiativeFunding
from tests.concurrency import at_the_same_moment
from tests.factories import EntityFactory, InitiativeFactory, coordinator_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL for concurrent transactions")
def test_parallel_acceptances_never_overfill_a_need():
    owner = EntityFactory()
    deciders = [coordinator_user(owner, f"owner{n}") for n in range(2)]
    initiative = InitiativeFactory(owner_entity=owner)
    need = Need.objects.create(
        initiative=initiative, kind="funding", title_ar="تمويل", amount=Decimal(100_000),
        deadline=timezone.localdate() + dt.timedelta(days=5),
    )  # fmt: skip
    pledges = [
        Pledge.objects.create(need=need, entity=EntityFactory(sector="private"), size=Decimal(60_000))
        for _ in range(2)
    ]
    results = at_the_same_moment(
        [
            lambda index=index: pledge_decide(pledge=pledges[index], accept=True, by=deciders[index])
            for index in range(2)
        ]
    )
    outcomes = ["refused" if isinstance(result, ValidationError) else result.status for result in results]
    assert sorted(outcomes) == ["accepted", "refused"], results
    assert InitiativeFunding.objects.filter(initiative=initiative).count() == 1
    assert Pledge.objects.filter(status="accepted").count() == 1
