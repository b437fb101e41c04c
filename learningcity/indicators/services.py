"""Writes for indicators: definitions and targets (managers), values reported by the owner
entity and verified by a manager, and the values the platform computes itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.core import events
from learningcity.core.arabic import latin_number
from learningcity.core.audit import audit_record, audit_updates, diff, record_label, snapshot
from learningcity.core.cache import bump
from learningcity.core.disaggregation import Dimension, is_valid_category
from learningcity.core.models import AuditAction, Governorate, LearningCity, Region
from learningcity.core.permissions import require
from learningcity.core.places import require_city_in_region
from learningcity.core.services import model_create, model_update
from learningcity.indicators import rules
from learningcity.indicators.calc import is_aligned, period_label
from learningcity.indicators.held import without_held
from learningcity.indicators.kept_series import values_changed
from learningcity.indicators.models import (
    ActionPlan,
    Indicator,
    IndicatorTarget,
    LockedPeriod,
    Measurement,
    MeasurementRevision,
    MeasurementStatus,
    RuleKind,
    Unit,
    ValidationRule,
    scope_key,
)
from learningcity.indicators.permissions import can_manage_indicators, can_report
from learningcity.indicators.selectors import INDICATORS_CACHE, rule_values
from learningcity.notifications.said import said
from learningcity.notifications.services import notify


@transaction.atomic
def indicator_save(
    *,
    data: Mapping[str, Any],
    indicator: Indicator | None = None,
    framework_nodes: Iterable[Any] | None = None,
    by: User,
) -> Indicator:
    require(can_manage_indicators(by))
    if data.get("baseline_value") is not None:
        # The baseline is held to the unit's rules, like every value and target.
        unit = data.get("unit") or (indicator.unit if indicator is not None else "")
        check_value(
            Indicator(unit=unit, allow_over_100=data.get("allow_over_100", False)),
            data["baseline_value"],
            "baseline_value",
        )
    m2m = {"framework_nodes": list(framework_nodes)} if framework_nodes is not None else None
    if indicator is None:
        return model_create(instance=Indicator(**data), by=by, m2m=m2m)
    indicator, _changes = model_update(instance=indicator, data=data, by=by, m2m=m2m)
    return indicator


@transaction.atomic
def target_set(
    *,
    indicator: Indicator,
    period_start: dt.date,
    value: Decimal,
    learning_city: LearningCity | None = None,
    region: Region | None = None,
    by: User,
) -> IndicatorTarget:
    """A city's target (its region is the city's), or a whole region's; with neither, a
    target for every region."""
    require(can_manage_indicators(by))
    if not is_aligned(period_start, indicator.frequency):
        raise ValidationError({"period_start": _period_error(indicator)})
    value = check_value(indicator, value)  # a target is held to the unit's rules, like a value
    require_city_in_region(learning_city, region)
    if learning_city is not None:
        region = learning_city.region
    target, created = IndicatorTarget.objects.update_or_create(
        indicator=indicator,
        period_start=period_start,
        learning_city=learning_city,
        region=region,
        defaults={"value": value},
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        instance=indicator,
        changes={f"target {period_start.isoformat()}": [None, str(value)]},
    )
    return target


@transaction.atomic
def rule_save(*, data: Mapping[str, Any], rule: ValidationRule | None = None, by: User) -> ValidationRule:
    """A validation rule, with what it needs for its kind: the indicator and its limits, or a
    comparison whose two sides read and whose indicator codes exist."""
    require(can_manage_indicators(by))
    data = dict(data)
    kind = data.get("kind")
    errors: dict[str, list[str]] = {}
    reads: list[Indicator] = []
    if kind == RuleKind.COMPARISON:
        data.update(indicator=None, minimum=None, maximum=None, max_change_percent=None)
        codes: set[str] = set()
        for side in ("left", "right"):
            try:
                codes |= {t.cell[0] for t in rules.parse_side(data.get(side, "")) if t.cell is not None}
            except ValidationError as error:
                errors[side] = error.messages
        reads = list(Indicator.objects.filter(code__in=codes))
        unknown = sorted(codes - {indicator.code for indicator in reads})
        if unknown:
            errors.setdefault("left", []).append(
                _("No indicator has the code %(codes)s.") % {"codes": "، ".join(unknown)}
            )
    else:
        data.update(left="", right="")
        if data.get("indicator") is None:
            errors["indicator"] = [_("Choose the indicator this rule checks.")]
        minimum, maximum = data.get("minimum"), data.get("maximum")
        if kind == RuleKind.RANGE and minimum is None and maximum is None:
            errors["minimum"] = [_("Give a minimum, a maximum or both.")]
        if minimum is not None and maximum is not None and minimum > maximum:
            errors["maximum"] = [_("The maximum is below the minimum.")]
        if kind == RuleKind.CHANGE and data.get("max_change_percent") is None:
            errors["max_change_percent"] = [_("Say how large a change from the previous period is allowed.")]
    if errors:
        raise ValidationError(errors)
    if rule is None:
        return model_create(instance=ValidationRule(**data), by=by, m2m={"reads": reads})
    rule, _changes = model_update(instance=rule, data=data, by=by, m2m={"reads": reads})
    return rule


def _period_error(indicator: Indicator) -> str:
    return _("Choose the first day of a %(frequency)s period (for example %(example)s).") % {
        "frequency": indicator.get_frequency_display().lower(),
        "example": {"monthly": "2026-03-01", "quarterly": "2026-04-01", "yearly": "2026-01-01"}[
            indicator.frequency
        ],
    }


def check_value(indicator: Indicator, value: Any, field: str = "value") -> Decimal:
    """A value of the indicator's unit, or a ValidationError saying what is wrong."""
    try:
        number = Decimal(latin_number(str(value).strip()))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Enter a number.")}) from exc
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    if number < 0 and indicator.unit in (Unit.COUNT, Unit.HOURS, Unit.PERCENT, Unit.SAR):
        raise ValidationError({field: _("This indicator cannot be negative.")})
    if indicator.unit == Unit.COUNT and number != number.to_integral_value():
        raise ValidationError({field: _("A count is a whole number.")})
    if indicator.unit == Unit.PERCENT and number > 100 and not indicator.allow_over_100:
        raise ValidationError({field: _("A percentage cannot be over 100 for this indicator.")})
    return number


def _place(
    region: Region | None, learning_city: LearningCity | None, governorate: Governorate | None
) -> Region:
    if governorate is not None:
        return governorate.region
    if learning_city is not None:
        return learning_city.region
    if region is None:
        raise ValidationError({"place": _("Choose where the value applies.")})
    return region


@transaction.atomic
def measurement_submit(*, indicator: Indicator, by: User, **value: Any) -> Measurement:
    """Report a value (and its breakdown) for verification — measurement_record's arguments,
    by someone who may report this indicator (its owner entity or a programme manager)."""
    require(can_report(by, indicator))
    return measurement_record(indicator=indicator, by=by, **value)


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    period_start: dt.date,
    value: Any,
    region: Region | None = None,
    learning_city: LearningCity | None = None,
    governorate: Governorate | None = None,
    parts: Mapping[tuple[str, str], Any] | None = None,
    numerator: Any = None,
    denominator: Any = None,
    comment: str = "",
    evidence: Any = None,
    by: User,
) -> Measurement:
    """Report a value (and its breakdown) for verification. Re-reporting a period replaces the
    earlier value; a verified value that changes keeps its old version in the history.

    It does not ask who may report the indicator: measurement_submit does, and a data set's
    form asks its own question (the entities the data set names report it, not only the
    indicator's owner). Every other check — the period, the unit, the validation rules, a
    locked period — holds for every path."""
    if not is_aligned(period_start, indicator.frequency):
        raise ValidationError({"period_start": _period_error(indicator)})
    if period_start > timezone.localdate():
        raise ValidationError(
            {"period_start": _("A value cannot be reported for a period that has not started.")}
        )
    region = _place(region, learning_city, governorate)
    total = check_value(indicator, value)
    checked_parts: dict[tuple[str, str], Decimal] = {}
    for (dimension, category), part in (parts or {}).items():
        if dimension not in (indicator.allowed_disaggregations or []):
            label = Dimension(dimension).label if dimension in Dimension.values else dimension
            raise ValidationError(
                {"parts": _("This indicator is not broken down by %(dimension)s.") % {"dimension": label}}
            )
        if not is_valid_category(dimension, category):
            raise ValidationError({"parts": _("Unknown category %(category)s.") % {"category": category}})
        checked_parts[(dimension, category)] = check_value(indicator, part, field="parts")
    extra = {
        "numerator": check_value(indicator, numerator, "numerator") if numerator not in (None, "") else None,
        "denominator": check_value(indicator, denominator, "denominator")
        if denominator not in (None, "")
        else None,
        "comment": comment,
    }
    place = {"region": region, "learning_city": learning_city, "governorate": governorate}
    scope = scope_key(region.pk, getattr(learning_city, "pk", None), getattr(governorate, "pk", None))
    refuse_if_locked(indicator, period_start, scope)
    entered = {(indicator.code, "", ""): total} | {
        (indicator.code, dimension, category): part for (dimension, category), part in checked_parts.items()
    }
    warnings = rules_enforce(indicators=[indicator], period_start=period_start, scope=scope, entered=entered)
    measurement = _write(indicator, period_start, place, "", "", total, extra, evidence, by)
    for (dimension, category), part in checked_parts.items():
        _write(indicator, period_start, place, dimension, category, part, {"comment": comment}, None, by)
    measurement.rule_warnings = warnings  # type: ignore[attr-defined]
    return measurement


def _refuse_held(measurements: list[Measurement]) -> None:
    ids = [measurement.pk for measurement in measurements]
    if ids and without_held(Measurement.objects.filter(pk__in=ids)).count() != len(set(ids)):
        raise ValidationError(
            _(
                "Some of these values belong to a data set's form: they are approved with the form, level by level."
            )
        )


def refuse_if_locked(indicator: Indicator, period_start: dt.date, scope: str) -> None:
    """An approved period of a place keeps its values until its approver unlocks it."""
    if LockedPeriod.objects.filter(indicator=indicator, period_start=period_start, scope=scope).exists():
        raise ValidationError(
            {
                "period_start": _(
                    "%(indicator)s for %(period)s is approved and locked for this place; "
                    "ask its approver to unlock it before changing it."
                )
                % {"indicator": indicator.code, "period": period_label(period_start, indicator.frequency)}
            }
        )


def rules_enforce(
    *,
    indicators: Iterable[Indicator],
    period_start: dt.date,
    scope: str,
    entered: Mapping[rules.Cell, Decimal],
) -> list[rules.Violation]:
    """Check what is being entered, with the stored values of the same period and place,
    against every rule about these indicators. A failed blocking rule stops the write (its
    message in the error); the warnings are returned for the caller to show."""
    rule_list = rule_values.rules_for(indicators)
    if not rule_list:
        return []
    values = rule_values.values_for(
        rule_list=rule_list, period_start=period_start, scope=scope, overlay=entered
    )
    violations = rules.check(rule_list, values)
    blocking = [violation.message for violation in violations if violation.blocks]
    if blocking:
        raise ValidationError({"value": blocking})
    return [violation for violation in violations if not violation.blocks]


def _write(indicator, period_start, place, dimension, category, value, extra, evidence, by) -> Measurement:
    scope = scope_key(
        place["region"].pk,
        getattr(place["learning_city"], "pk", None),
        getattr(place["governorate"], "pk", None),
    )
    existing = (
        Measurement.objects.select_for_update()
        .filter(
            indicator=indicator,
            period_start=period_start,
            scope=scope,
            dimension=dimension,
            category=category,
        )
        .first()
    )
    data = {
        "value": value,
        "status": MeasurementStatus.SUBMITTED,
        "submitted_by": by,
        "return_reason": "",
        **extra,
    }
    if evidence:
        data["evidence"] = evidence
    if existing is None:
        return model_create(
            instance=Measurement(
                indicator=indicator,
                period_start=period_start,
                dimension=dimension,
                category=category,
                **place,
                **data,
            ),
            by=by,
        )
    if existing.status == MeasurementStatus.VERIFIED:
        MeasurementRevision.objects.create(
            measurement=existing,
            value=existing.value,
            status=existing.status,
            verified_by=existing.verified_by,
            verified_at=existing.verified_at,
            replaced_by=by,
        )
        data.update({"verified_by": None, "verified_at": None})
    measurement, _changes = model_update(instance=existing, data=data, by=by)
    return measurement


@transaction.atomic
def measurements_verify(*, measurements: Iterable[Measurement], by: User) -> int:
    require(can_manage_indicators(by))
    measurements = list(measurements)
    _refuse_held(measurements)
    count = 0
    for measurement in measurements:
        if measurement.status != MeasurementStatus.VERIFIED:
            model_update(
                instance=measurement,
                data={"status": MeasurementStatus.VERIFIED, "verified_by": by, "verified_at": timezone.now()},
                by=by,
            )
            count += 1
            events.publish(
                "measurement.verified",
                entity_ids=[measurement.indicator.owner_entity_id],
                payload={
                    "id": measurement.pk, "indicator": measurement.indicator.code,
                    "period_start": measurement.period_start.isoformat(), "scope": measurement.scope,
                    "dimension": measurement.dimension, "category": measurement.category, "value": str(measurement.value),
                },
            )  # fmt: skip
    return count


@transaction.atomic
def measurement_return(*, measurements: Iterable[Measurement], reason: str, by: User) -> int:
    require(can_manage_indicators(by))
    if not reason.strip():
        raise ValidationError({"reason": _("Say what needs correcting.")})
    measurements = list(measurements)
    _refuse_held(measurements)
    for measurement in measurements:
        refuse_if_locked(measurement.indicator, measurement.period_start, measurement.scope)
        model_update(
            instance=measurement,
            data={"status": MeasurementStatus.RETURNED, "return_reason": reason.strip()},
            by=by,
        )
    if measurements:
        first = measurements[0]
        notify(
            recipients=[m.submitted_by for m in measurements if m.submitted_by],
            kind="measurement.returned",
            title=said(
                gettext_lazy("Indicator value returned for correction: %(code)s"), code=first.indicator.code
            ),
            body=f"{period_label(first.period_start, first.indicator.frequency)} — {reason.strip()}",
            url=first.indicator.get_absolute_url(),
        )
    return len(measurements)


@transaction.atomic
def computed_measurement_store(
    *,
    indicator: Indicator,
    period_start: dt.date,
    place: Mapping[str, Any],
    dimension: str,
    category: str,
    value: Decimal,
) -> Measurement:
    """A value the platform calculated itself: verified at once (there is no one to check it)."""
    scope = scope_key(
        place["region"].pk,
        getattr(place.get("learning_city"), "pk", None),
        getattr(place.get("governorate"), "pk", None),
    )
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator,
        period_start=period_start,
        scope=scope,
        dimension=dimension,
        category=category,
        defaults={
            "region": place["region"],
            "learning_city": place.get("learning_city"),
            "governorate": place.get("governorate"),
            "value": value,
            "status": MeasurementStatus.VERIFIED,
            "verified_at": timezone.now(),
            "is_computed": True,
        },
    )
    return measurement


# What a data set's approval does to the values of one period and place. The caller
# (datacollection.services) has checked that `by` approves forms for that place.


def _period_values(indicators: Iterable[Indicator], period_start: dt.date, scope: str):
    return Measurement.objects.filter(
        indicator__in=list(indicators), period_start=period_start, scope=scope
    ).select_related("indicator")


@transaction.atomic
def period_values_approve(
    *, indicators: Iterable[Indicator], period_start: dt.date, scope: str, by: User
) -> int:
    """Verify the values and lock the period for the place."""
    indicators = list(indicators)
    count = 0
    for measurement in _period_values(indicators, period_start, scope):
        if measurement.status != MeasurementStatus.VERIFIED:
            model_update(
                instance=measurement,
                data={"status": MeasurementStatus.VERIFIED, "verified_by": by, "verified_at": timezone.now()},
                by=by,
            )
            count += 1
    for indicator in indicators:
        _lock, created = LockedPeriod.objects.get_or_create(
            indicator=indicator, period_start=period_start, scope=scope, defaults={"locked_by": by}
        )
        if created:
            audit_record(
                actor=by,
                action=AuditAction.UPDATE,
                instance=indicator,
                changes={f"locked {period_start.isoformat()} {scope}": [False, True]},
            )
    return count


@transaction.atomic
def period_values_unlock(
    *, indicators: Iterable[Indicator], period_start: dt.date, scope: str, by: User
) -> None:
    for indicator in indicators:
        deleted, _rows = LockedPeriod.objects.filter(
            indicator=indicator, period_start=period_start, scope=scope
        ).delete()
        if deleted:
            audit_record(
                actor=by,
                action=AuditAction.UPDATE,
                instance=indicator,
                changes={f"locked {period_start.isoformat()} {scope}": [True, False]},
            )


@transaction.atomic
def period_values_return(
    *, indicators: Iterable[Indicator], period_start: dt.date, scope: str, reason: str, by: User
) -> None:
    for measurement in _period_values(indicators, period_start, scope):
        model_update(
            instance=measurement,
            data={"status": MeasurementStatus.RETURNED, "return_reason": reason},
            by=by,
        )


@transaction.atomic
def action_plan_save(
    *,
    indicator: Indicator,
    data: Mapping[str, Any],
    partners: Iterable[Any],
    plan: ActionPlan | None = None,
    by: User,
) -> ActionPlan:
    """An action plan for an indicator: written by a programme manager or the indicator's
    owner entity (who knows the story behind its curve)."""
    require(can_report(by, indicator))
    m2m = {"partners": list(partners)}
    if plan is None:
        return model_create(instance=ActionPlan(indicator=indicator, created_by=by, **data), by=by, m2m=m2m)
    plan, _changes = model_update(instance=plan, data=data, by=by, m2m=m2m)
    return plan


@transaction.atomic
def action_plan_add_action(*, plan: ActionPlan, data: Mapping[str, Any], by: User) -> Any:
    """An action of the plan, as an action item the tracker follows like any other (assigned
    to a partner entity, so a programme manager's to give: action_item_create asks)."""
    from learningcity.coordination.services.actions import action_item_create

    if plan.is_closed:
        raise ValidationError(_("This action plan is closed."))
    item = action_item_create(meeting=None, data=data, by=by)
    plan.actions.add(item)
    audit_record(
        actor=by, action=AuditAction.UPDATE, instance=plan, changes={"actions": [None, record_label(item)]}
    )
    return item


VALUE_PLACES = Decimal(1).scaleb(-Measurement._meta.get_field("value").decimal_places)


@transaction.atomic
def measurements_record_many(
    *,
    indicators: Iterable[Indicator],
    period_start: dt.date,
    region: Region,
    learning_city: LearningCity | None,
    governorate: Governorate | None,
    values: Mapping[rules.Cell, Decimal],
    comment: str = "",
    by: User,
) -> int:
    """Every value of one period and place at once — a data set's form: the checks of
    measurement_record (the period, the unit, the breakdowns, a locked period, the validation
    rules) and the same history (a verified value's revision, an audit entry for each value),
    in a fixed number of queries. One value at a time, a form of 200 values ran some 2,000
    queries (bench/bench_datacollection.py). The caller has asked who may report them."""
    by_code = {indicator.code: indicator for indicator in indicators}
    scope = scope_key(region.pk, getattr(learning_city, "pk", None), getattr(governorate, "pk", None))
    today = timezone.localdate()
    checked: dict[rules.Cell, Decimal] = {}
    for cell, value in values.items():
        code, dimension, category = cell
        indicator = by_code.get(code)
        if indicator is None:
            raise ValidationError({"value": _("No indicator has the code %(codes)s.") % {"codes": code}})
        if not is_aligned(period_start, indicator.frequency):
            raise ValidationError({"period_start": _period_error(indicator)})
        if dimension and (
            dimension not in (indicator.allowed_disaggregations or [])
            or not is_valid_category(dimension, category)
        ):
            raise ValidationError({"parts": _("Unknown category %(category)s.") % {"category": category}})
        # As the column keeps it (4 places), so an unchanged value compares equal to the stored one.
        checked[cell] = check_value(indicator, value).quantize(VALUE_PLACES)
    if period_start > today:
        raise ValidationError(
            {"period_start": _("A value cannot be reported for a period that has not started.")}
        )
    locked = LockedPeriod.objects.filter(
        indicator__in=by_code.values(), period_start=period_start, scope=scope
    )
    for lock in locked.select_related("indicator")[:1]:
        refuse_if_locked(lock.indicator, period_start, scope)
    rules_enforce(indicators=by_code.values(), period_start=period_start, scope=scope, entered=checked)
    existing = {
        (m.indicator.code, m.dimension, m.category): m
        for m in Measurement.objects.select_for_update(of=("self",))
        .filter(indicator__in=by_code.values(), period_start=period_start, scope=scope)
        .select_related("indicator", "region", "learning_city", "governorate", "submitted_by", "verified_by")
    }
    now = timezone.now()
    created: list[Measurement] = []
    updated: list[Measurement] = []
    revisions: list[MeasurementRevision] = []
    updated_changes: list[tuple[Measurement, dict[str, list[Any]]]] = []
    for cell, value in checked.items():
        code, dimension, category = cell
        fields = {
            "value": value, "status": MeasurementStatus.SUBMITTED, "submitted_by": by, "return_reason": "",
            "comment": comment,
        }  # fmt: skip
        measurement = existing.get(cell)
        if measurement is None:
            measurement = Measurement(
                indicator=by_code[code], period_start=period_start, scope=scope, region=region,
                learning_city=learning_city, governorate=governorate, dimension=dimension, category=category,
                **fields,
            )  # fmt: skip
            created.append(measurement)
            continue
        before = snapshot(measurement)
        if measurement.status == MeasurementStatus.VERIFIED:
            revisions.append(
                MeasurementRevision(
                    measurement=measurement,
                    value=measurement.value,
                    status=measurement.status,
                    verified_by=measurement.verified_by,
                    verified_at=measurement.verified_at,
                    replaced_by=by,
                )  # fmt: skip
            )
            fields.update(verified_by=None, verified_at=None)
        for name, new in fields.items():
            setattr(measurement, name, new)
        measurement.updated_at = now
        change = diff(before, snapshot(measurement))
        if change:
            updated.append(measurement)
            updated_changes.append((measurement, change))
    Measurement.objects.bulk_create(created)
    created_changes = [(measurement, diff({}, snapshot(measurement))) for measurement in created]
    Measurement.objects.bulk_update(
        updated,
        [
            "value",
            "status",
            "submitted_by",
            "return_reason",
            "comment",
            "verified_by",
            "verified_at",
            "updated_at",
        ],
    )
    MeasurementRevision.objects.bulk_create(revisions)
    # Bulk writes send no signal: the scorecard and the changed indicators' kept series are
    # told here (a verified value replaced leaves the verified scorecard).
    if created or updated:
        bump(INDICATORS_CACHE)
        values_changed({m.indicator_id for m in (*created, *updated)})
    audit_updates(actor=by, changes=created_changes, action=AuditAction.CREATE)
    audit_updates(actor=by, changes=updated_changes)
    return len(created) + len(updated)
