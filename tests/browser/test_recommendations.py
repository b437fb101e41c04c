"""A learner sets what they would like to learn and need to take part, and the home page
suggests opportunities that fit, saying why; axe-core on the page in both languages."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from learningcity.core.models import Governorate, LearningCity
from learningcity.skills.reference import seed_skill_groups
from tests.factories import TEST_PASSWORD, LearnerFactory, OpportunityFactory, SessionFactory, SkillFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting(transactional_db):
    call_command("seed_reference", verbosity=0)
    groups = seed_skill_groups()
    madinah = Governorate.objects.get(code="madinah")
    city = LearningCity.objects.get(code="madinah")
    for title_ar, title_en, group, ramp in (
        ("مقدمة في البرمجة", "Introduction to programming", "digital", True),
        ("الخط العربي", "Arabic calligraphy", "culture", True),
        ("البرمجة المتقدمة", "Advanced programming", "digital", False),
    ):
        opportunity = OpportunityFactory(
            title_ar=title_ar,
            title_en=title_en,
            learning_city=city,
            governorate=madinah,
            wheelchair_access=ramp,
        )
        opportunity.skills.add(SkillFactory(name_ar=title_ar, name_en=title_en, group=groups[group]))
        SessionFactory(opportunity=opportunity)
    return LearnerFactory(user__username="noura", governorate=madinah, sex="female", age_group="25-44")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_learner_sets_interests_and_needs_and_gets_suggestions_with_reasons(web, setting, language):
    page = web.page
    web.sign_in("noura", TEST_PASSWORD, language)
    web.goto(f"/{language}/learn/profile/")
    digital = "المهارات الرقمية" if language == "ar" else "Digital skills"
    ramp = "مهيأ للكراسي المتحركة" if language == "ar" else "Wheelchair access"
    page.get_by_label(digital, exact=True).check()
    page.get_by_role(
        "group", name="ما أحتاجه للمشاركة" if language == "ar" else "What I need to take part"
    ).get_by_label(ramp).check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    web.goto(f"/{language}/")
    section = page.locator("section[aria-labelledby=for-you-heading]")
    cards = section.locator("article h3").all_inner_texts()
    assert cards[0] == ("مقدمة في البرمجة" if language == "ar" else "Introduction to programming")
    assert "البرمجة المتقدمة" not in cards and "Advanced programming" not in cards  # no ramp
    reasons = section.locator("ul li").all_inner_texts()
    assert any(digital in reason for reason in reasons)
    assert web.serious_accessibility_violations() == []
    assert not web.console_errors
