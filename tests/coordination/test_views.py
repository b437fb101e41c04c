import datetime as dt
import io

import icalendar
import pymupdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learningcity.coordination import services
from learningcity.coordination.models import ActionItem, CalendarFeed, Invitation
from tests import pdf_ua
from tests.conftest import client_for
from tests.factories import ActionItemFactory, CoordinatorFactory, EntityFactory, MeetingFactory


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_meetings(count):
    for _ in range(count):
        meeting = MeetingFactory()
        entity = EntityFactory()
        Invitation.objects.create(meeting=meeting, entity=entity)
        ActionItemFactory(meeting=meeting, owner_entity=entity)


def test_meeting_list_query_count_is_constant(manager):
    client = client_for(manager)
    _add_meetings(2)
    few = _queries(client, "/ar/meetings/")
    _add_meetings(15)
    assert _queries(client, "/ar/meetings/") == few


def test_tracker_query_count_is_constant(manager):
    client = client_for(manager)
    _add_meetings(2)
    few = _queries(client, "/ar/action-items/")
    _add_meetings(20)
    assert _queries(client, "/ar/action-items/") == few


def test_meeting_detail_query_count_is_constant(manager, meeting, entity_a):
    client = client_for(manager)
    url = f"/ar/meetings/{meeting.pk}/"
    client.get(url)  # warm per-process caches (content types), which are not what is measured
    few = _queries(client, url)
    for n in range(6):
        decision = services.decision_save(meeting=meeting, data={"text_ar": f"قرار {n}"}, by=manager)
        ActionItemFactory(meeting=meeting, decision=decision, owner_entity=EntityFactory())
        services.agenda_item_save(meeting=meeting, data={"title_ar": f"بند {n}"}, by=manager)
    assert _queries(client, url) == few


def test_tracker_filters(manager, meeting, entity_a, entity_b):
    today = timezone.localdate()
    late = ActionItem.objects.create(
        meeting=meeting, title_ar="متأخرة جدا", owner_entity=entity_b, due_date=today - dt.timedelta(days=3)
    )
    ActionItemFactory(meeting=meeting, title_ar="في موعدها", owner_entity=entity_a)
    client = client_for(manager)
    page = client.get("/ar/action-items/", {"overdue": "on"}).content.decode()
    assert late.title_ar in page and "في موعدها" not in page
    page = client.get("/ar/action-items/", {"entity": entity_a.pk}).content.decode()
    assert "في موعدها" in page and late.title_ar not in page


def test_my_action_items_show_only_my_entity(meeting, entity_a, entity_b, coordinator_a):
    ActionItemFactory(meeting=meeting, title_ar="مهمة جهتي", owner_entity=entity_a)
    ActionItemFactory(meeting=meeting, title_ar="مهمة جهة أخرى", owner_entity=entity_b)
    page = client_for(coordinator_a).get("/ar/action-items/mine/").content.decode()
    assert "مهمة جهتي" in page and "مهمة جهة أخرى" not in page


def test_meeting_ics_is_valid_and_keeps_arabic(manager, meeting):
    meeting.title_ar = (
        "اللقاء التنسيقي الموسع حول مدن التعلم في مدينة طيبة التعليمية للتربية الخاصة; مع الشركاء"
    )
    meeting.save()
    response = client_for(manager).get(f"/ar/meetings/{meeting.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # RFC 5545 folding, in octets
    calendar = icalendar.Calendar.from_ical(body)
    event = next(component for component in calendar.walk("VEVENT"))
    assert str(event["summary"]) == meeting.title_ar
    assert event["dtstart"].params["TZID"] == "Asia/Riyadh"
    assert event.decoded("dtstart") == timezone.localtime(meeting.starts_at).replace(microsecond=0)
    assert any(component.name == "VTIMEZONE" for component in calendar.walk())


def test_personal_feed_by_secret_token_and_revocable(client, meeting, coordinator_a, coordinator_b):
    other = MeetingFactory(title_ar="لقاء لا يخصني")
    client_for(coordinator_a).post("/ar/calendar/regenerate/")
    token = CalendarFeed.objects.get(user=coordinator_a).token
    feed = client.get(f"/ar/calendar/{token}.ics").content.decode()
    assert meeting.title_ar in feed.replace("\r\n ", "") and other.title_ar not in feed.replace("\r\n ", "")
    client_for(coordinator_a).post("/ar/calendar/regenerate/")
    assert client.get(f"/ar/calendar/{token}.ics").status_code == 404
    assert client.get("/ar/calendar/not-a-token.ics").status_code == 404


def _pdf_text(content: bytes) -> str:
    document = pymupdf.open(stream=io.BytesIO(content), filetype="pdf")
    return "\n".join(page.get_text() for page in document)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_minutes_pdf_has_the_decisions_in_reading_order(manager, meeting, entity_a, language):
    decision_text = "تحقيق التكامل والترابط التدريجي بين القطاعين العام والخاص"
    services.decision_save(
        meeting=meeting, data={"text_ar": decision_text, "text_en": "Gradual integration"}, by=manager
    )
    services.agenda_item_save(meeting=meeting, data={"title_ar": "وضع خارطة طريق واضحة"}, by=manager)
    ActionItemFactory(meeting=meeting, title_ar="إعداد دليل الإجراءات", owner_entity=entity_a)
    response = client_for(manager).get(f"/{language}/meetings/{meeting.pk}/minutes.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert pdf_ua.problems(response.content, language=language) == []
    # Page numbers in words: «صفحة 1 من 1» (extracted in visual order) or "Page 1 of 1".
    footer = _pdf_text(response.content).splitlines()[-1]
    assert footer == ("1  من1 صفحة" if language == "ar" else "Page 1 of 1")
    text = _pdf_text(response.content)
    if language == "ar":
        assert decision_text in text
        assert "وضع خارطة طريق واضحة" in text
        assert "محضر" in text or "المحضر" in text
    else:
        assert "Gradual integration" in text
        assert "Minutes" in text
    assert "إعداد دليل الإجراءات" in text
    approved = "اعتمده" if language == "ar" else "Approved by"
    assert approved in text and len(pdf_ua.figure_texts(response.content)) == 1  # the emblem, named
    fonts = {
        font[3].split("+")[-1]
        for page in pymupdf.open(stream=io.BytesIO(response.content), filetype="pdf")
        for font in page.get_fonts()
    }
    assert any("PlatformArabic" in name for name in fonts)


def test_qr_code_is_an_svg_with_the_check_in_link(manager, meeting):
    response = client_for(manager).get(f"/ar/meetings/{meeting.pk}/check-in.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml") and b"<svg" in response.content


def test_failed_reply_keeps_the_page_and_explains(meeting, coordinator_a):
    response = client_for(coordinator_a).post(
        f"/en/meetings/{meeting.pk}/reply/",
        {"entity": meeting.invitations.get().entity_id, "response": "delegate"},
    )
    assert response.status_code == 400
    assert "Give the name of the person you are sending." in response.content.decode()


def test_reply_from_an_entity_not_invited_gets_a_clear_message(meeting, entity_b, coordinator_b):
    response = client_for(coordinator_b).post(
        f"/ar/meetings/{meeting.pk}/reply/", {"entity": entity_b.pk, "response": "attending"}
    )
    assert response.status_code == 400
    assert "جهتك غير مدعوة إلى هذا اللقاء" in response.content.decode()


def test_action_item_form_keeps_input_on_error(manager, meeting, entity_a, entity_b):
    outsider = CoordinatorFactory(entity=entity_b)
    page = (
        client_for(manager)
        .post(
            f"/ar/meetings/{meeting.pk}/action-items/new/",
            {
                "title_ar": "مهمة بمسؤول خاطئ",
                "owner_entity": entity_a.pk,
                "owner_person": outsider.pk,
                "due_date": "1400-01-01",
                "priority": "medium",
            },
        )
        .content.decode()
    )
    assert 'value="مهمة بمسؤول خاطئ"' in page
    assert "يجب أن يكون الشخص المسؤول من منسقي الجهة المسؤولة." in page
    assert not ActionItem.objects.exists()


def test_tracker_shows_the_entities_with_most_overdue_items_first_and_says_how_many_more(manager, meeting):
    from learningcity.coordination.views.action_items import ENTITY_RATES_SHOWN

    today = timezone.localdate()
    for index in range(ENTITY_RATES_SHOWN + 3):
        entity = EntityFactory(name_ar=f"جهة رقم {index:02d}")
        for _ in range(2 if index == 7 else 1):
            ActionItem.objects.create(
                meeting=meeting, title_ar="مهمة", owner_entity=entity, due_date=today - dt.timedelta(days=2)
            )
    response = client_for(manager).get("/ar/action-items/")
    rates = response.context["entity_rates"]
    assert (
        len(rates) == ENTITY_RATES_SHOWN and response.context["entity_rates_total"] == ENTITY_RATES_SHOWN + 3
    )
    assert rates[0]["name_ar"] == "جهة رقم 07"  # two overdue items
    assert "الأكثر تأخرًا في المهام من أصل" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_kept_entity_rates_show_an_item_done_after_they_were_counted(manager, entity_a):
    """The tracker's per-entity rates are kept (selectors.kept_implementation_rates); an item
    marked done commits a change that the next view counts."""
    meeting = MeetingFactory(organiser=entity_a)
    item = ActionItem.objects.create(
        meeting=meeting,
        title_ar="مهمة",
        owner_entity=entity_a,
        due_date=meeting.starts_at.date() + dt.timedelta(days=9),
    )
    client = client_for(manager)

    def rate():
        (row,) = client.get("/ar/action-items/").context["entity_rates"]
        return row["done"], row["decisions_implemented"], row["items"]

    assert rate() == (0, 0, 1)
    assert rate() == (0, 0, 1)  # the kept answer
    services.action_item_add_progress(item=item, note="تم التنفيذ", status="done", by=manager)
    assert rate() == (1, 0, 1)


@pytest.mark.django_db(transaction=True)
def test_the_kept_meeting_choices_show_a_meeting_added_after_they_were_written(manager, entity_a):
    client = client_for(manager)
    MeetingFactory(organiser=entity_a, title_ar="اللقاء الأول")
    assert "اللقاء الأول" in client.get("/ar/action-items/").content.decode()
    MeetingFactory(organiser=entity_a, title_ar="اللقاء الثاني")
    assert "اللقاء الثاني" in client.get("/ar/action-items/").content.decode()


def test_a_tracker_longer_than_counted_says_more_than(manager, meeting, monkeypatch):
    """The tracker counts no further than a little past the page (core/paging.py)."""
    from learningcity.core import paging

    monkeypatch.setattr(paging, "COUNT_AT_LEAST", 1)
    monkeypatch.setattr(paging, "PAGES_AHEAD", 0)  # counted up to one page: 25 items
    for number in range(26):
        ActionItem.objects.create(
            meeting=meeting,
            title_ar=f"مهمة {number}",
            owner_entity=meeting.organiser,
            due_date=timezone.localdate(),
        )
    page = client_for(manager).get("/ar/action-items/").content.decode()
    assert "أكثر من 25 مهمة، وتضيّقها عوامل التصفية." in page
    ActionItem.objects.filter(title_ar="مهمة 0").delete()
    assert "<caption>25 مهمة</caption>" in client_for(manager).get("/ar/action-items/").content.decode()
