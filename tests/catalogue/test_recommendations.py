"""Opportunities for you: only what the learner can take (sex, age group, governorate or
online, access needs, not already booked), favouring their interests and what builds on what
they completed, each with its reasons; on the home page for a signed-in learner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from learningcity.catalogue.models import OpportunityAgeGroup, OpportunityDisability, Registration
from learningcity.catalogue.recommendations import opportunities_for, suitable_opportunities
from learningcity.catalogue.services.registrations import registration_create
from learningcity.skills.models import SkillGroup
from tests.conftest import client_for
from tests.factories import (
    GovernorateFactory,
    LearnerFactory,
    LearningCityFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return LearningCityFactory()


@pytest.fixture
def woman(city):
    return LearnerFactory(sex="female", age_group="25-44", governorate=city.governorate, full_name="هند")


def _offer(city, title, **fields):
    opportunity = OpportunityFactory(learning_city=city, title_ar=title, **fields)
    SessionFactory(opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity


def _titles(queryset_or_list):
    return {getattr(item, "opportunity", item).title_ar for item in queryset_or_list}


def test_only_what_the_learner_can_take(city, woman):
    elsewhere = LearningCityFactory(governorate=GovernorateFactory(region=city.region))
    _offer(city, "للجميع")
    _offer(city, "للرجال", audience_sex="men")
    _offer(city, "للنساء", audience_sex="women")
    youth = _offer(city, "للشباب")
    OpportunityAgeGroup.objects.create(opportunity=youth, age_group="15-24")
    hers = _offer(city, "لفئتها العمرية")
    OpportunityAgeGroup.objects.create(opportunity=hers, age_group="25-44")
    _offer(elsewhere, "في محافظة أخرى")
    _offer(elsewhere, "عن بعد", opportunity_type="elearning", online_url="https://learn.example.sa/c")
    _offer(city, "مسودة", status="draft")
    OpportunityFactory(learning_city=city, title_ar="بلا جلسات")
    booked = _offer(city, "محجوزة")
    registration_create(learner=woman, session=booked.sessions.first())
    assert _titles(suitable_opportunities(woman)) == {"للجميع", "للنساء", "لفئتها العمرية", "عن بعد"}


def test_access_needs_keep_to_opportunities_that_offer_them(city, woman):
    _offer(city, "قاعة بلا منحدر")
    _offer(city, "بمنحدر فقط", wheelchair_access=True)
    _offer(city, "بمنحدر ومترجم", wheelchair_access=True, sign_language=True)
    woman.access_needs = ["wheelchair_access", "sign_language"]
    woman.save()
    [suggestion] = opportunities_for(woman)
    assert suggestion.opportunity.title_ar == "بمنحدر ومترجم"
    assert "توفّر ما تحتاجه: مهيأ للكراسي المتحركة، ترجمة بلغة الإشارة." in suggestion.reasons


def test_what_is_designed_for_a_disability_is_suggested_only_to_those_who_said_they_need_it(city):
    """The found case: a new, non-disabled man interested in digital skills was offered three
    courses designed for blind, deaf and physically disabled learners."""
    man = LearnerFactory(sex="male", age_group="25-44", governorate=city.governorate)
    designed = {
        "للمكفوفين": ("visual", {"braille_large_print": True}),
        "للصم": ("hearing", {"sign_language": True}),
        "لذوي الإعاقة الحركية": ("physical", {"wheelchair_access": True}),
    }
    for title, (kind, offers) in designed.items():
        opportunity = _offer(city, title, **offers)
        OpportunityDisability.objects.create(opportunity=opportunity, kind=kind)
    _offer(city, "بلغة الإشارة", language="sgn", sign_language=True)
    _offer(city, "مهارات رقمية للجميع", wheelchair_access=True)
    assert _titles(opportunities_for(man)) == {"مهارات رقمية للجميع"}
    man.access_needs = ["sign_language"]
    man.save()
    assert _titles(opportunities_for(man)) == {"للصم", "بلغة الإشارة"}
    man.access_needs = ["wheelchair_access"]
    man.save()
    assert _titles(opportunities_for(man)) == {"لذوي الإعاقة الحركية", "مهارات رقمية للجميع"}


def test_a_suggestions_reasons_are_inside_its_card(city, woman):
    _offer(city, "للجميع")
    body = client_for(woman.user).get("/ar/").content.decode()
    card = body[body.index('<article class="card h-100 opportunity-card"') :]
    card = card[: card.index("</article>")]
    assert "suggestion-reasons" in card and "حيث تقيم" in card


def test_interests_and_completed_skills_come_first_with_their_reasons(city, woman):
    digital = SkillGroup.objects.create(code="digital", name_ar="المهارات الرقمية", name_en="Digital skills")
    health = SkillGroup.objects.create(code="health", name_ar="الصحة", name_en="Health")
    spreadsheets = SkillFactory(name_ar="الجداول الإلكترونية", group=digital)
    first_aid = SkillFactory(name_ar="الإسعافات الأولية", name_en="First aid", group=health)
    nutrition = SkillFactory(name_ar="التغذية", group=health)
    plain = _offer(city, "عامة")
    data = _offer(city, "تحليل البيانات")
    data.skills.add(SkillFactory(name_ar="تحليل البيانات", group=digital))
    food = _offer(city, "التغذية الصحية")
    food.skills.add(nutrition)
    again = _offer(city, "إسعافات مرة ثانية")
    again.skills.add(first_aid)
    # She completed first aid; she would like to learn digital skills.
    past_opportunity = OpportunityFactory(learning_city=city)
    past_opportunity.skills.add(first_aid, spreadsheets)
    started = timezone.now() - dt.timedelta(days=10)
    past = SessionFactory(
        opportunity=past_opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2)
    )
    Registration.objects.create(
        learner=woman, session=past, status="confirmed", attended=True, completed_at=started
    )
    woman.interests.add(digital)

    with translation.override("en"):
        suggestions = opportunities_for(woman, limit=10)
    order = [suggestion.opportunity for suggestion in suggestions]
    assert order[:2] == [data, food] and plain in order
    assert again not in order  # teaches only what she completed
    assert "Matches your interest in Digital skills." in suggestions[0].reasons
    assert "Builds on First aid, which you completed." in suggestions[1].reasons
    assert all(any("where you live" in reason for reason in s.reasons) for s in suggestions)


def test_the_home_page_shows_a_learner_what_is_for_them_and_why(city, woman):
    _offer(city, "دورة قريبة منك")
    page = client_for(woman.user).get("/ar/").content.decode()
    assert "فرص تناسبك" in page and "دورة قريبة منك" in page
    assert "حيث تقيم" in page
    assert "فرص تناسبك" not in client_for(None).get("/ar/").content.decode()


def test_the_profile_keeps_interests_and_access_needs(city, woman):
    group = SkillGroup.objects.create(code="language", name_ar="اللغات")
    client = client_for(woman.user)
    form = {"full_name": "هند", "mobile": "", "email": "hind@example.sa", "sex": "female", "age_group": "25-44",
            "governorate": city.governorate.pk, "nationality": "citizen", "interests": [group.pk],
            "access_needs": ["easy_read"]}  # fmt: skip
    assert client.post("/ar/learn/profile/", form).status_code == 302
    woman.refresh_from_db()
    assert list(woman.interests.all()) == [group] and woman.access_needs == ["easy_read"]
    data = client.get("/ar/learn/my-data.json").json()
    assert data["profile"]["access_needs"] == ["easy_read"] and data["profile"]["interests"] == ["اللغات"]
