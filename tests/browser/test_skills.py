"""Skills and the labour market in a real browser: a private-sector coordinator declares a skill
in demand and the gap view shows it; axe-core on the skills pages in both languages."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from learningcity.accounts.models import Role
from learningcity.core.models import Governorate
from learningcity.skills.reference import seed_skill_groups
from tests.factories import (
    TEST_PASSWORD,
    EntityFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
    UserFactory,
    coordinator_user,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting(transactional_db):
    call_command("seed_reference", verbosity=0)
    groups = seed_skill_groups()
    skill = SkillFactory(
        code="logistics", name_ar="الخدمات اللوجستية", name_en="Logistics", group=groups["vocational"]
    )
    company = EntityFactory(
        name_ar="مجموعة المدينة للخدمات اللوجستية", name_en="Madinah Logistics", sector="private"
    )
    coordinator_user(company, "coordinator")
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    madinah = Governorate.objects.get(code="madinah")
    opportunity = OpportunityFactory(governorate=madinah, learning_city=madinah.learning_cities.first())
    opportunity.skills.add(skill)
    SessionFactory(opportunity=opportunity, capacity=25)
    return {"skill": skill, "company": company, "madinah": madinah}


def test_a_partner_declares_a_skill_in_demand_and_the_gap_view_changes(web, setting):
    page = web.page
    web.sign_in("coordinator", TEST_PASSWORD)
    web.goto("/ar/skills/")
    row = page.get_by_role("row").filter(has_text="الخدمات اللوجستية")
    assert "25" in row.inner_text() and "غير المغطّى" not in row.inner_text()
    page.get_by_role("link", name="إعلان مهارة مطلوبة").first.click()
    page.wait_for_load_state()
    assert page.get_by_label("الجهة", exact=True).input_value() == str(
        setting["company"].pk
    )  # their only entity
    page.get_by_label("مهارة", exact=True).select_option(
        label="الخدمات اللوجستية — المهارات المهنية والتقنية"
    )
    page.get_by_label("محافظة", exact=True).select_option(label="المدينة المنورة")
    page.get_by_label("عدد الأشخاص المطلوبين").fill("120")
    page.get_by_label("قطاع العمل").select_option(label="النقل والخدمات اللوجستية")
    page.get_by_label("المقاعد التدريبية المتعهَّد بها").fill("40")
    page.get_by_role("button", name="حفظ").click()
    page.wait_for_load_state()
    assert "حُفظت المهارة المطلوبة" in page.content()
    assert web.serious_accessibility_violations() == []

    web.goto("/ar/skills/")
    cells = page.get_by_role("row").filter(has_text="الخدمات اللوجستية").get_by_role("cell").all_inner_texts()
    # needed, trained, offered, places to come, unmet after them
    assert [cells[1].split()[0], cells[2].split()[0], cells[3], cells[4], cells[5]] == [
        "120",
        "0",
        "1",
        "25",
        "95",
    ]
    assert page.locator(".gap-chart svg rect.unmet").count() == 1
    assert web.serious_accessibility_violations() == []
    assert not web.console_errors


@pytest.mark.parametrize("language", ["ar", "en"])
def test_skills_pages_have_no_serious_accessibility_violations(web, setting, language):
    web.sign_in("manager", TEST_PASSWORD, language)
    for path in (
        "skills/", "skills/demand/", "skills/demand/new/", "skills/list/", "skills/list/new/",
        "skills/pathways/", "skills/pathways/new/",
    ):  # fmt: skip
        web.goto(f"/{language}/{path}")
        assert web.serious_accessibility_violations() == [], path
    assert not web.console_errors


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_learner_follows_a_pathway_with_no_serious_accessibility_violations(web, setting, language):
    from learningcity.skills.models import Pathway, PathwayStep
    from tests.factories import LearnerFactory

    opportunity = setting["skill"].opportunities.first()
    pathway = Pathway.objects.create(title_ar="مسار اللوجستيات", title_en="Logistics pathway", published=True)
    pathway.skills.add(setting["skill"])
    PathwayStep.objects.create(pathway=pathway, position=1, opportunity=opportunity)
    LearnerFactory(user__username="noura", governorate=setting["madinah"], sex="female")
    web.sign_in("noura", TEST_PASSWORD, language)
    for path in ("skills/pathways/", f"skills/pathways/{pathway.pk}/", "learn/my-learning/"):
        web.goto(f"/{language}/{path}")
        assert web.serious_accessibility_violations() == [], path
    web.goto(f"/{language}/skills/pathways/{pathway.pk}/")
    assert web.page.locator("section[aria-labelledby=next-heading] article").count() == 1
    assert not web.console_errors
