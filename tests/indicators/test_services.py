import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from learningcity.indicators import services
from learningcity.indicators.models import Measurement, MeasurementRevision
from learningcity.notifications.models import Notification
from tests.factories import IndicatorFactory

LAST_MONTH = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _submit(indicator, user, value="120", governorate=None, places=None, **extra):
    return services.measurement_submit(
        indicator=indicator, period_start=extra.pop("period_start", LAST_MONTH), value=value,
        governorate=governorate or places["governorates"][0], by=user, **extra,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("unit", "value", "message"),
    [
        ("count", "abc", "Enter a number."),
        ("count", "12.5", "A count is a whole number."),
        ("count", "-3", "cannot be negative"),
        ("percent", "120", "cannot be over 100"),
        ("percent", "NaN", "Enter a number."),
    ],
)
def test_values_of_the_wrong_unit_are_refused(places, coordinator_a, entity_a, unit, value, message):
    indicator = IndicatorFactory(unit=unit, owner_entity=entity_a)
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        _submit(indicator, coordinator_a, value=value, places=places)
    assert not Measurement.objects.exists()


def test_percent_over_100_when_allowed_and_arabic_digits(places, coordinator_a, entity_a):
    indicator = IndicatorFactory(unit="percent", allow_over_100=True, owner_entity=entity_a)
    measurement = _submit(indicator, coordinator_a, value="١٢٠٫٥", places=places)
    assert measurement.value == Decimal("120.5")


def test_a_value_in_the_digits_of_a_persian_keyboard_is_a_number(places, coordinator_a, entity_a):
    """The mobile field took ۵ (U+06F5) as 5 and the value field refused it: one digit table now."""
    indicator = IndicatorFactory(unit="count", owner_entity=entity_a)
    assert _submit(indicator, coordinator_a, value="۱۲۵", places=places).value == Decimal("125")


def test_period_must_follow_the_frequency(places, coordinator_a, entity_a):
    indicator = IndicatorFactory(frequency="quarterly", owner_entity=entity_a)
    with translation.override("en"), pytest.raises(ValidationError, match="first day of a quarterly period"):
        _submit(indicator, coordinator_a, places=places, period_start=dt.date(2026, 2, 1))
    with pytest.raises(ValidationError):
        _submit(indicator, coordinator_a, places=places, period_start=dt.date(2099, 1, 1))


def test_a_breakdown_the_indicator_does_not_allow_is_refused_and_nothing_is_saved(
    places, coordinator_a, indicator
):
    with translation.override("en"), pytest.raises(ValidationError, match="not broken down by Age group"):
        _submit(
            indicator,
            coordinator_a,
            places=places,
            parts={("sex", "female"): "60", ("age_group", "15-24"): "10"},
        )
    assert not Measurement.objects.exists()


def test_only_the_owner_entity_reports_and_only_managers_verify(
    places, indicator, coordinator_a, coordinator_b, manager
):
    with pytest.raises(PermissionDenied):
        _submit(indicator, coordinator_b, places=places)
    measurement = _submit(indicator, coordinator_a, places=places)
    with pytest.raises(PermissionDenied):
        services.measurements_verify(measurements=[measurement], by=coordinator_a)
    assert services.measurements_verify(measurements=[measurement], by=manager) == 1


def test_changing_a_verified_value_keeps_the_old_one(places, indicator, coordinator_a, manager):
    measurement = _submit(indicator, coordinator_a, value="100", places=places)
    services.measurements_verify(measurements=[measurement], by=manager)
    _submit(indicator, coordinator_a, value="130", places=places)
    measurement.refresh_from_db()
    assert (measurement.value, measurement.status, measurement.verified_by) == (
        Decimal("130"),
        "submitted",
        None,
    )
    revision = MeasurementRevision.objects.get()
    assert (revision.value, revision.status, revision.verified_by) == (Decimal("100"), "verified", manager)


def test_returning_needs_a_reason_and_tells_the_reporter(
    places, indicator, coordinator_a, manager, django_capture_on_commit_callbacks
):
    measurement = _submit(
        indicator, coordinator_a, places=places, parts={("sex", "female"): "70", ("sex", "male"): "50"}
    )
    parts = list(Measurement.objects.exclude(pk=measurement.pk))
    with pytest.raises(ValidationError):
        services.measurement_return(measurements=[measurement], reason="  ", by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.measurement_return(measurements=[measurement, *parts], reason="المصدر غير مرفق", by=manager)
    assert set(Measurement.objects.values_list("status", flat=True)) == {"returned"}
    notification = Notification.objects.get(kind="measurement.returned")
    assert notification.recipient == coordinator_a and indicator.code in notification.title


def test_targets_must_align_too(places, indicator, manager):
    with pytest.raises(ValidationError):
        services.target_set(
            indicator=indicator, period_start=dt.date(2026, 1, 15), value=Decimal(10), by=manager
        )
    services.target_set(indicator=indicator, period_start=dt.date(2026, 1, 1), value=Decimal(10), by=manager)
    services.target_set(indicator=indicator, period_start=dt.date(2026, 1, 1), value=Decimal(12), by=manager)
    assert list(indicator.targets.values_list("value", flat=True)) == [Decimal(12)]


def test_a_count_has_a_whole_target_and_baseline(places, indicator, manager):
    # 8,432.1 learners or 4,530.99 volunteers mean nothing: a count's target and baseline are whole.
    assert indicator.unit == "count"
    with pytest.raises(ValidationError) as refused, translation.override("ar"):
        services.target_set(
            indicator=indicator, period_start=dt.date(2026, 1, 1), value=Decimal("8432.1"), by=manager
        )
    assert "value" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.indicator_save(indicator=indicator, data={"baseline_value": Decimal("4530.99")}, by=manager)
    assert "baseline_value" in refused.value.message_dict
    target = services.target_set(
        indicator=indicator, period_start=dt.date(2026, 1, 1), value=Decimal("8432"), by=manager
    )
    assert target.value == Decimal(8432)
    percent = IndicatorFactory(unit="percent")
    assert services.target_set(
        indicator=percent, period_start=dt.date(2026, 1, 1), value=Decimal("45.5"), by=manager
    ).value == Decimal("45.5")
