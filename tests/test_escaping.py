"""Stored text is always escaped. The permission matrix (tests/test_permission_matrix.py) walks
every page with a script payload planted in every free-text column and fails on any page that
prints it raw; these tests check that the planting reaches the columns people type into and
that the pages walked really show the planted text (escaped)."""

from __future__ import annotations

import pytest

from tests.conftest import client_for
from tests.world import UNESCAPED, build_world, plant_payloads

ESCAPED = "&lt;xss-probe&gt;"


@pytest.fixture
def world(db):
    world = build_world()
    world["planted"] = plant_payloads()
    return world


def test_payloads_reach_the_columns_people_type_into(world):
    planted = set(world["planted"])
    for column in (
        "partners.Entity.name_ar",
        "partners.Entity.name_en",
        "programme.Initiative.title_ar",
        "programme.Initiative.description_en",
        "programme.InitiativeNote.text",
        "coordination.Decision.text_ar",
        "coordination.Attendance.name",
        "catalogue.Opportunity.description_ar",
        "catalogue.Learner.full_name",
        "catalogue.Learner.accommodation_needs",
        "indicators.Indicator.name_ar",
        "notifications.Announcement.body_ar",
    ):
        assert column in planted, column
    assert len(planted) > 150  # 157 when written


@pytest.mark.parametrize("language", ["ar", "en"])
def test_pages_show_the_planted_text_escaped(world, language):
    pages = {
        "manager": [
            f"/{language}/partners/{world['entity_a'].pk}/",
            f"/{language}/initiatives/{world['initiative'].pk}/",
            f"/{language}/meetings/{world['meeting'].pk}/",
            f"/{language}/action-items/{world['action_item'].pk}/",
            f"/{language}/indicators/{world['indicator'].pk}/",
            f"/{language}/opportunities/manage/sessions/{world['session'].pk}/registrants/",
            f"/{language}/audit/",
        ],
        "anonymous": [
            f"/{language}/opportunities/{world['opportunity'].pk}/",
            f"/{language}/opportunities/providers/{world['entity_a'].pk}/",
        ],
        "learner": [f"/{language}/learn/my-learning/"],
    }
    for role, addresses in pages.items():
        client = client_for(world["users"][role])
        for address in addresses:
            body = client.get(address).content.decode()
            assert ESCAPED in body, (role, address)
            assert not [text for text in UNESCAPED if text in body], (role, address)
