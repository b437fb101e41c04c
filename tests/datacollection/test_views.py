"""The data collection pages with Django's test client: what each form keeps, says and saves."""

from decimal import Decimal

from learningcity.datacollection.models import Approver, DataForm, DataSet
from learningcity.indicators import services as indicator_services
from learningcity.indicators.models import Measurement, RuleKind, ValidationRule
from tests.conftest import client_for


def _form_url(data_set, period, place):
    return f"/en/data-entry/{data_set.pk}/{period.isoformat()}/governorate:{place.pk}/"


def _blocking_rule(manager):
    return indicator_services.rule_save(
        data={"kind": RuleKind.COMPARISON, "left": "CMP", "operator": "le", "right": "LRN",
              "importance": "blocking", "name_ar": "قاعدة", "name_en": "Completed within learners",
              "message_en": "More completed than learners."},
        by=manager,
    )  # fmt: skip


def test_a_draft_is_saved_and_a_refused_submission_keeps_what_was_typed(
    data_set, places, last_period, coordinator_a, manager
):
    _blocking_rule(manager)
    client = client_for(coordinator_a)
    url = _form_url(data_set, last_period, places["first"])
    answer = client.post(
        url, {"cell:LRN": "50", "cell:CMP": "60", "action": "submit", "comment": "من السجلات"}
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "More completed than learners." in page
    assert 'value="60"' in page and "من السجلات" in page
    assert DataForm.objects.get().status == "draft"
    assert not Measurement.objects.exists()
    answer = client.post(url, {"cell:LRN": "50", "cell:CMP": "40", "action": "submit"})
    assert answer.status_code == 302
    assert DataForm.objects.get().status == "submitted"


def test_cells_not_in_the_data_set_are_ignored(data_set, places, last_period, coordinator_a):
    client_for(coordinator_a).post(
        _form_url(data_set, last_period, places["first"]),
        {"cell:OTHER": "5", "cell:CMP": "4", "action": "save"},
    )
    assert DataForm.objects.get().entries == {"CMP": "4"}


def test_the_check_answers_with_the_rules_as_the_person_types(
    data_set, places, last_period, coordinator_a, manager
):
    _blocking_rule(manager)
    answer = client_for(coordinator_a).post(
        _form_url(data_set, last_period, places["first"]) + "check/", {"cell:LRN": "5", "cell:CMP": "6"}
    )
    assert answer.status_code == 200
    fragment = answer.content.decode()
    assert 'hx-swap-oob="true"' in fragment and "More completed than learners." in fragment
    assert not DataForm.objects.exists()


def test_a_place_outside_the_data_set_is_not_found(data_set, places, last_period, coordinator_a):
    answer = client_for(coordinator_a).get(
        f"/en/data-entry/{data_set.pk}/{last_period}/region:{places['region'].pk}/"
    )
    assert answer.status_code == 404
    answer = client_for(coordinator_a).get(
        f"/en/data-entry/{data_set.pk}/not-a-date/governorate:{places['first'].pk}/"
    )
    assert answer.status_code == 404


def test_a_manager_sets_up_a_data_set(manager, entity_a, learners, places):
    client = client_for(manager)
    fields = {"code": "q", "name_ar": "فصلية", "frequency": "quarterly", "opens_on": "2026-01-01",
              "days_to_report": "20", "is_active": "on", "indicators": [learners.pk], "entities": [entity_a.pk]}  # fmt: skip
    answer = client.post("/en/data-sets/new/", fields)
    assert answer.status_code == 400
    assert "Choose the places this data set is reported for." in answer.content.decode()
    answer = client.post("/en/data-sets/new/", {**fields, "governorates": [places["second"].pk]})
    assert answer.status_code == 302
    data_set = DataSet.objects.get(code="q")
    assert list(data_set.governorates.all()) == [places["second"]]
    assert client.get(f"/en/data-sets/{data_set.pk}/").status_code == 200


def test_a_manager_names_approvers_by_username(manager, places, viewer, learner):
    client = client_for(manager)
    url = f"/en/data-sets/approvers/city:{places['city'].pk}/"
    answer = client.post(url, {"usernames": "viewer\nnobody"})
    assert answer.status_code == 400
    assert "nobody" in answer.content.decode()
    assert client.post(url, {"usernames": "learner"}).status_code == 400
    assert client.post(url, {"usernames": "viewer\n"}).status_code == 302
    assert list(Approver.objects.values_list("scope", "user__username")) == [
        (f"city:{places['city'].pk}", "viewer")
    ]
    client.post(url, {"usernames": ""})
    assert not Approver.objects.exists()


def test_a_manager_writes_a_rule_and_a_side_that_does_not_read_says_why(manager, learners):
    client = client_for(manager)
    fields = {"name_ar": "قاعدة", "kind": "comparison", "importance": "warning", "left": "LRN LRN",
              "operator": "le", "right": "population", "is_active": "on"}  # fmt: skip
    answer = client.post("/en/indicators/rules/new/", fields)
    assert answer.status_code == 400
    assert "Put + or - between" in answer.content.decode()
    assert client.post("/en/indicators/rules/new/", {**fields, "left": "LRN"}).status_code == 302
    rule = ValidationRule.objects.get()
    assert list(rule.reads.all()) == [learners]


def test_the_report_says_which_rules_fail_where(manager, coordinator_a, learners, places, last_period):
    indicator_services.measurement_submit(
        indicator=learners, period_start=last_period, value=900, governorate=places["first"], by=coordinator_a
    )
    rule = indicator_services.rule_save(
        data={"kind": RuleKind.RANGE, "indicator": learners, "maximum": Decimal(800), "importance": "warning",
              "name_ar": "حد", "name_en": "At most 800"},
        by=manager,
    )  # fmt: skip
    answer = client_for(manager).get("/en/indicators/rules/report/")
    page = answer.content.decode()
    assert answer.status_code == 200
    assert f'data-testid="failures-{rule.pk}">1<' in page
    assert "900 is above the maximum of 800." in page and "المحافظة الأولى" in page


def test_completeness_shows_on_the_freshness_page_and_in_the_city_report(
    data_set, places, last_period, coordinator_a, manager
):
    import datetime as dt

    import time_machine

    from learningcity.datacollection import places as where
    from learningcity.datacollection import selectors, services
    from learningcity.reports.city import ReportScope, city_report

    services.form_save(
        data_set=data_set, period_start=last_period, place=places["first"], entries={"LRN": "5", "CMP": "4"},
        submit=True, by=coordinator_a,
    )  # fmt: skip
    after_due = where.due_date(data_set, last_period) + dt.timedelta(days=1)
    (row,) = selectors.completeness_table(after_due)
    # Three periods × two governorates are due; one came on time.
    assert (row.overall.expected, row.overall.on_time, row.overall.missing) == (6, 1, 5)
    page = client_for(manager).get("/en/indicators/freshness/").content.decode()
    assert "Data set forms: submitted on time, late and missing" in page and "Monthly returns" in page
    scope = ReportScope(
        region=places["region"], learning_city=places["city"], start=last_period, end=last_period
    )
    (city,) = selectors.completeness_in(
        region=scope.region,
        learning_city=scope.learning_city,
        start=scope.start,
        end=scope.end,
        today=after_due,
    )
    # The city holds the first governorate only: one form, on time.
    assert (city.expected, city.on_time, city.percent) == (1, 1, 100)
    with time_machine.travel(dt.datetime.combine(after_due, dt.time(12), tzinfo=dt.UTC)):
        assert [row.data_set for row in city_report(scope).data_completeness] == [data_set]


def test_the_report_narrows_to_a_place_and_the_places_within_it(
    manager, coordinator_a, learners, places, last_period
):
    indicator_services.measurement_submit(
        indicator=learners, period_start=last_period, value=900, governorate=places["first"], by=coordinator_a
    )
    rule = indicator_services.rule_save(
        data={"kind": RuleKind.RANGE, "indicator": learners, "maximum": Decimal(800), "importance": "warning",
              "name_ar": "حد"},
        by=manager,
    )  # fmt: skip
    client = client_for(manager)
    marker = f'data-testid="failures-{rule.pk}">'
    for scope, count in (
        (f"city:{places['city'].pk}", 1),  # the city holds the first governorate
        (f"region:{places['region'].pk}", 1),
        (f"governorate:{places['second'].pk}", 0),
    ):
        page = client.get("/en/indicators/rules/report/", {"scope": scope}).content.decode()
        assert f"{marker}{count}<" in page, scope
