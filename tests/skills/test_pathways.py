"""Learning pathways: a manager puts opportunities in order towards skills; a learner sees
their progress (done, booked, to do) here and in "my learning", and what to take next among
the opportunities teaching the skills they lack that they can take."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from learningcity.catalogue.models import Registration
from learningcity.catalogue.services.registrations import registration_create
from learningcity.skills.models import Pathway
from learningcity.skills.pathways import next_opportunities, progress
from tests.conftest import client_for
from tests.factories import (
    LearnerFactory,
    LearningCityFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def city():
    return LearningCityFactory()


@pytest.fixture
def path(city, manager):
    """Three steps towards spreadsheets and data analysis, and two more opportunities."""
    sheets = SkillFactory(name_ar="الجداول", name_en="Spreadsheets")
    data = SkillFactory(name_ar="تحليل البيانات", name_en="Data analysis")
    steps = []
    for title, skill in (("أساسيات الحاسب", None), ("الجداول الإلكترونية", sheets), ("تحليل البيانات", data)):
        opportunity = OpportunityFactory(learning_city=city, title_ar=title)
        if skill:
            opportunity.skills.add(skill)
        SessionFactory(opportunity=opportunity)
        steps.append(opportunity)
    for_men = OpportunityFactory(learning_city=city, title_ar="تحليل للرجال", audience_sex="men")
    for_men.skills.add(data)
    SessionFactory(opportunity=for_men)
    other = OpportunityFactory(learning_city=city, title_ar="تحليل البيانات المتقدم")
    other.skills.add(data)
    SessionFactory(opportunity=other)
    response = client_for(manager).post(
        "/ar/skills/pathways/new/",
        {"title_ar": "محلل بيانات", "skills": [sheets.pk, data.pk], "published": "on",
         "step_1": steps[0].pk, "step_2": steps[1].pk, "step_3": steps[2].pk},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    pathway = Pathway.objects.get()
    return {
        "pathway": pathway,
        "steps": steps,
        "sheets": sheets,
        "data": data,
        "other": other,
        "for_men": for_men,
    }


def _completed(learner, opportunity):
    started = NOW - dt.timedelta(days=5)
    session = SessionFactory(
        opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2)
    )
    Registration.objects.create(
        learner=learner, session=session, status="confirmed", attended=True, completed_at=NOW
    )


def test_the_steps_keep_the_order_given(path):
    assert [step.opportunity for step in path["pathway"].steps.all()] == path["steps"]
    assert set(path["pathway"].skills.all()) == {path["sheets"], path["data"]}


def test_progress_done_booked_and_to_do_and_the_skills_still_to_gain(path, city):
    learner = LearnerFactory(governorate=city.governorate, sex="female")
    _completed(learner, path["steps"][1])
    registration_create(learner=learner, session=path["steps"][0].sessions.filter(starts_at__gt=NOW).first())
    [item] = progress(learner, [path["pathway"]])
    assert [step.status for step in item.steps] == ["booked", "done", "to do"]
    assert (item.done, item.percent, item.started) == (1, 33, True)
    assert item.skills_to_gain == [path["data"]]

    with translation.override("en"):
        suggestions = next_opportunities(learner, item)
    offered = [suggestion.opportunity for suggestion in suggestions]
    # The pathway's own step first, then the other data-analysis opportunity; not the men's.
    assert offered == [path["steps"][2], path["other"]]
    assert (
        suggestions[0].reasons[0] == "Teaches Data analysis, a skill of this pathway you have not gained yet."
    )


def test_my_learning_shows_a_started_pathway_and_the_page_suggests_what_is_next(path, city):
    learner = LearnerFactory(governorate=city.governorate, sex="female")
    _completed(learner, path["steps"][0])
    client = client_for(learner.user)
    mine = client.get("/ar/learn/my-learning/").content.decode()
    assert "محلل بيانات" in mine and "1 من 3" in mine
    page = client.get(f"/ar/skills/pathways/{path['pathway'].pk}/").content.decode()
    assert "منجزة" in page and "التالي لك" in page and "تحليل البيانات المتقدم" in page


def test_a_draft_is_seen_only_by_managers_and_bad_steps_are_refused(path, manager, learner):
    pathway = path["pathway"]
    Pathway.objects.filter(pk=pathway.pk).update(published=False)
    assert client_for(learner).get(f"/ar/skills/pathways/{pathway.pk}/").status_code == 404
    assert client_for(manager).get(f"/ar/skills/pathways/{pathway.pk}/").status_code == 200
    twice = {
        "title_ar": "مكرر",
        "skills": [path["data"].pk],
        "step_1": path["steps"][0].pk,
        "step_2": path["steps"][0].pk,
    }
    response = client_for(manager).post(f"/ar/skills/pathways/{pathway.pk}/edit/", twice)
    assert response.status_code == 400 and "مرة واحدة" in response.content.decode()
    assert client_for(manager).post("/ar/skills/pathways/new/", {"title_ar": "بلا خطوات"}).status_code == 400
    assert Pathway.objects.count() == 1 and Pathway.objects.get().title_ar == "محلل بيانات"


def test_a_learner_is_told_when_nothing_on_offer_fits_yet(path, city):
    man = LearnerFactory(governorate=city.governorate, sex="male")
    for opportunity in (path["steps"][1], path["steps"][2], path["other"]):
        type(opportunity).objects.filter(pk=opportunity.pk).update(audience_sex="women")
    type(path["for_men"]).objects.filter(pk=path["for_men"].pk).update(status="closed")
    page = client_for(man.user).get(f"/en/skills/pathways/{path['pathway'].pk}/").content.decode()
    assert "Nothing on offer right now teaches the skills you still need here" in page
