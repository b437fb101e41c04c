"""Declaring skills in demand (who may, for which entity, what bad input says) and keeping the
skills list (groups, other names that the catalogue's search uses, CSV import)."""

from __future__ import annotations

import pytest

from learningcity.catalogue.selectors import opportunity_search
from learningcity.core.models import AuditEntry
from learningcity.skills.models import Skill, SkillDemand, SkillGroup
from tests.conftest import client_for
from tests.exchange.test_imports import csv_bytes, run
from tests.factories import (
    EntityFactory,
    GovernorateFactory,
    OpportunityFactory,
    SkillFactory,
    coordinator_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def skill():
    return SkillFactory(name_ar="صيانة الطائرات المسيّرة", name_en="Drone maintenance")


@pytest.fixture
def governorate():
    return GovernorateFactory()


def _form(entity, skill, governorate, **changes):
    return {
        "entity": entity.pk, "skill": skill.pk, "governorate": governorate.pk, "people_needed": "40",
        "horizon": "1y", "sector": "logistics", "pledged_funding": "120000", "pledged_places": "15", **changes,
    }  # fmt: skip


def test_a_private_sector_coordinator_declares_demand_for_their_entity(
    coordinator_b, entity_b, skill, governorate
):
    client = client_for(coordinator_b)
    response = client.post("/ar/skills/demand/new/", _form(entity_b, skill, governorate))
    assert response.status_code == 302
    demand = SkillDemand.objects.get()
    assert (demand.entity, demand.people_needed, demand.pledged_places, demand.created_by) == (
        entity_b,
        40,
        15,
        coordinator_b,
    )
    assert AuditEntry.objects.for_object(demand).exists()
    assert "صيانة الطائرات المسيّرة" in client.get("/ar/skills/").content.decode()


def test_no_one_declares_for_another_entity(coordinator_b, entity_a, entity_b, skill, governorate):
    client = client_for(coordinator_b)
    response = client.post("/ar/skills/demand/new/", _form(entity_a, skill, governorate))
    assert response.status_code == 400 and not SkillDemand.objects.exists()
    theirs = SkillDemand.objects.create(
        entity=entity_a, skill=skill, governorate=governorate, people_needed=5, sector="ict"
    )
    assert (
        client.post(f"/ar/skills/demand/{theirs.pk}/edit/", _form(entity_b, skill, governorate)).status_code
        == 403
    )
    assert client.post(f"/ar/skills/demand/{theirs.pk}/withdraw/").status_code == 403
    theirs.refresh_from_db()
    assert theirs.entity == entity_a and theirs.withdrawn_at is None


def test_non_profit_coordinators_viewers_and_learners_cannot_declare(viewer, learner, skill, governorate):
    charity = EntityFactory(sector="nonprofit")
    coordinator = coordinator_user(charity, "charity_coordinator")
    for user, status in ((coordinator, 403), (viewer, 403), (learner, 403)):
        assert (
            client_for(user).post("/ar/skills/demand/new/", _form(charity, skill, governorate)).status_code
            == status
        )
    assert not SkillDemand.objects.exists()
    assert "Declare a skill in demand" not in client_for(viewer).get("/en/skills/").content.decode()


def test_bad_input_is_explained_in_arabic_and_keeps_what_was_typed(
    coordinator_b, entity_b, skill, governorate
):
    response = client_for(coordinator_b).post(
        "/ar/skills/demand/new/",
        _form(entity_b, skill, governorate, people_needed="0", note="نحتاجهم قبل الموسم"),
    )
    page = response.content.decode()
    assert response.status_code == 400 and "نحتاجهم قبل الموسم" in page
    assert "تحقق من أن تكون هذه القيمة أكثر من 1 أو مساوية لها." in page
    assert not SkillDemand.objects.exists()


def test_withdrawn_demand_leaves_the_gap_view(coordinator_a, entity_a, skill, governorate):
    demand = SkillDemand.objects.create(
        entity=entity_a, skill=skill, governorate=governorate, people_needed=9, sector="ict"
    )
    client = client_for(coordinator_a)
    assert client.post(f"/ar/skills/demand/{demand.pk}/withdraw/").status_code == 302
    demand.refresh_from_db()
    assert demand.withdrawn_at is not None
    assert "صيانة الطائرات المسيّرة" not in client.get("/ar/skills/").content.decode()


def test_a_skills_other_names_find_its_opportunities(manager, skill):
    opportunity = OpportunityFactory(title_ar="دورة تقنية")
    opportunity.skills.add(skill)
    opportunity.refresh_search_index()
    opportunity.save()
    assert list(opportunity_search(filters={"q": "درون"})[0]) == []
    response = client_for(manager).post(
        f"/ar/skills/list/{skill.pk}/edit/",
        {"code": skill.code, "name_ar": skill.name_ar, "name_en": skill.name_en, "group": skill.group_id,
         "synonyms": "درون، الطائرات بدون طيار"},
    )  # fmt: skip
    assert response.status_code == 302
    assert list(opportunity_search(filters={"q": "درون"})[0]) == [opportunity]
    assert list(opportunity_search(filters={"q": "طائرات بدون طيار"})[0]) == [opportunity]


def test_managers_keep_the_groups_and_skills_others_read_them(manager, coordinator_a, skill):
    client = client_for(manager)
    assert (
        client.post(
            "/ar/skills/groups/new/", {"code": "green", "name_ar": "المهارات الخضراء", "order": 3}
        ).status_code
        == 302
    )
    group = SkillGroup.objects.get(code="green")
    response = client.post(
        "/ar/skills/list/new/", {"code": "solar", "name_ar": "تركيب الألواح الشمسية", "group": group.pk}
    )
    assert response.status_code == 302 and Skill.objects.get(code="solar").group == group
    page = client_for(coordinator_a).get("/ar/skills/list/").content.decode()
    assert "المهارات الخضراء" in page and "تركيب الألواح الشمسية" in page
    assert (
        client_for(coordinator_a)
        .post("/ar/skills/list/new/", {"code": "x", "name_ar": "س", "group": group.pk})
        .status_code
        == 403
    )


def test_the_skills_list_imports_from_csv_all_or_nothing(manager, skill):
    rows = [["code", "name_ar", "name_en", "group", "synonyms"],
            ["welding", "اللحام", "Welding", skill.group.code, "لحام القوس"],
            [skill.code, "صيانة المسيّرات", "Drone maintenance", skill.group.code, "درون"]]  # fmt: skip
    report = run("skills", csv_bytes(rows), manager)
    assert report.ok, report.errors
    assert Skill.objects.get(code="welding").synonyms == "لحام القوس"
    assert Skill.objects.get(code=skill.code).name_ar == "صيانة المسيّرات"
    bad = [rows[0], ["plumbing", "السباكة", "", "no-such-group", ""]]
    report = run("skills", csv_bytes(bad), manager)
    assert (
        not report.ok
        and report.errors[0]["column"] == "المجموعة"
        and "no-such-group" in report.errors[0]["message"]
    )
    assert not Skill.objects.filter(code="plumbing").exists()
