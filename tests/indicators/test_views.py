import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learningcity.core.models import AuditEntry
from learningcity.indicators.models import Indicator, IndicatorTarget, Measurement
from learningcity.indicators.services import measurements_verify
from tests.conftest import client_for
from tests.factories import IndicatorFactory

LAST_MONTH = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
ROLES = ("anonymous", "learner", "viewer", "evaluator", "coordinator_a", "coordinator_b", "manager")


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_queries_do_not_grow_with_indicators(manager, places):
    client = client_for(manager)
    g1 = places["governorates"][0]

    def add(count):
        for _ in range(count):
            indicator = IndicatorFactory()
            Measurement.objects.create(
                indicator=indicator,
                period_start=LAST_MONTH,
                region=places["region"],
                governorate=g1,
                value=5,
                status="verified",
            )

    add(2)
    few = _queries(client, "/ar/dashboard/")
    add(20)
    assert _queries(client, "/ar/dashboard/") == few
    assert _queries(client, "/ar/indicators/") == _queries(client, "/ar/indicators/")


def test_public_pages_need_no_sign_in_and_hide_unpublished(client, places):
    published = IndicatorFactory(
        code="LC-01", is_public=True, allowed_disaggregations=["sex"], name_ar="عدد المتعلمين"
    )
    IndicatorFactory(code="LC-99", is_public=False)
    g1 = places["governorates"][0]
    Measurement.objects.create(
        indicator=published,
        period_start=LAST_MONTH,
        region=places["region"],
        governorate=g1,
        value=120,
        status="verified",
    )
    Measurement.objects.create(
        indicator=published,
        period_start=LAST_MONTH,
        region=places["region"],
        governorate=g1,
        dimension="sex",
        category="female",
        value=70,
        status="verified",
    )
    Measurement.objects.create(
        indicator=published,
        period_start=LAST_MONTH,
        region=places["region"],
        governorate=g1,
        value=999,
        status="submitted",
        dimension="sex",
        category="male",
    )
    assert "عدد المتعلمين" in client.get("/ar/open-data/indicators/").content.decode()
    assert client.get("/ar/open-data/indicators/LC-01/").status_code == 200
    assert client.get("/ar/open-data/indicators/LC-99/").status_code == 404
    assert client.get("/ar/open-data/indicators/LC-99.csv").status_code == 404
    response = client.get("/en/open-data/indicators/LC-01.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["period", "area", "sex", "value"]
    assert rows[1][0] == LAST_MONTH.strftime("%Y-%m") and rows[1][-1] == "120"
    assert rows[2][2] == "female" and rows[2][-1] == "70"
    assert len(rows) == 3  # the unverified value is not published
    metadata = dict(
        csv.reader(
            io.StringIO(client.get("/en/open-data/indicators/LC-01-metadata.csv").content.decode("utf-8-sig"))
        )
    )
    assert metadata["code"] == "LC-01" and metadata["breakdowns"] == "sex"


def test_report_and_verify_flow(coordinator_a, manager, indicator, places):
    g1 = places["governorates"][0]
    response = client_for(coordinator_a).post(
        f"/ar/indicators/{indicator.pk}/report/",
        {
            "period_start": LAST_MONTH.isoformat(),
            "scope": f"governorate:{g1.pk}",
            "value": "١٥٠",
            "part__sex__female": "80",
            "part__sex__male": "70",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Measurement.objects.filter(status="submitted").count() == 3
    page = client_for(manager).get("/ar/indicators/verification/").content.decode()
    assert indicator.code in page
    ids = list(Measurement.objects.values_list("pk", flat=True))
    first = client_for(manager).post(
        "/ar/indicators/verification/decide/", {"measurement": ids[:1], "decision": "verify"}, follow=True
    )
    rest = client_for(manager).post(
        "/ar/indicators/verification/decide/", {"measurement": ids[1:], "decision": "verify"}, follow=True
    )
    assert set(Measurement.objects.values_list("status", flat=True)) == {"verified"}
    # The noun takes Arabic's form for one and for two (not «1 قيم», «2 قيم»).
    assert "اعتُمدت قيمة واحدة." in first.content.decode()
    assert "اعتُمدت قيمتان." in rest.content.decode()


def test_wrong_value_gets_a_message_in_arabic(coordinator_a, indicator, places):
    g1 = places["governorates"][0]
    response = client_for(coordinator_a).post(
        f"/ar/indicators/{indicator.pk}/report/",
        {"period_start": LAST_MONTH.isoformat(), "scope": f"governorate:{g1.pk}", "value": "مئة وعشرون"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "يُرجى إدخال رقم." in page and 'value="مئة وعشرون"' in page


def _world(request):
    return {name: request.getfixturevalue(name) if name != "anonymous" else None for name in ROLES}


PATHS = {
    "indicator_create": (
        {"manager"},
        lambda i, p: (
            "/ar/indicators/new/",
            {
                "code": "NEW-1",
                "name_ar": "مؤشر جديد",
                "unit": "count",
                "direction": "higher",
                "frequency": "monthly",
                "aggregation": "sum",
                "at_risk_margin": "10",
            },
        ),
    ),
    "indicator_edit": (
        {"manager"},
        lambda i, p: (
            f"/ar/indicators/{i.pk}/edit/",
            {
                "code": i.code,
                "name_ar": "اسم معدل",
                "unit": "count",
                "direction": "higher",
                "frequency": "monthly",
                "aggregation": "sum",
                "at_risk_margin": "10",
            },
        ),
    ),
    "target_add": (
        {"manager"},
        lambda i, p: (f"/ar/indicators/{i.pk}/targets/", {"period_start": "2026-01-01", "value": "100"}),
    ),
    "report": (
        {"manager", "coordinator_a"},
        lambda i, p: (
            f"/ar/indicators/{i.pk}/report/",
            {
                "period_start": LAST_MONTH.isoformat(),
                "scope": f"governorate:{p['governorates'][0].pk}",
                "value": "10",
            },
        ),
    ),
    "verify": (
        {"manager"},
        lambda i, p: (
            "/ar/indicators/verification/decide/",
            {"measurement": list(Measurement.objects.values_list("pk", flat=True)), "decision": "verify"},
        ),
    ),
}


def _state():
    return (
        list(Indicator.objects.order_by("pk").values_list("code", "name_ar")),
        list(IndicatorTarget.objects.values_list("period_start", "value")),
        list(Measurement.objects.order_by("pk").values_list("value", "status")),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", sorted(PATHS))
def test_write_path_permission(request, indicator, places, role, path):
    users = _world(request)
    Measurement.objects.create(
        indicator=indicator,
        period_start=dt.date(2026, 1, 1),
        region=places["region"],
        value=Decimal(1),
        status="submitted",
    )
    allowed, build = PATHS[path]
    url, data = build(indicator, places)
    before = _state()
    response = client_for(users[role]).post(url, data)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert _state() == before
    elif role in allowed:
        assert response.status_code == 302, (path, role, response.content.decode()[:2000])
        assert _state() != before
    else:
        assert response.status_code == 403, (path, role, response.status_code)
        assert _state() == before


@pytest.mark.django_db(transaction=True)
def test_the_cached_scorecard_shows_a_value_verified_after_it_was_drawn(manager, places):
    """The scorecard section is cached (views/dashboard.py); verifying a value commits a
    change that the next view shows."""
    client = client_for(manager)
    indicator = IndicatorFactory(name_ar="نسبة الملتحقين")
    measurement = Measurement.objects.create(
        indicator=indicator,
        period_start=LAST_MONTH,
        region=places["region"],
        governorate=places["governorates"][0],
        value=41,
        status="submitted",
    )
    before = client.get("/ar/dashboard/").content.decode()
    assert (
        "نسبة الملتحقين" in before
        and '<span class="tile-value"><span class="text-nowrap">41</span></span>' not in before
    )
    measurements_verify(measurements=[measurement], by=manager)
    assert (
        '<span class="tile-value"><span class="text-nowrap">41</span></span>'
        in client.get("/ar/dashboard/").content.decode()
    )


def test_the_scorecard_of_one_framework_shows_its_indicators_once(manager, places):
    """An indicator serving two features of the framework is one tile under each, and an
    indicator of no feature of it is not on that framework's scorecard."""
    from learningcity.indicators.models import Framework, FrameworkNode

    framework = Framework.objects.create(code="test-framework", name_ar="إطار تجريبي")
    features = [
        FrameworkNode.objects.create(framework=framework, code=f"f{n}", name_ar=f"خاصية {n}", position=n)
        for n in (1, 2)
    ]
    inside = IndicatorFactory(name_ar="مؤشر داخل الإطار")
    inside.framework_nodes.set(features)
    IndicatorFactory(name_ar="مؤشر خارج الإطار")
    page = client_for(manager).get("/ar/dashboard/", {"framework": "test-framework"}).content.decode()
    assert page.count("مؤشر داخل الإطار") == 2 and "مؤشر خارج الإطار" not in page
    assert "مؤشر خارج الإطار" in client_for(manager).get("/ar/dashboard/").content.decode()
