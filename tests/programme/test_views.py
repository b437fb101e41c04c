import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from learningcity.programme.models import Challenge, Initiative, InitiativeTargetGroup, Milestone
from tests.conftest import client_for
from tests.factories import GovernorateFactory, InitiativeFactory, ResourceFactory


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def _more_initiatives(count):
    for _ in range(count):
        initiative = InitiativeFactory()
        Milestone.objects.create(
            initiative=initiative, title_ar="م", due_date=timezone.localdate(), progress=10
        )
        Challenge.objects.create(initiative=initiative, title="تحد", category="other", severity="high")
        ResourceFactory()


@pytest.mark.parametrize(
    "url",
    [
        "/ar/initiatives/",
        "/ar/initiatives/at-risk/",
        "/ar/roadmap/",
        "/ar/challenges/",
        "/ar/resources/",
        "/ar/initiatives/?behind_schedule=on",
    ],
)
def test_list_pages_run_a_constant_number_of_queries(manager, url):
    client = client_for(manager)
    _more_initiatives(2)
    few = _queries(client, url)
    _more_initiatives(12)
    assert _queries(client, url) == few


def test_initiative_page_runs_a_constant_number_of_queries(manager, initiative):
    client = client_for(manager)
    url = f"/ar/initiatives/{initiative.pk}/"
    client.get(url)  # warm per-process caches (content types), which are not what is measured
    few = _queries(client, url)
    for n in range(5):
        Milestone.objects.create(initiative=initiative, title_ar=f"م {n}", due_date=timezone.localdate())
        Challenge.objects.create(initiative=initiative, title=f"تحد {n}", category="other")
    assert _queries(client, url) == few


def test_filters_and_arabic_search(manager, db):
    yanbu = GovernorateFactory(name_ar="ينبع")
    youth = InitiativeFactory(title_ar="أكاديمية المهارات اللوجستية للشباب")
    InitiativeTargetGroup.objects.create(initiative=youth, group="youth")
    youth.governorates.set([yanbu])
    other = InitiativeFactory(title_ar="مكتبة الكتب الناطقة", status="completed")
    client = client_for(manager)
    page = client.get("/ar/initiatives/", {"q": "اكاديميه المهارات"}).content.decode()
    assert youth.title_ar in page and other.title_ar not in page
    page = client.get("/ar/initiatives/", {"target_group": "youth", "governorate": yanbu.pk}).content.decode()
    assert youth.title_ar in page and other.title_ar not in page
    page = client.get("/ar/initiatives/", {"status": "completed"}).content.decode()
    assert other.title_ar in page and youth.title_ar not in page


def test_behind_schedule_filter(manager, db):
    behind = InitiativeFactory(title_ar="متأخرة", progress=Decimal(5))
    on_track = InitiativeFactory(title_ar="في الموعد", progress=Decimal(60))
    page = client_for(manager).get("/ar/initiatives/", {"behind_schedule": "on"}).content.decode()
    assert behind.title_ar in page and on_track.title_ar not in page


def test_exports_follow_the_filters(manager, db):
    InitiativeFactory(code="INI-2026-100", title_ar="مبادرة نشطة", status="active")
    InitiativeFactory(code="INI-2026-101", title_ar="مبادرة ملغاة", status="cancelled")
    client = client_for(manager)
    response = client.get("/ar/initiatives/", {"status": "active", "export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert "INI-2026-100" in body and "INI-2026-101" not in body and "مبادرة نشطة" in body
    response = client.get("/ar/initiatives/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == ["INI-2026-100", "INI-2026-101"]


def test_at_risk_lists_the_reasons(manager, db):
    today = timezone.localdate()
    late = InitiativeFactory(title_ar="بمرحلة متأخرة", title_en="", progress=Decimal(90))
    Milestone.objects.create(
        initiative=late, title_ar="م", due_date=today - dt.timedelta(days=3), progress=50
    )
    serious = InitiativeFactory(title_ar="بتحد كبير", title_en="", progress=Decimal(90))
    Challenge.objects.create(initiative=serious, title="تحد", category="funding", severity="critical")
    fine = InitiativeFactory(title_ar="بخير", title_en="", progress=Decimal(90))
    page = client_for(manager).get("/en/initiatives/at-risk/").content.decode()
    assert late.title_ar in page and serious.title_ar in page and fine.title_ar not in page
    assert "Overdue milestone" in page and "Serious field challenge" in page


def test_failed_beneficiary_form_keeps_the_numbers_and_explains(coordinator_a, initiative):
    today = timezone.localdate().isoformat()
    response = client_for(coordinator_a).post(
        f"/en/initiatives/{initiative.pk}/beneficiaries/",
        {
            "period_start": today,
            "period_end": today,
            "total": 10,
            "count__sex__male": 8,
            "count__sex__female": 7,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "adds up to 15, more than the total of 10" in page
    assert 'value="8"' in page and 'value="7"' in page


def test_duplicate_partner_gets_a_clear_message(manager, initiative, partner_entity):
    response = client_for(manager).post(
        f"/en/initiatives/{initiative.pk}/partners/", {"entity": partner_entity.pk, "role": "media"}
    )
    assert response.status_code == 400
    assert "is listed twice" in response.content.decode()
    assert initiative.partners.count() == 1


def test_timeline_places_bars_in_percent(manager, initiative):
    page = (
        client_for(manager)
        .get(f"/ar/roadmap/timeline/?city={initiative.learning_city.code}")
        .content.decode()
    )
    assert 'data-offset="0.0" data-width="100.0"' in page
    assert initiative.code in page
    assert Initiative.objects.count() == 1
