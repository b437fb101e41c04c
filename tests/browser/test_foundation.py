"""The foundation in a real browser: languages and direction, sign-in for each role, the
partners registry, permissions, keyboard use, small screens and axe-core."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command

from learningcity.accounts.models import Role
from learningcity.coordination.services import action_item_add_progress
from learningcity.core.models import Governorate, Region
from learningcity.exchange.tokens import token_create
from learningcity.partners import services
from learningcity.partners.models import Entity
from learningcity.reports.models import ArchivedReport
from tests.factories import (
    TEST_PASSWORD,
    ActionItemFactory,
    CoordinatorFactory,
    EntityFactory,
    IndicatorFactory,
    MeetingFactory,
    OpportunityFactory,
    SessionFactory,
    UserFactory,
    coordinator_user,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def registry(transactional_db):
    call_command("seed_reference", verbosity=0)
    taibah = EntityFactory(
        name_ar="مدينة طيبة التعليمية للتربية الخاصة", name_en="Taibah Educational City for Special Education"
    )
    other = EntityFactory(
        name_ar="الغرفة التجارية بالمدينة المنورة", name_en="Madinah Chamber of Commerce", sector="private"
    )
    CoordinatorFactory(entity=taibah, full_name_ar="نورة الحربي", gender="f")
    return {"taibah": taibah, "other": other}


def test_arabic_home_is_rtl_and_switching_to_english_gives_ltr(web, registry):
    web.goto("/")
    page = web.page
    assert page.url.endswith("/ar/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    assert "مدن التعلم" in page.locator("h1").inner_text()
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.get_attribute("html", "dir") == "ltr"
    assert page.get_attribute("html", "lang") == "en"
    assert "Learning cities" in page.locator("h1").inner_text()
    assert web.console_errors == []


def test_language_switch_keeps_the_page(web, registry):
    web.goto(f"/ar/partners/{registry['taibah'].pk}/")
    web.page.get_by_role("link", name="English").click()
    web.page.wait_for_url(f"**/en/partners/{registry['taibah'].pk}/")
    assert web.page.locator("h1").inner_text() == "Taibah Educational City for Special Education"


@pytest.mark.parametrize(
    ("username", "role", "role_label"),
    [
        ("manager", Role.PROGRAMME_MANAGER, "مدير البرنامج"),
        ("coordinator", Role.COORDINATOR, "منسق جهة شريكة"),
        ("evaluator", Role.EVALUATOR, "مقيّم"),
        ("viewer", Role.VIEWER, "القيادات / مطّلع"),
    ],
)
def test_each_role_signs_in(web, registry, username, role, role_label):
    if role == Role.COORDINATOR:
        coordinator_user(registry["taibah"], username)
    else:
        UserFactory(username=username, role=role)
    web.sign_in(username, TEST_PASSWORD)
    # Staff start on what needs them; their account page is one click away.
    assert web.page.url.endswith("/ar/my-work/")
    assert web.page.get_by_role("heading", name="ما ينتظرك", exact=True).is_visible()
    web.page.locator("main").get_by_role("link", name="حسابك").click()
    web.page.wait_for_url("**/ar/accounts/profile/")
    assert web.page.get_by_test_id("role").inner_text() == role_label
    if role == Role.COORDINATOR:
        assert registry["taibah"].name_ar in web.page.locator("main").inner_text()
    # The account menu (a Bootstrap dropdown) holds "sign out".
    web.page.get_by_role("button", name=username, exact=True).click()
    web.page.get_by_role("button", name="تسجيل الخروج").click()
    web.page.wait_for_load_state()
    assert web.page.get_by_role("heading", name="سجّلت خروجك").is_visible()


def test_manager_creates_an_entity_and_finds_it_with_a_variant_spelling(web, registry):
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    web.sign_in("manager", TEST_PASSWORD)
    page = web.page
    web.goto("/ar/partners/")
    page.get_by_role("link", name="إضافة جهة").click()
    page.get_by_label("الاسم (العربية)").fill("جمعيّة التنمية الأسرية بالعيص")
    page.get_by_label("الاسم (الإنجليزية)").fill("Al-Ais Family Development Association")
    page.get_by_label("القطاع").select_option("nonprofit")
    page.get_by_label("النوع").select_option("association")
    page.get_by_label("العيص").check()
    page.get_by_role("button", name="حفظ").click()
    page.wait_for_url("**/ar/partners/*/")
    assert page.locator("h1").inner_text() == "جمعيّة التنمية الأسرية بالعيص"
    assert Entity.objects.filter(name_en="Al-Ais Family Development Association").exists()

    web.goto("/ar/partners/")
    page.get_by_label("ابحث بالاسم").fill("جمعيه التنميه الاسريه")
    # htmx replaces the results without reloading the page and keeps the query in the address.
    page.wait_for_url("**q=*")
    results = page.locator("#results")
    results.get_by_role("link", name="جمعيّة التنمية الأسرية بالعيص").wait_for()
    assert registry["other"].name_ar not in results.inner_text()
    assert web.console_errors == []


def test_coordinator_is_refused_when_editing_another_entity(web, registry):
    coordinator_user(registry["other"], "coordinator_b", gender="f")
    web.sign_in("coordinator_b", TEST_PASSWORD)
    web.goto(f"/ar/partners/{registry['taibah'].pk}/")
    assert web.page.get_by_role("link", name="تعديل", exact=True).count() == 0
    response = web.goto(f"/ar/partners/{registry['taibah'].pk}/edit/")
    assert response.status == 403
    assert "لا تملك صلاحية" in web.page.locator("h1").inner_text()
    # Their own entity is editable.
    web.goto(f"/ar/partners/{registry['other'].pk}/")
    web.page.get_by_role("link", name="تعديل", exact=True).click()
    web.page.wait_for_url("**/edit/")


def test_keyboard_user_can_skip_to_content_and_sees_focus(web, registry):
    web.goto("/ar/")
    page = web.page
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="انتقل إلى المحتوى الرئيس")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_layout_works_at_375_pixels(phone, registry):
    phone.goto("/ar/partners/")
    page = phone.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    toggler = page.get_by_role("button", name="إظهار القائمة أو إخفاؤها")
    assert toggler.is_visible()
    toggler.click()
    page.get_by_role("link", name="الشركاء").wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_managers_menu_fits_a_1280_pixel_screen(web, registry, language):
    """The manager has the longest menu; in English its labels are longest of all. It wraps
    rather than pushing the account menu off the page."""
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER, first_name="فاطمة", last_name="الأنصاري")
    web.sign_in("manager", TEST_PASSWORD, language)
    page = web.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    account = page.get_by_role("button", name="فاطمة الأنصاري").bounding_box()
    assert account["x"] >= 0 and account["x"] + account["width"] <= 1280
    # At 1,366 px, a common office screen, the bar is one line (the audit log and the back
    # office sit in the account menu).
    page.set_viewport_size({"width": 1366, "height": 900})
    tops = page.eval_on_selector_all(
        "#main-nav .navbar-nav > li", "items => items.map(i => i.getBoundingClientRect().top)"
    )
    assert max(tops) - min(tops) < 5, tops
    page.get_by_role("button", name="فاطمة الأنصاري").click()
    assert page.locator(".dropdown-menu-end a[href$='/audit/']").is_visible()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_axe_finds_no_serious_violations(web, registry, language):
    pages = [
        "/",
        "/partners/",
        f"/partners/{registry['taibah'].pk}/",
        "/accounts/login/",
        "/partners/responsibilities/",
    ]
    found = {}
    for path in pages:
        web.goto(f"/{language}{path}")
        violations = web.serious_accessibility_violations()
        if violations:
            found[path] = violations
    assert found == {}
    assert web.console_errors == []


def test_axe_on_signed_in_forms(web, registry):
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    web.sign_in("manager", TEST_PASSWORD)
    found = {}
    for path in [
        "/ar/partners/new/",
        f"/en/partners/{registry['taibah'].pk}/edit/",
        "/ar/accounts/profile/",
        "/ar/my-work/",
        "/ar/audit/",
    ]:
        web.goto(path)
        violations = web.serious_accessibility_violations()
        if violations:
            found[path] = violations
    # A failed form shows its errors accessibly too.
    web.goto("/ar/partners/new/")
    web.page.get_by_role("button", name="حفظ").click()
    web.page.wait_for_load_state()
    violations = web.serious_accessibility_violations()
    if violations:
        found["failed form"] = violations
    assert found == {}


@pytest.mark.parametrize(
    ("language", "sector", "field", "arrow", "hidden"),
    [
        ("ar", "القطاع الأكاديمي", "القطاع", "←", "تغيّر (قيمة سرية لا تُعرض)"),
        ("en", "Academic sector", "sector", "→", "changed (a secret, not shown)"),
    ],
)
def test_the_audit_log_reads_in_the_managers_language(web, language, sector, field, arrow, hidden):
    manager = UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    entity = services.entity_create(data={"name_ar": "جامعة طيبة", "sector": "academic"}, by=manager)
    token, _raw = token_create(entity=entity, name="نظام التسجيل", scope="read", days=30, by=manager)
    web.sign_in("manager", TEST_PASSWORD, language)
    web.goto(f"/{language}/audit/")
    changes = web.page.locator("td.history-change").all_inner_texts()
    assert any(f"{field}: " in text and sector in text and arrow in text for text in changes), changes
    assert any(hidden in text for text in changes)
    assert token.secret_hash not in web.page.content() and "secret_hash" not in web.page.content()
    assert web.serious_accessibility_violations() == []


@pytest.mark.parametrize(("language", "listed"), [("ar", "المدينة المنورة، ينبع"), ("en", "Madinah, Yanbu")])
def test_lists_use_the_page_languages_separator(web, language, listed):
    call_command("seed_reference", verbosity=0)
    entity = EntityFactory()
    entity.governorates.set(Governorate.objects.filter(code__in=["madinah", "yanbu"]).order_by("pk"))
    web.goto(f"/{language}/partners/{entity.pk}/")
    assert listed in web.page.locator("main").inner_text()


@pytest.mark.parametrize(
    ("language", "kinds", "course", "footer_links"),
    [
        ("ar", "تصفّح حسب النوع", "دورة", ["التحقق من شهادة", "البيانات المفتوحة", "إشعار الخصوصية", "بيان إمكانية الوصول"]),
        ("en", "Browse by kind", "Course", ["Verify a certificate", "Open data", "Privacy notice", "Accessibility statement"]),
    ],
)  # fmt: skip
def test_the_home_page_browses_by_kind_and_every_footer_leads_to_help(
    web, language, kinds, course, footer_links
):
    call_command("seed_reference", verbosity=0)
    SessionFactory(opportunity=OpportunityFactory(opportunity_type="course"))
    CoordinatorFactory(entity=EntityFactory(), gender="f")
    web.goto(f"/{language}/")
    page = web.page
    section = page.get_by_test_id("kinds")
    assert page.get_by_role("heading", name=kinds).is_visible()
    section.get_by_role("link", name=course).click()
    page.wait_for_url("**type=course**")
    footer = page.locator("footer")
    for name in footer_links:
        assert footer.get_by_role("link", name=name).is_visible(), name
    assert "@" in footer.inner_text()  # a way to write to the administration
    footer.get_by_role("link", name=footer_links[3]).click()
    page.wait_for_url(f"**/{language}/accessibility/")
    assert web.serious_accessibility_violations() == []
    web.goto(f"/{language}/")
    assert (
        "coordinators" not in page.locator("main").inner_text().lower()
        and "المنسق" not in page.locator("main").inner_text()
    )


@pytest.mark.parametrize("language", ["ar", "en"])
def test_headings_in_order_text_in_its_language_and_no_sideways_scroll_at_320(web, language):
    """WCAG 1.3.1 (no h1 → h3 jump), 3.1.2 (a note typed in the other language says so), 1.4.10
    (the reports page fits 320 px), and no "required" mark the control does not carry."""
    call_command("seed_reference", verbosity=0)
    manager = UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    IndicatorFactory(is_public=True)
    SessionFactory(
        opportunity=OpportunityFactory(title_ar="لغة الإشارة للأسرة", title_en="Sign language for families")
    )
    item = ActionItemFactory()
    note = "Venue booked for the training week" if language == "ar" else "حُجزت القاعة لأسبوع التدريب"
    action_item_add_progress(item=item, note=note, status="in_progress", by=manager)
    report = ArchivedReport(kind="city", region=Region.objects.first(), period_start=dt.date(2026, 1, 1),
                            period_end=dt.date(2026, 1, 31), language=language, format="pdf")  # fmt: skip
    report.file.save("city-report.pdf", ContentFile(b"%PDF-1.7\n"), save=True)

    web.sign_in("manager", TEST_PASSWORD, language)
    for path in ("/opportunities/?q=%D9%84%D8%BA%D8%A9", "/dashboard/", "/open-data/indicators/"):
        web.goto(f"/{language}{path}")
        assert web.page.locator("main h3").count(), path  # cards or tiles under the page's heading
        assert web.violations_of("heading-order") == [], path
    web.goto(f"/{language}/action-items/{item.pk}/")
    other = "ar" if language == "en" else "en"
    assert web.page.locator(f'[lang="{other}"]', has_text=note).count() == 1
    status_label = web.page.locator("label[for=id_status]")
    assert "required" not in (status_label.get_attribute("class") or "")
    web.page.set_viewport_size({"width": 320, "height": 700})
    web.goto(f"/{language}/reports/")
    assert web.page.evaluate("() => document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_long_email_address_does_not_push_a_phone_page_sideways(phone, language):
    entity = EntityFactory(email="partnerships.and.volunteering@volunteers-association.example.sa")
    phone.goto(f"/{language}/partners/{entity.pk}/")
    link = phone.page.locator(f'a[href="mailto:{entity.email}"]')
    box = link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("language", ["ar", "en"])
def test_on_a_phone_a_card_tables_dates_wrap_inside_their_card(phone, manager, language):
    # A time with its Hijri date is kept on one line in a wide table (text-nowrap); in the
    # audit log's cards on a phone the English one pushed its card sideways, which axe-core
    # reports as a scrollable region the keyboard cannot reach.
    # A day whose Hijri month has one of the longest English names (Jumada al-Akhirah).
    with time_machine.travel(dt.datetime(2026, 12, 7, 22, 44, tzinfo=dt.UTC), tick=False):
        services.entity_create(data={"name_ar": "جهة", "name_en": "Entity", "sector": "private"}, by=manager)
    phone.sign_in("manager", TEST_PASSWORD, language)
    phone.goto(f"/{language}/audit/")
    frame = phone.page.locator("main .table-responsive")
    assert frame.evaluate("f => f.scrollWidth <= f.clientWidth"), "the cards scroll sideways"
    assert phone.serious_accessibility_violations() == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_on_a_phone_entity_indicator_meeting_and_data_set_tables_are_cards(phone, manager, language):
    # These tables scrolled sideways inside their frame on a phone (from 4 to 328 px): a long
    # name or e-mail address, or a time with its Hijri date, beside other columns. A frame the
    # keyboard cannot scroll is also a serious axe-core violation.
    from learningcity.coordination.models import Invitation
    from learningcity.core.audit import audit_record
    from learningcity.core.models import AuditAction
    from learningcity.datacollection.models import DataSet

    entity = EntityFactory(
        name_ar="الجمعية الخيرية لتنمية المهارات والتدريب المهني",
        name_en="Charitable Association for Skills Development and Vocational Training",
    )
    ActionItemFactory(owner_entity=entity)
    indicator = IndicatorFactory(
        owner_entity=entity, name_en="Adults enrolled in vocational training programmes"
    )
    data_set = DataSet.objects.create(
        code="monthly", name_ar="البيانات الشهرية للتدريب المهني", frequency="monthly",
        name_en="Monthly vocational training returns", opens_on=dt.date(2026, 1, 1),
    )  # fmt: skip
    data_set.indicators.set([indicator])
    data_set.entities.set([entity, EntityFactory(name_en="Technical and Vocational Training Corporation")])
    # A coordinator with a long e-mail address, a meeting inviting the entity, and a record's
    # history of changes (an indicator's, beside its values by period).
    CoordinatorFactory(entity=entity, email="partnerships.and.volunteering@vocational-association.example.sa")
    meeting = MeetingFactory()
    Invitation.objects.create(meeting=meeting, entity=entity)
    audit_record(actor=manager, action=AuditAction.UPDATE, instance=indicator,
                 changes={"name_en": ["Adults in training", indicator.name_en]})  # fmt: skip
    phone.sign_in("manager", TEST_PASSWORD, language)
    pages = {
        "action-items/": 2,
        "indicators/freshness/": 3,
        f"partners/{entity.pk}/": 1,
        f"meetings/{meeting.pk}/": 1,
        f"indicators/{indicator.pk}/": 2,
    }
    for address, tables in pages.items():
        phone.goto(f"/{language}/{address}")
        frames = phone.page.locator("main .table-responsive")
        assert frames.count() >= tables, address
        for index in range(frames.count()):
            frame = frames.nth(index)
            assert frame.evaluate("f => f.scrollWidth <= f.clientWidth"), (address, index, "scrolls sideways")
            assert frame.locator("tbody tr").first.evaluate("row => getComputedStyle(row).display") == "block"
        assert phone.serious_accessibility_violations() == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_back_office_has_no_serious_accessibility_violations(web, manager, language):
    # Django's admin drew a two-list selector's help icons as bare spans with aria-label, a
    # date and time box with no name, a search-as-you-type choice named by its (empty) choice,
    # and breadcrumbs told apart from their text by colour alone (1.42:1).
    EntityFactory()
    web.sign_in("manager", TEST_PASSWORD, language)
    for address in (
        "admin/partners/entity/",  # breadcrumbs
        "admin/catalogue/opportunity/add/",  # two-list selectors, search-as-you-type choices
        "admin/collaboration/story/add/",  # date and time boxes
    ):
        web.goto(f"/{language}/{address}")
        web.page.wait_for_load_state("load")
        assert web.serious_accessibility_violations() == [], address
