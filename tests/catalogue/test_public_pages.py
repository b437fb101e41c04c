"""Public pages: the opportunity page (JSON-LD, calendar, share link), provider and campaign
pages, "my learning", and who sees a learner's accommodation needs."""

import json
import re

import icalendar
import pytest
from django.conf import settings

from learningcity.catalogue.services.registrations import registration_create
from tests.conftest import client_for
from tests.factories import CampaignFactory, LearnerFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def json_ld(body: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return json.loads(match.group(1))


def test_a_course_page_describes_itself_as_a_schema_org_course(client, session):
    body = client.get(f"/ar/opportunities/{session.opportunity_id}/").content.decode()
    data = json_ld(body)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Course"
    assert data["name"] == "البرمجة بلغة الإشارة"
    assert data["hasCourseInstance"][0]["@type"] == "CourseInstance"
    assert data["offers"]["priceCurrency"] == "SAR"


def test_a_workshop_page_lists_its_sessions_as_education_events(client, opportunity):
    opportunity.opportunity_type = "workshop"
    opportunity.save()
    SessionFactory(opportunity=opportunity, audience_sex="women")
    SessionFactory(opportunity=opportunity, audience_sex="men")
    data = json_ld(client.get(f"/ar/opportunities/{opportunity.pk}/").content.decode())
    events = data["@graph"]
    assert [event["@type"] for event in events] == ["EducationEvent", "EducationEvent"]
    assert {event["audience"].get("requiredGender") for event in events} == {"Male", "Female"}


def test_json_ld_cannot_break_out_of_its_script_element(client, opportunity):
    opportunity.title_ar = "</script><script>alert(1)</script>"
    opportunity.save()
    SessionFactory(opportunity=opportunity)
    body = client.get(f"/ar/opportunities/{opportunity.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert json_ld(body)["name"] == "</script><script>alert(1)</script>"


def test_the_calendar_file_has_every_session_to_come(client, opportunity):
    SessionFactory(opportunity=opportunity)
    SessionFactory(opportunity=opportunity)
    response = client.get(f"/ar/opportunities/{opportunity.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2 and str(events[0]["summary"]) == "البرمجة بلغة الإشارة"


def test_the_opportunity_page_offers_registration_and_a_share_link(client, session):
    body = client.get(f"/ar/opportunities/{session.opportunity_id}/").content.decode()
    assert f"/ar/opportunities/sessions/{session.pk}/register/" in body
    assert (
        f"{settings.PLATFORM_BASE_URL}/ar/opportunities/{session.opportunity_id}/" in body
    )  # core/addresses.py
    assert "بقي مقعدان" in body


def test_a_full_session_offers_the_waiting_list(client, session):
    for learner in LearnerFactory.create_batch(2):
        registration_create(learner=learner, session=session)
    body = client.get(f"/ar/opportunities/{session.opportunity_id}/").content.decode()
    assert "انضم إلى قائمة الانتظار" in body


def test_the_registration_page_explains_an_audience_refusal_before_submitting(man, opportunity):
    session = SessionFactory(opportunity=opportunity, audience_sex="women")
    body = client_for(man.user).get(f"/ar/opportunities/sessions/{session.pk}/register/").content.decode()
    assert "هذه الجلسة للنساء فقط" in body
    assert "تأكيد تسجيلي" not in body


def test_registering_twice_through_the_page_explains_and_keeps_one_registration(woman, session):
    client = client_for(woman.user)
    url = f"/ar/opportunities/sessions/{session.pk}/register/"
    assert client.post(url).status_code == 302
    response = client.get(url)
    assert "أنتِ مسجّلة في هذه الجلسة" in response.content.decode()  # said to her
    assert session.registrations.count() == 1


def test_the_campaign_page_counts_its_registrations(client, session):
    campaign = CampaignFactory(title_ar="أسبوع التعلم مدى الحياة")
    session.opportunity.campaigns.add(campaign)
    OpportunityFactory().campaigns.add(campaign)
    for learner in LearnerFactory.create_batch(3):
        registration_create(learner=learner, session=session)
    response = client.get(f"/ar/campaigns/{campaign.slug}/")
    assert response.context["registration_count"] == 3
    assert response.context["page"].paginator.count == 2
    assert "أسبوع التعلم مدى الحياة" in client.get("/ar/").content.decode()


def test_the_provider_page_lists_only_published_opportunities(client, entity_a, opportunity):
    OpportunityFactory(provider=entity_a, title_ar="مسودة خفية", status="draft")
    body = client.get(f"/ar/opportunities/providers/{entity_a.pk}/").content.decode()
    assert "البرمجة بلغة الإشارة" in body and "مسودة خفية" not in body


def test_my_learning_shows_registrations_hours_and_certificates(woman, session):
    registration_create(learner=woman, session=session)
    body = client_for(woman.user).get("/ar/learn/my-learning/").content.decode()
    assert "البرمجة بلغة الإشارة" in body and "إلغاء التسجيل" in body


def test_accommodation_needs_are_seen_by_the_provider_but_not_by_other_coordinators(
    coordinator_a, coordinator_b, session, manager
):
    learner = LearnerFactory(accommodation_needs="أحتاج مترجم لغة إشارة")
    registration_create(learner=learner, session=session)
    url = f"/ar/opportunities/manage/sessions/{session.pk}/registrants/"
    assert "أحتاج مترجم لغة إشارة" in client_for(coordinator_a).get(url).content.decode()
    assert "أحتاج مترجم لغة إشارة" in client_for(manager).get(url).content.decode()
    assert client_for(coordinator_b).get(url).status_code == 403
    # Nothing public carries it.
    for public in (f"/ar/opportunities/{session.opportunity_id}/", "/ar/opportunities/", "/ar/"):
        assert "أحتاج مترجم لغة إشارة" not in client_for(None).get(public).content.decode()


def test_a_session_he_cannot_join_says_why_before_the_click(opportunity, woman, man):
    """Gate before the click: a women-only session tells a man so on the opportunity page
    instead of a register button that refuses him afterwards."""
    for_women = SessionFactory(opportunity=opportunity, audience_sex="women")
    for_everyone = SessionFactory(opportunity=opportunity)
    url = f"/ar/opportunities/{opportunity.pk}/"
    his = client_for(man.user).get(url).content.decode()
    assert his.count("session-refusal") == 1 and "هذه الجلسة للنساء فقط" in his
    assert f"/sessions/{for_women.pk}/register/" not in his
    assert f"/sessions/{for_everyone.pk}/register/" in his
    hers = client_for(woman.user).get(url).content.decode()
    assert "session-refusal" not in hers and f"/sessions/{for_women.pk}/register/" in hers


def test_a_file_type_in_arabic_keeps_its_dot_in_place(client, session):
    """«(.ics)» read «(ics.)» on Arabic pages: the Latin run is isolated (the ltr filter)."""
    body = client.get(f"/ar/opportunities/{session.opportunity_id}/").content.decode()
    assert 'أضف الجلسات إلى تقويمك (<bdi dir="ltr">.ics</bdi>)' in body
