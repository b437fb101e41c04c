"""A coordination meeting from invitation to implementation, in a real browser."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from learningcity.accounts.models import Role
from learningcity.coordination.models import ActionItem, Meeting
from tests.factories import TEST_PASSWORD, CoordinatorFactory, EntityFactory, UserFactory, coordinator_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def partners(transactional_db):
    call_command("seed_reference", verbosity=0)
    taibah = EntityFactory(name_ar="مدينة طيبة التعليمية للتربية الخاصة", name_en="Taibah Educational City")
    chamber = EntityFactory(
        name_ar="الغرفة التجارية بالمدينة المنورة", name_en="Madinah Chamber of Commerce", sector="private"
    )
    university = EntityFactory(name_ar="جامعة طيبة", name_en="Taibah University", sector="academic")
    coordinator_user(taibah, "coordinator")
    CoordinatorFactory(entity=chamber, full_name_ar="سارة الجهني", gender="f")
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    return {"taibah": taibah, "chamber": chamber, "university": university}


def _add_agenda_item(page, title):
    page.locator("#agenda summary").click()
    form = page.locator("form[action$='/agenda/']")
    form.get_by_label("العنوان (العربية)").fill(title)
    form.get_by_role("button", name="أضف إلى جدول الأعمال").click()
    page.wait_for_load_state()


def _record_decision(page, text):
    page.locator("#decisions summary").click()
    form = page.locator("form[action$='/decisions/']")
    form.get_by_label("النص (العربية)").fill(text)
    form.get_by_role("button", name="تسجيل").click()
    page.wait_for_load_state()


def _add_action_item(page, meeting_url, decision_label, title, owner_name):
    page.goto(meeting_url)
    page.get_by_role("link", name=f"إضافة مهمة متابعة (قرار {decision_label})").click()
    page.get_by_label("العنوان (العربية)").fill(title)
    page.get_by_label("الجهة المسؤولة").select_option(label=owner_name)
    page.get_by_label("تاريخ الاستحقاق").fill(
        (timezone.localdate() + timezone.timedelta(days=30)).isoformat()
    )
    page.get_by_role("button", name="حفظ").click()
    page.wait_for_load_state()


def test_meeting_from_invitation_to_implementation(web, browser, live_server, partners):
    page = web.page
    web.sign_in("manager", TEST_PASSWORD)

    # A meeting with three invited entities.
    web.goto("/ar/meetings/")
    page.get_by_role("link", name="لقاء جديد").click()
    page.get_by_label("العنوان (العربية)").fill("اللقاء التنسيقي حول مدن التعلم")
    page.get_by_label("مدينة التعلم").select_option(label="المدينة المنورة")
    page.get_by_label("التاريخ", exact=True).fill(timezone.localdate().isoformat())
    page.get_by_label("الوقت (بتوقيت الرياض)").fill("10:00")
    page.get_by_label("المكان (العربية)").fill("مدينة طيبة التعليمية للتربية الخاصة")
    page.get_by_label("الجهة المنظمة").select_option(label=partners["taibah"].name_ar)
    for entity in partners.values():
        page.get_by_label(entity.name_ar, exact=True).check()
    page.get_by_role("button", name="حفظ").click()
    page.wait_for_url("**/ar/meetings/*/")
    meeting_url = page.url
    meeting = Meeting.objects.get(title_ar="اللقاء التنسيقي حول مدن التعلم")
    assert meeting.invitations.count() == 3

    # The agenda, reordered without reloading the page (htmx).
    _add_agenda_item(page, "وضع خارطة طريق واضحة")
    _add_agenda_item(page, "دمج المبادرات المجتمعية")
    page.evaluate("window.__stillTheSamePage = true")
    page.get_by_role("button", name="تحريك لأعلى دمج المبادرات المجتمعية").click()
    page.locator("#agenda-list li").first.filter(has_text="دمج المبادرات المجتمعية").wait_for()
    assert page.evaluate("window.__stillTheSamePage") is True
    assert list(meeting.agenda_items.order_by("position").values_list("title_ar", flat=True)) == [
        "دمج المبادرات المجتمعية",
        "وضع خارطة طريق واضحة",
    ]

    # Attendance.
    page.locator("#attendance summary").click()
    form = page.locator("form[action$='/attendance/']")
    form.get_by_label("المنسق", exact=True).select_option(
        label=f"سارة الجهني — {partners['chamber'].name_ar}"
    )
    form.get_by_role("button", name="سجّل الحضور").click()
    page.wait_for_load_state()
    assert "سارة الجهني" in page.locator("#attendance .list-group").inner_text()
    assert meeting.attendances.get().entity == partners["chamber"]

    # Two decisions, three action items (one for the demo coordinator's entity), then publish.
    _record_decision(page, "إطلاق مبادرات توعوية لتعزيز التعلم مدى الحياة")
    _record_decision(page, "توظيف التقنيات الحديثة في خدمة المسارات التعليمية")
    _add_action_item(page, meeting_url, "1", "إعداد خطة أسبوع التعلم", partners["taibah"].name_ar)
    _add_action_item(page, meeting_url, "1", "تمويل البرامج التدريبية", partners["chamber"].name_ar)
    _add_action_item(page, meeting_url, "2", "تفعيل منصة التعلم الرقمي", partners["university"].name_ar)
    assert ActionItem.objects.filter(meeting=meeting).count() == 3
    page.goto(meeting_url)
    assert page.get_by_test_id("implementation-rate").inner_text() == "0%"
    page.get_by_role("button", name="نشر المحضر").click()
    # The page's own dialog, in Arabic, asks first (not the browser's confirm()).
    page.get_by_role("dialog").get_by_role("button", name="نعم، متابعة").click()
    page.wait_for_load_state()
    assert "نُشر الإصدار 1 من المحضر." in page.locator(".messages").inner_text()

    # The demo coordinator follows up their own item.
    coordinator_context = browser.new_context()
    coordinator_page = coordinator_context.new_page()
    coordinator_page.goto(f"{live_server.url}/ar/accounts/login/")
    coordinator_page.fill("input[name=username]", "coordinator")
    coordinator_page.fill("input[name=password]", TEST_PASSWORD)
    coordinator_page.locator("main form button[type=submit]").click()
    coordinator_page.wait_for_load_state()
    coordinator_page.get_by_role("button", name="التنسيق").click()
    coordinator_page.get_by_role("link", name="مهامي").click()
    # The click only starts the navigation; wait for the list before counting its rows.
    coordinator_page.wait_for_url("**/ar/action-items/mine/")
    coordinator_page.wait_for_load_state()
    rows = coordinator_page.locator("tbody tr")
    assert rows.count() == 1
    rows.get_by_role("link", name="إعداد خطة أسبوع التعلم").click()
    coordinator_page.get_by_label("ما الذي تم إنجازه").fill("أُعدت الخطة واعتمدت من الإدارة")
    coordinator_page.get_by_label("الحالة").select_option("done")
    coordinator_page.get_by_role("button", name="إضافة ملاحظة الإنجاز").click()
    coordinator_page.wait_for_load_state()
    assert coordinator_page.get_by_test_id("status").inner_text().startswith("منجزة")
    coordinator_context.close()

    # The manager sees the implementation rate change: decision 1 has one of two items done.
    page.goto(meeting_url)
    assert page.get_by_test_id("implementation-rate").inner_text() == "0%"
    ActionItem.objects.filter(title_ar="تمويل البرامج التدريبية").update(status="done")
    page.reload()
    assert page.get_by_test_id("implementation-rate").inner_text() == "50%"

    # The minutes PDF downloads.
    response = page.request.get(f"{live_server.url}/ar/meetings/{meeting.pk}/minutes.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert web.console_errors == []
