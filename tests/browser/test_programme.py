"""The programme in a real browser: an initiative created with milestones rolls up into its
axis on the roadmap; axe-core on the programme pages."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from learningcity.accounts.models import Role
from learningcity.programme.models import Initiative
from tests.factories import TEST_PASSWORD, EntityFactory, UserFactory, coordinator_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting(transactional_db):
    call_command("seed_reference", verbosity=0)
    from learningcity.programme.models import Axis, Track

    axis = Axis.objects.get(number=2)
    track = Track.objects.create(
        axis=axis,
        code="lifelong-awareness",
        title_ar="حملات التوعية بالتعلم مدى الحياة",
        lead_sector="nonprofit",
    )
    owner = EntityFactory(name_ar="جمعية تعليم الكبار ومحو الأمية", sector="nonprofit")
    coordinator_user(owner, "coordinator")
    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    return {"axis": axis, "track": track, "owner": owner}


def _add_milestone(page, title, weight, progress):
    page.get_by_role("tab", name="المراحل").click()
    page.locator("#pane-milestones summary").click()
    form = page.locator("form[action$='/milestones/']")
    form.get_by_label("العنوان (العربية)").fill(title)
    form.get_by_label("تاريخ الاستحقاق").fill("2026-06-30")
    form.get_by_label("الوزن").fill(str(weight))
    form.get_by_label("نسبة الإنجاز (%)").fill(str(progress))
    form.get_by_role("button", name="إضافة المرحلة").click()
    page.wait_for_load_state()


def test_initiative_with_milestones_rolls_up_to_its_axis(web, setting):
    page = web.page
    web.sign_in("coordinator", TEST_PASSWORD)
    web.goto("/ar/initiatives/")
    page.get_by_role("link", name="إضافة مبادرة").click()
    page.get_by_label("العنوان (العربية)").fill("أسبوع التعلم مدى الحياة في المدينة المنورة")
    page.get_by_label("مدينة التعلم").select_option(label="المدينة المنورة")
    page.get_by_label("المسار").select_option(label=f"2. {setting['track'].title_ar}")
    page.get_by_label("الجهة المسؤولة").select_option(label=setting["owner"].name_ar)
    page.get_by_label("تاريخ البداية").fill("2026-01-01")
    page.get_by_label("تاريخ النهاية").fill("1448-06-20")  # Hijri is accepted too
    page.get_by_label("الأسر", exact=True).check()
    page.get_by_label("ثقافة حيوية للتعلم مدى الحياة", exact=False).first.check()
    page.get_by_role("button", name="حفظ").click()
    page.wait_for_load_state()
    errors = page.locator(".invalid-feedback, .alert-danger").all_inner_texts()
    assert errors == [], errors
    page.wait_for_url("**/ar/initiatives/*/")
    initiative = Initiative.objects.get(title_ar="أسبوع التعلم مدى الحياة في المدينة المنورة")
    assert initiative.code.startswith("INI-2026-")
    assert str(initiative.end_date) == "2026-11-30"

    _add_milestone(page, "إعداد الخطة التنفيذية", 1, 100)
    _add_milestone(page, "تنفيذ الفعاليات", 3, 50)
    assert page.get_by_test_id("initiative-progress").inner_text().strip().endswith("63%")

    web.goto("/ar/roadmap/")
    axis_card = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="المحور 2", exact=False)
    )
    assert "63%" in axis_card.inner_text()
    assert web.console_errors == []
