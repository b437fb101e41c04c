"""The rules and the lock hold on every path a value comes in by: the data set's form (see
test_services.py), the single-value form, the spreadsheet import and the partner API."""

from decimal import Decimal

import pytest

from learningcity.datacollection import services
from learningcity.indicators import services as indicator_services
from learningcity.indicators.models import Measurement, RuleKind
from tests.conftest import client_for
from tests.exchange.conftest import api, make_token
from tests.exchange.test_imports import csv_bytes, run

FULL = {"LRN|sex|female": "30", "LRN|sex|male": "20", "CMP": "40"}


@pytest.fixture
def locked(data_set, places, last_period, coordinator_a, manager):
    form, _check = services.form_save(
        data_set=data_set, period_start=last_period, place=places["first"], entries=FULL, submit=True,
        by=coordinator_a,
    )  # fmt: skip
    while form.status != "approved":
        form = services.form_approve(form=form, by=manager)
    return form


@pytest.fixture
def at_most_100(manager, learners):
    return indicator_services.rule_save(
        data={"name_ar": "حد أعلى", "kind": RuleKind.RANGE, "indicator": learners, "maximum": Decimal(100),
              "message_ar": "القيمة أعلى من الحد المسموح", "message_en": "Above the allowed maximum"},
        by=manager,
    )  # fmt: skip


def _rows(period, governorate, value):
    return [
        ["indicator", "period_start", "governorate", "dimension", "category", "value"],
        ["LRN", period.isoformat(), governorate.code, "", "", str(value)],
    ]


def test_the_import_reports_a_failed_rule_by_row_and_keeps_nothing(
    at_most_100, places, last_period, coordinator_a
):
    report = run("measurements", csv_bytes(_rows(last_period, places["second"], 101)), coordinator_a)
    assert not report.ok
    assert [(e["row"], e["message"]) for e in report.errors] == [(2, "القيمة أعلى من الحد المسموح")]
    assert not Measurement.objects.exists()


def test_the_import_cannot_change_a_locked_period(locked, places, last_period, coordinator_a):
    report = run("measurements", csv_bytes(_rows(last_period, places["first"], 51)), coordinator_a)
    assert not report.ok
    assert "مقفلة" in report.errors[0]["message"]
    assert Measurement.objects.get(indicator__code="LRN", dimension="").value == 50


def test_the_api_refuses_a_failed_rule_and_a_locked_period(
    at_most_100, locked, places, last_period, coordinator_a, entity_a
):
    client = api(make_token(coordinator_a, entity_a), language="en")
    body = {"indicator": "LRN", "period_start": last_period.isoformat(), "governorate": places["second"].code}
    answer = client.post("/api/v1/measurements/", {**body, "value": "101"}, format="json")
    assert answer.status_code == 400
    assert "Above the allowed maximum" in answer.content.decode()
    answer = client.post(
        "/api/v1/measurements/", {**body, "governorate": places["first"].code, "value": "51"}, format="json"
    )
    assert answer.status_code == 400
    assert "locked" in answer.content.decode()
    assert (
        Measurement.objects.get(indicator__code="LRN", dimension="", governorate=places["first"]).value == 50
    )


def test_the_single_value_form_refuses_a_locked_period(locked, places, last_period, coordinator_a, learners):
    answer = client_for(coordinator_a).post(
        f"/en/indicators/{learners.pk}/report/",
        {"period_start": last_period.isoformat(), "scope": locked.scope, "value": "51"},
    )
    assert answer.status_code == 400
    assert "locked" in answer.content.decode()
