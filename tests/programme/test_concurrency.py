"""Two owners' coordinators approving overlapping bookings of one venue at the same moment:
exactly one approval wins. Run with real transactions on PostgreSQL (SQLite serialises
writers, so there is nothing concurrent to prove there)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from learningcity.programme.models import ResourceRequest
from learningcity.programme.services.resources import resource_request_decide
from tests.concurrency import at_the_same_moment
from tests.factories import EntityFactory, InitiativeFactory, ResourceFactory, coordinator_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL for concurrent transactions")
def test_parallel_approvals_never_double_book():
    owner = EntityFactory()
    approvers = [coordinator_user(owner, f"keeper{n}") for n in range(2)]
    venue = ResourceFactory(owner_entity=owner, kind="venue")
    today = timezone.localdate()
    requests = [
        ResourceRequest.objects.create(
            resource=venue,
            initiative=InitiativeFactory(),
            start_date=today,
            end_date=today + dt.timedelta(days=2),
        ),
        ResourceRequest.objects.create(
            resource=venue,
            initiative=InitiativeFactory(),
            start_date=today + dt.timedelta(days=1),
            end_date=today + dt.timedelta(days=3),
        ),
    ]
    results = at_the_same_moment(
        [
            lambda index=index: resource_request_decide(
                request=requests[index], approve=True, by=approvers[index]
            )
            for index in range(2)
        ]
    )
    outcomes = ["refused" if isinstance(result, ValidationError) else "approved" for result in results]
    assert sorted(outcomes) == ["approved", "refused"], results
    assert ResourceRequest.objects.filter(status="approved").count() == 1
