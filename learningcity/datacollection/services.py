"""Writes for data collection: data sets (managers), approvers (managers), forms filled and
submitted (the reporting entities' coordinators), and each level's approval or return."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_delete, model_update
from learningcity.datacollection import entry, places
from learningcity.datacollection.models import ApprovalStep, Approver, DataForm, DataSet, FormStatus
from learningcity.datacollection.permissions import can_approve, can_enter, can_manage_data_sets
from learningcity.indicators import calc, rules
from learningcity.indicators import services as indicator_services
from learningcity.indicators.models import Indicator
from learningcity.indicators.selectors import rule_values
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify

EDITABLE = (FormStatus.DRAFT, FormStatus.RETURNED)


@transaction.atomic
def data_set_save(
    *,
    data: Mapping[str, Any],
    relations: Mapping[str, Iterable[Any]],
    data_set: DataSet | None = None,
    by: User,
) -> DataSet:
    """`relations`: indicators, entities, regions, learning_cities, governorates."""
    require(can_manage_data_sets(by))
    errors: dict[str, list[str]] = {}
    indicators = list(relations.get("indicators", []))
    if not indicators:
        errors["indicators"] = [_("Choose the indicators reported in this data set.")]
    computed = [indicator.code for indicator in indicators if indicator.computed_key]
    if computed:
        errors["indicators"] = [
            _("%(codes)s are calculated by the platform; nobody types them in.")
            % {"codes": "، ".join(computed)}
        ]
    if not list(relations.get("entities", [])):
        errors["entities"] = [_("Choose the entities that report this data set.")]
    if not any(list(relations.get(name, [])) for name in ("regions", "learning_cities", "governorates")):
        errors["governorates"] = [_("Choose the places this data set is reported for.")]
    if errors:
        raise ValidationError(errors)
    m2m = {name: list(values) for name, values in relations.items()}
    if data_set is None:
        return model_create(instance=DataSet(**data), by=by, m2m=m2m)
    data_set, _changes = model_update(instance=data_set, data=data, by=by, m2m=m2m)
    return data_set


@transaction.atomic
def approver_set(*, place: places.Place, users: Iterable[User], by: User) -> None:
    """The people who approve forms for `place` (its level is the place's kind)."""
    require(can_manage_data_sets(by))
    scope = places.scope_of(place)
    wanted = {user.pk for user in users}
    current = set(Approver.objects.filter(scope=scope).values_list("user_id", flat=True))
    for user_id in current - wanted:
        model_delete(instance=Approver.objects.get(scope=scope, user_id=user_id), by=by)
    for user_id in wanted - current:
        model_create(instance=Approver(scope=scope, user_id=user_id), by=by)


@dataclass
class FormCheck:
    """What a form's cells and the validation rules say about what was typed."""

    reading: entry.Reading
    violations: list[rules.Violation] = field(default_factory=list)
    missing: list[Indicator] = field(default_factory=list)
    # What the form added up, cell by cell (None where it added up nothing).
    sums: list[tuple[str, Any]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def blocking(self) -> list[rules.Violation]:
        return [violation for violation in self.violations if violation.blocks]

    @property
    def warnings(self) -> list[rules.Violation]:
        return [violation for violation in self.violations if not violation.blocks]

    @property
    def errors(self) -> list[tuple[str, str, str]]:
        """(cell key, what the person sees the cell as, what is wrong) for each cell that does
        not read: "LC-02 — Male", not the key the form sends."""
        return [(key, self.labels.get(key, key), message) for key, message in self.reading.errors.items()]

    @property
    def may_submit(self) -> bool:
        return not (self.reading.errors or self.blocking or self.missing)


def indicators_of(data_set: DataSet) -> list[Indicator]:
    return list(data_set.indicators.order_by("code"))


def form_check(
    *, data_set: DataSet, period_start: dt.date, scope: str, entries: Mapping[str, str]
) -> FormCheck:
    """Read the typed cells and run every rule about the data set's indicators on them, with
    the stored values of the same period and place (a read: nothing is saved)."""
    indicators = indicators_of(data_set)
    reading = entry.read(indicators, entries)
    rule_list = rule_values.rules_for(indicators)
    violations = []
    if rule_list:
        values = rule_values.values_for(
            rule_list=rule_list, period_start=period_start, scope=scope, overlay=reading.values
        )
        violations = rules.check(rule_list, values)
    missing = [indicator for indicator in indicators if reading.total(indicator) is None]
    return FormCheck(
        reading=reading,
        violations=violations,
        missing=missing,
        sums=entry.computed_outputs(indicators, reading),
        labels=entry.cell_labels(indicators),
    )


def _form(data_set: DataSet, period_start: dt.date, place: places.Place) -> DataForm:
    scope = places.scope_of(place)
    form = (
        DataForm.objects.select_for_update()
        .filter(data_set=data_set, period_start=period_start, scope=scope)
        .first()
    )
    return form or DataForm(
        data_set=data_set, period_start=period_start, scope=scope, **places.place_fields(place)
    )


@transaction.atomic
def form_save(
    *,
    data_set: DataSet,
    period_start: dt.date,
    place: places.Place,
    entries: Mapping[str, str],
    comment: str = "",
    submit: bool = False,
    by: User,
) -> tuple[DataForm, FormCheck]:
    """Keep what was typed (a draft), and on `submit` send the values to the indicators for
    approval — only when every cell reads, every total is there and no blocking rule fails.
    A submission that cannot go still keeps the draft: nothing typed is lost."""
    require(can_enter(by, data_set))
    if not places.is_period(data_set, period_start, timezone.localdate()):
        raise ValidationError(_("This data set is not reported for that period."))
    scope = places.scope_of(place)
    if scope not in {places.scope_of(p) for p in places.data_set_places(data_set)}:
        raise ValidationError(_("This data set is not reported for that place."))
    form = _form(data_set, period_start, place)
    if form.status not in EDITABLE:
        raise ValidationError(_("This form was submitted; it can change only after an approver returns it."))
    kept = {key: str(text).strip() for key, text in entries.items() if str(text).strip()}
    known = {
        entry.key_of(cell) for indicator in indicators_of(data_set) for cell, _l in entry.cells_of(indicator)
    }
    kept = {key: text for key, text in kept.items() if key in known}
    check = form_check(data_set=data_set, period_start=period_start, scope=scope, entries=kept)
    data = {"entries": kept, "comment": comment.strip(), "saved_by": by}
    if form.pk is None:
        try:
            with transaction.atomic():
                form = model_create(instance=DataForm(**{**_identity(form), **data}), by=by)
        except IntegrityError as exc:
            # Two people started the same form at the same moment; the other one's is kept.
            raise ValidationError(
                _("Someone started this form at the same moment; open it again to see what they typed.")
            ) from exc
    else:
        form, _changes = model_update(instance=form, data=data, by=by)
    if submit and check.may_submit:
        _submit(form, check, by)
    return form, check


def _identity(form: DataForm) -> dict[str, Any]:
    return {
        "data_set": form.data_set, "period_start": form.period_start, "scope": form.scope,
        "region": form.region, "learning_city": form.learning_city, "governorate": form.governorate,
    }  # fmt: skip


def _submit(form: DataForm, check: FormCheck, by: User) -> None:
    indicator_services.measurements_record_many(
        indicators=indicators_of(form.data_set),
        period_start=form.period_start,
        region=form.region,
        learning_city=form.learning_city,
        governorate=form.governorate,
        # The totals and each dimension's parts; a grid's own cells stay in the form.
        values={cell: value for cell, value in check.reading.values.items() if entry.CROSS not in cell[1]},
        comment=form.comment,
        by=by,
    )
    model_update(
        instance=form,
        data={
            "status": FormStatus.SUBMITTED, "submitted_by": by, "submitted_at": timezone.now(),
            "approved_level": "", "return_reason": "",
        },
        by=by,
    )  # fmt: skip
    ApprovalStep.objects.create(form=form, action=ApprovalStep.Action.SUBMITTED, by=by)
    _tell_approvers(form, places.approval_chain(form.scope)[0])


def pending_scope(form: DataForm) -> str | None:
    """The place whose approvers act next on a submitted form."""
    if form.status != FormStatus.SUBMITTED:
        return None
    chain = places.approval_chain(form.scope)
    done = [scope for scope in chain if places.level_of(scope) == form.approved_level]
    index = chain.index(done[0]) + 1 if done else 0
    return chain[index] if index < len(chain) else None


@transaction.atomic
def form_approve(*, form: DataForm, by: User) -> DataForm:
    form = DataForm.objects.select_for_update().select_related("data_set").get(pk=form.pk)
    scope = pending_scope(form)
    if scope is None:
        raise ValidationError(_("This form is not waiting for approval."))
    require(can_approve(by, scope))
    level = places.level_of(scope)
    ApprovalStep.objects.create(form=form, action=ApprovalStep.Action.APPROVED, level=level, by=by)
    chain = places.approval_chain(form.scope)
    if scope == chain[-1]:
        indicator_services.period_values_approve(
            indicators=indicators_of(form.data_set), period_start=form.period_start, scope=form.scope, by=by
        )
        form, _changes = model_update(
            instance=form, data={"approved_level": level, "status": FormStatus.APPROVED}, by=by
        )
    else:
        form, _changes = model_update(instance=form, data={"approved_level": level}, by=by)
        _tell_approvers(form, chain[chain.index(scope) + 1])
    return form


@transaction.atomic
def form_return(*, form: DataForm, reason: str, by: User) -> DataForm:
    """Send a submitted form back to its entity with the reason; its values leave the count."""
    form = DataForm.objects.select_for_update().select_related("data_set").get(pk=form.pk)
    scope = pending_scope(form)
    if scope is None:
        raise ValidationError(_("This form is not waiting for approval."))
    require(can_approve(by, scope))
    if not reason.strip():
        raise ValidationError({"reason": _("Say what needs correcting.")})
    indicator_services.period_values_return(
        indicators=indicators_of(form.data_set),
        period_start=form.period_start,
        scope=form.scope,
        reason=reason.strip(),
        by=by,
    )
    return _send_back(form, ApprovalStep.Action.RETURNED, places.level_of(scope), reason.strip(), by)


@transaction.atomic
def form_unlock(*, form: DataForm, reason: str, by: User) -> DataForm:
    """Open an approved form for correction. Only the last level's approvers unlock; the form
    goes back to its entity, and a corrected submission is approved again level by level."""
    form = DataForm.objects.select_for_update().select_related("data_set").get(pk=form.pk)
    if form.status != FormStatus.APPROVED:
        raise ValidationError(_("Only an approved form is locked."))
    top = places.approval_chain(form.scope)[-1]
    require(can_approve(by, top))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the approved values need changing.")})
    indicator_services.period_values_unlock(
        indicators=indicators_of(form.data_set), period_start=form.period_start, scope=form.scope, by=by
    )
    return _send_back(form, ApprovalStep.Action.UNLOCKED, places.level_of(top), reason.strip(), by)


def _send_back(form: DataForm, action: str, level: str, reason: str, by: User) -> DataForm:
    """Back to its entity for correction, with the reason, in the form's history; its
    submitter is told. A corrected submission starts again at the first level."""
    ApprovalStep.objects.create(form=form, action=action, level=level, by=by, reason=reason)
    form, _changes = model_update(
        instance=form,
        data={"status": FormStatus.RETURNED, "approved_level": "", "return_reason": reason},
        by=by,
    )
    _tell_submitter(form, reason)
    return form


def _period_text(form: DataForm) -> str:
    return calc.period_label(form.period_start, form.data_set.frequency)


def _tell_approvers(form: DataForm, scope: str) -> None:
    approvers = [approver.user for approver in Approver.objects.filter(scope=scope).select_related("user")]
    if approvers:
        notify(
            recipients=approvers,
            kind="data_form.submitted",
            title=said(
                gettext_lazy("A form waits for your approval: %(data_set)s"),
                data_set=Named(form.data_set, "name"),
            ),
            body=_period_text(form),
            url=form.get_absolute_url(),
        )


def _tell_submitter(form: DataForm, reason: str) -> None:
    if form.submitted_by is not None:
        notify(
            recipients=[form.submitted_by],
            kind="data_form.returned",
            title=said(
                gettext_lazy("A form was returned for correction: %(data_set)s"),
                data_set=Named(form.data_set, "name"),
            ),
            body=f"{_period_text(form)} — {reason}",
            url=form.get_absolute_url(),
        )
