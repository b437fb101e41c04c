"""The gap arithmetic: per skill and governorate, demand against people trained and places to
come; what does not count (withdrawn demand, unpublished opportunities, cancelled or past
sessions, the same person twice); the order; the filters; the page and its export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learningcity.catalogue.models import Registration
from learningcity.skills.models import SkillDemand, SkillGroup
from learningcity.skills.selectors import skill_gaps, unmet_by_governorate
from tests.conftest import client_for
from tests.factories import (
    EntityFactory,
    GovernorateFactory,
    LearnerFactory,
    LearningCityFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _teach(skill, city, *, capacity=0, completed=0, status="published", past_capacity=10):
    opportunity = OpportunityFactory(learning_city=city, status=status)
    opportunity.skills.add(skill)
    if capacity:
        SessionFactory(opportunity=opportunity, capacity=capacity)
    if completed:
        started = NOW - dt.timedelta(days=20)
        past = SessionFactory(
            opportunity=opportunity,
            starts_at=started,
            ends_at=started + dt.timedelta(hours=2),
            capacity=past_capacity,
        )
        for learner in LearnerFactory.create_batch(completed):
            Registration.objects.create(
                learner=learner,
                session=past,
                status="confirmed",
                confirmed_at=started,
                attended=True,
                completed_at=NOW,
            )
    return opportunity


def _need(skill, governorate, people, entity=None, **extra):
    return SkillDemand.objects.create(
        entity=entity or EntityFactory(sector="private"), skill=skill, governorate=governorate,
        people_needed=people, sector="ict", **extra,
    )  # fmt: skip


@pytest.fixture
def city():
    return LearningCityFactory()


def test_need_trained_places_and_what_stays_unmet(city):
    skill = SkillFactory(name_ar="تحليل البيانات")
    _need(skill, city.governorate, 30, pledged_funding=50_000, pledged_places=10)
    _need(skill, city.governorate, 20)
    _need(skill, city.governorate, 500, withdrawn_at=NOW)  # withdrawn: not counted
    _teach(skill, city, capacity=15, completed=8)
    _teach(skill, city, capacity=40, status="draft")  # not published: not on offer

    [row] = skill_gaps()
    assert (row.needed, row.partners, row.trained, row.offered, row.places) == (50, 2, 8, 1, 15)
    assert (row.still_to_train, row.unmet, row.met_share) == (42, 27, 16)
    assert (row.pledged_funding, row.pledged_places) == (50_000, 10)


def test_a_need_met_or_exceeded_is_not_negative(city):
    skill = SkillFactory()
    _need(skill, city.governorate, 5)
    _teach(skill, city, capacity=30, completed=7)
    [row] = skill_gaps()
    assert (row.still_to_train, row.unmet, row.met_share) == (0, 0, 100)


def test_supply_without_demand_is_listed_after_the_gaps(city):
    wanted, offered = SkillFactory(name_ar="اللحام"), SkillFactory(name_ar="التصوير")
    _need(wanted, city.governorate, 12)
    _teach(offered, city, capacity=20)
    rows = skill_gaps()
    assert [(row.skill, row.needed, row.places, row.unmet) for row in rows] == [
        (wanted, 12, 0, 12),
        (offered, 0, 20, 0),
    ]


def test_a_cancelled_or_past_session_is_not_a_place_to_come_and_a_person_counts_once(city):
    skill = SkillFactory()
    _need(skill, city.governorate, 10)
    opportunity = _teach(skill, city, completed=2, past_capacity=50)
    SessionFactory(opportunity=opportunity, capacity=9, status="cancelled")
    learner = Registration.objects.filter(session__opportunity=opportunity).first().learner
    second = SessionFactory(
        opportunity=opportunity,
        starts_at=NOW - dt.timedelta(days=3),
        ends_at=NOW - dt.timedelta(days=3, hours=-2),
    )
    Registration.objects.create(
        learner=learner, session=second, status="confirmed", attended=True, completed_at=NOW
    )
    [row] = skill_gaps()
    assert (row.places, row.trained) == (0, 2)


def test_rows_are_per_governorate_sorted_by_unmet_and_filtered(city):
    other = LearningCityFactory(governorate=GovernorateFactory(region=city.region))
    skill = SkillFactory()
    _need(skill, city.governorate, 10)
    _need(skill, other.governorate, 40)
    _teach(skill, other, capacity=5)
    rows = skill_gaps()
    assert [(row.governorate, row.unmet) for row in rows] == [(other.governorate, 35), (city.governorate, 10)]
    assert unmet_by_governorate(rows) == {other.governorate.pk: 35, city.governorate.pk: 10}
    assert [row.governorate for row in skill_gaps({"governorate": city.governorate})] == [city.governorate]
    language = SkillGroup.objects.create(code="language", name_ar="اللغات")
    assert skill_gaps({"group": language}) == []
    assert len(skill_gaps({"group": skill.group})) == 2


def test_the_page_and_its_export_show_the_figures_in_a_constant_number_of_queries(city, viewer):
    skill = SkillFactory(name_ar="الأمن السيبراني", name_en="Cybersecurity")
    _need(skill, city.governorate, 25)
    client = client_for(viewer)
    with CaptureQueriesContext(connection) as few:
        page = client.get("/ar/skills/").content.decode()
    assert "الأمن السيبراني" in page and "25" in page
    for _ in range(6):
        other = SkillFactory()
        _need(other, city.governorate, 3)
        _teach(other, city, capacity=4, completed=1)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/ar/skills/").status_code == 200
    assert len(many) == len(few)
    export = client.get("/en/skills/?export=csv")
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Skill,Skill group,Governorate,People needed")
    assert any(line.startswith("Cybersecurity,") and ",25," in line for line in lines[1:])


def test_the_gap_feeds_computed_indicators_per_governorate(city):
    from learningcity.indicators.models import Measurement
    from learningcity.indicators.store_calculated import compute_indicators
    from tests.factories import IndicatorFactory

    skill = SkillFactory()
    _need(skill, city.governorate, 30)
    _teach(skill, city, capacity=10, completed=5)
    indicator = IndicatorFactory(computed_key="skills_unmet_demand", frequency="monthly", aggregation="sum")
    compute_indicators(as_of=timezone.localdate())
    values = {
        measurement.scope: measurement.value
        for measurement in Measurement.objects.filter(indicator=indicator, region=city.region)
    }
    assert values == {f"region:{city.region.pk}": 15, f"governorate:{city.governorate.pk}": 15}
