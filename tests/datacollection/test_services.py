"""A data set's form from draft to locked: entry, rules, submission, approval at each level,
return, lock and unlock."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from learningcity.core.models import AuditEntry
from learningcity.datacollection import places as where
from learningcity.datacollection import services
from learningcity.datacollection.models import FormStatus
from learningcity.indicators import services as indicator_services
from learningcity.indicators.models import LockedPeriod, Measurement, MeasurementStatus, RuleKind
from learningcity.notifications.models import Notification

FULL = {"LRN|sex|female": "30", "LRN|sex|male": "20", "CMP": "40"}


def _save(data_set, period, place, by, entries=FULL, submit=False):
    return services.form_save(
        data_set=data_set, period_start=period, place=place, entries=entries, submit=submit, by=by
    )


def test_a_draft_keeps_what_was_typed_and_reports_nothing(data_set, places, last_period, coordinator_a):
    form, check = _save(data_set, last_period, places["first"], coordinator_a, {"LRN": "12x", "CMP": "4"})
    assert form.status == FormStatus.DRAFT
    assert form.entries == {"LRN": "12x", "CMP": "4"}
    assert set(check.reading.errors) == {"LRN"}
    assert not Measurement.objects.exists()


def test_the_total_is_added_up_from_a_complete_breakdown(data_set, places, last_period, coordinator_a):
    _form, check = _save(data_set, last_period, places["first"], coordinator_a)
    assert check.reading.values[("LRN", "", "")] == Decimal(50)
    assert check.may_submit


def test_submission_sends_every_value_for_approval(data_set, places, last_period, coordinator_a, approvers):
    form, _check = _save(data_set, last_period, places["first"], coordinator_a, submit=True)
    assert form.status == FormStatus.SUBMITTED
    values = dict(Measurement.objects.values_list("indicator__code", "value").filter(dimension=""))
    assert values == {"LRN": 50, "CMP": 40}
    assert set(Measurement.objects.values_list("status", flat=True)) == {MeasurementStatus.SUBMITTED}
    assert Notification.objects.filter(
        recipient=approvers["governorate"], kind="data_form.submitted"
    ).exists()


def test_a_form_with_an_empty_total_is_kept_but_not_submitted(data_set, places, last_period, coordinator_a):
    form, check = _save(data_set, last_period, places["first"], coordinator_a, {"CMP": "40"}, submit=True)
    assert form.status == FormStatus.DRAFT
    assert [indicator.code for indicator in check.missing] == ["LRN"]
    assert not Measurement.objects.exists()


def test_a_blocking_rule_stops_the_submission_and_a_warning_does_not(
    data_set, places, last_period, coordinator_a, manager
):
    indicator_services.rule_save(
        data={"name_ar": "المكتملون لا يزيدون على المسجلين", "kind": RuleKind.COMPARISON,
              "left": "CMP", "operator": "le", "right": "LRN", "importance": "blocking"},
        by=manager,
    )  # fmt: skip
    too_many = {**FULL, "CMP": "60"}
    form, check = _save(data_set, last_period, places["first"], coordinator_a, too_many, submit=True)
    assert form.status == FormStatus.DRAFT
    assert [v.rule.name_ar for v in check.blocking] == ["المكتملون لا يزيدون على المسجلين"]
    indicator_services.rule_save(
        data={"name_ar": "تغير كبير", "kind": RuleKind.RANGE, "indicator": data_set.indicators.get(code="LRN"),
              "maximum": Decimal(10), "importance": "warning"},
        by=manager,
    )  # fmt: skip
    form, check = _save(data_set, last_period, places["first"], coordinator_a, submit=True)
    assert form.status == FormStatus.SUBMITTED
    assert [v.rule.name_ar for v in check.warnings] == ["تغير كبير"]


def test_only_a_reporting_entity_fills_the_form(data_set, places, last_period, coordinator_b, viewer):
    for person in (coordinator_b, viewer):
        with pytest.raises(PermissionDenied):
            _save(data_set, last_period, places["first"], person)


def test_a_form_is_only_for_the_data_sets_places_and_periods(data_set, places, last_period, coordinator_a):
    with pytest.raises(ValidationError):
        _save(data_set, last_period, places["region"], coordinator_a)
    with pytest.raises(ValidationError):  # the current period is not over
        _save(data_set, where.calc.shift(last_period, "monthly", 1), places["first"], coordinator_a)
    with pytest.raises(ValidationError):  # before the data set opened
        _save(data_set, where.calc.shift(last_period, "monthly", -3), places["first"], coordinator_a)


def test_approval_goes_governorate_city_region_and_locks(
    data_set, places, last_period, coordinator_a, approvers
):
    form, _check = _save(data_set, last_period, places["first"], coordinator_a, submit=True)
    assert where.approval_chain(form.scope) == [
        f"governorate:{places['first'].pk}", f"city:{places['city'].pk}", f"region:{places['region'].pk}"
    ]  # fmt: skip
    # Out of turn: the region's approver cannot approve before the governorate's.
    with pytest.raises(PermissionDenied):
        services.form_approve(form=form, by=approvers["region"])
    form = services.form_approve(form=form, by=approvers["governorate"])
    assert (form.status, form.approved_level) == (FormStatus.SUBMITTED, "governorate")
    form = services.form_approve(form=form, by=approvers["city"])
    assert Notification.objects.filter(recipient=approvers["region"], kind="data_form.submitted").exists()
    form = services.form_approve(form=form, by=approvers["region"])
    assert form.status == FormStatus.APPROVED
    assert set(Measurement.objects.values_list("status", flat=True)) == {MeasurementStatus.VERIFIED}
    assert LockedPeriod.objects.filter(period_start=last_period, scope=form.scope).count() == 2
    # Locked: the form, and the single-value path that the API and the import share, refuse.
    with pytest.raises(ValidationError):
        _save(data_set, last_period, places["first"], coordinator_a)
    with pytest.raises(ValidationError):
        indicator_services.measurement_submit(
            indicator=data_set.indicators.get(code="CMP"), period_start=last_period, value=1,
            governorate=places["first"], by=_manager(),
        )  # fmt: skip


def _manager():
    from learningcity.accounts.models import Role
    from tests.factories import UserFactory

    return UserFactory(role=Role.PROGRAMME_MANAGER)


def test_a_governorate_without_a_city_goes_straight_to_the_region(places):
    assert where.approval_chain(f"governorate:{places['second'].pk}") == [
        f"governorate:{places['second'].pk}", f"region:{places['region'].pk}"
    ]  # fmt: skip


def test_a_return_takes_the_values_out_and_tells_the_coordinator(
    data_set, places, last_period, coordinator_a, approvers
):
    form, _check = _save(data_set, last_period, places["first"], coordinator_a, submit=True)
    form = services.form_approve(form=form, by=approvers["governorate"])
    with pytest.raises(ValidationError):
        services.form_return(form=form, reason="  ", by=approvers["city"])
    form = services.form_return(form=form, reason="عدد الإناث غير صحيح", by=approvers["city"])
    assert (form.status, form.approved_level, form.return_reason) == (
        FormStatus.RETURNED,
        "",
        "عدد الإناث غير صحيح",
    )
    assert set(Measurement.objects.values_list("status", flat=True)) == {MeasurementStatus.RETURNED}
    assert Notification.objects.filter(recipient=coordinator_a, kind="data_form.returned").exists()
    # Corrected and submitted again, it starts at the governorate again.
    form, _check = _save(
        data_set, last_period, places["first"], coordinator_a, {**FULL, "LRN|sex|female": "31"}, submit=True
    )
    assert services.pending_scope(form) == f"governorate:{places['first'].pk}"


def test_unlocking_needs_the_top_level_and_is_audited(
    data_set, places, last_period, coordinator_a, approvers
):
    form, _check = _save(data_set, last_period, places["first"], coordinator_a, submit=True)
    for level in ("governorate", "city", "region"):
        form = services.form_approve(form=form, by=approvers[level])
    with pytest.raises(PermissionDenied):
        services.form_unlock(form=form, reason="تصحيح", by=approvers["city"])
    form = services.form_unlock(form=form, reason="تصحيح بيانات الإناث", by=approvers["region"])
    assert form.status == FormStatus.RETURNED
    assert not LockedPeriod.objects.exists()
    unlocks = AuditEntry.objects.filter(changes__has_key=f"locked {last_period.isoformat()} {form.scope}")
    assert unlocks.count() == 4  # two indicators locked, then unlocked
    # The correction replaces the verified value and keeps the old one in the history.
    form, _check = _save(
        data_set, last_period, places["first"], coordinator_a, {**FULL, "CMP": "41"}, submit=True
    )
    cmp_value = Measurement.objects.get(indicator__code="CMP", dimension="")
    assert cmp_value.value == 41
    assert list(cmp_value.revisions.values_list("value", flat=True)) == [40]


def test_every_submitted_value_is_in_the_audit_log_with_its_old_value(
    data_set, places, last_period, coordinator_a, manager
):
    from django.contrib.contenttypes.models import ContentType

    measurement_type = ContentType.objects.get_for_model(Measurement)
    form, _check = _save(data_set, last_period, places["first"], coordinator_a, submit=True)
    created = AuditEntry.objects.filter(content_type=measurement_type, action="create")
    assert created.count() == Measurement.objects.count() == 4  # two totals, two parts
    assert {entry.changes["value"][1] for entry in created} == {"50.0000", "30.0000", "20.0000", "40.0000"}
    assert all(entry.actor == coordinator_a for entry in created)
    form = services.form_return(form=form, reason="راجع المكتملين", by=manager)
    _save(data_set, last_period, places["first"], coordinator_a, {**FULL, "CMP": "41"}, submit=True)
    changed = AuditEntry.objects.filter(
        content_type=measurement_type, changes__has_key="value", action="update"
    )
    assert [entry.changes["value"] for entry in changed] == [["40.0000", "41.0000"]]


def test_a_form_started_twice_at_once_keeps_the_first_and_says_so(
    data_set, places, last_period, coordinator_a, monkeypatch
):
    from learningcity.datacollection.models import DataForm

    _save(data_set, last_period, places["first"], coordinator_a, {"CMP": "1"})
    # The second person read "no form yet" just before the first one's was saved.
    unsaved = DataForm(
        data_set=data_set, period_start=last_period, scope=f"governorate:{places['first'].pk}",
        **where.place_fields(places["first"]),
    )  # fmt: skip
    monkeypatch.setattr(services, "_form", lambda *args: unsaved)
    with pytest.raises(ValidationError):
        _save(data_set, last_period, places["first"], coordinator_a, {"CMP": "2"})
    assert DataForm.objects.get().entries == {"CMP": "1"}
