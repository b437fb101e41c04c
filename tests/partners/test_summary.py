"""The programme's head counts (partners.selectors.partner_summary): kept between views and
counted again as soon as an entity or a coordinator changes, on committed transactions as a
served process sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learningcity.accounts.models import Role
from learningcity.partners import services
from learningcity.partners.models import EntityStatus, Sector
from learningcity.partners.selectors import partner_summary
from tests.factories import EntityFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _counts():
    summary = partner_summary()
    sectors = {row["sector"]: row["count"] for row in summary["sectors"]}
    return summary["coordinators_men"], summary["coordinators_women"], sectors[Sector.PRIVATE]


def _tables_read(queries):
    return [q["sql"] for q in queries if "partners_" in q["sql"]]


def test_the_head_counts_are_kept_until_an_entity_or_a_coordinator_changes():
    manager = UserFactory(username="summary-manager", role=Role.PROGRAMME_MANAGER)
    entity = EntityFactory(sector=Sector.PRIVATE)
    services.coordinator_create(entity=entity, data={"full_name_ar": "سارة", "gender": "f"}, by=manager)
    assert _counts() == (0, 1, 1)

    with CaptureQueriesContext(connection) as queries:
        assert _counts() == (0, 1, 1)
    assert _tables_read(queries.captured_queries) == [], "a second view counts nothing again"

    added = services.coordinator_create(
        entity=entity, data={"full_name_ar": "خالد", "gender": "m"}, by=manager
    )
    assert _counts() == (1, 1, 1)

    services.coordinator_update(coordinator=added, data={"is_active": False}, by=manager)
    assert _counts() == (0, 1, 1)

    services.coordinator_delete(coordinator=added, by=manager)
    services.entity_update(entity=entity, data={"status": EntityStatus.INACTIVE}, by=manager)
    assert _counts() == (0, 1, 0)
