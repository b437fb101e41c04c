from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.core import events
from learningcity.core.audit import audit_record
from learningcity.core.concurrency import check_unchanged
from learningcity.core.disaggregation import Dimension, is_valid_category
from learningcity.core.models import AuditAction
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_delete, model_update
from learningcity.partners.models import Entity
from learningcity.programme.models import (
    BeneficiaryCount,
    BeneficiaryReport,
    Initiative,
    InitiativeDocument,
    InitiativeFunding,
    InitiativeNote,
    InitiativePartner,
    InitiativeTargetGroup,
    Milestone,
    PartnerRole,
    TargetGroup,
)
from learningcity.programme.permissions import (
    can_contribute,
    can_create_initiative_for,
    can_edit_initiative,
    can_manage_programme,
    partner_entity_ids,
)
from learningcity.programme.progress import weighted_progress
from learningcity.programme.services.common import user_entity_for


def next_initiative_code(year: int | None = None) -> str:
    year = year or timezone.localdate().year
    prefix = f"INI-{year}-"
    last = (
        Initiative.objects.filter(code__startswith=prefix)
        .order_by("-code")
        .values_list("code", flat=True)
        .first()
    )
    number = int(last.removeprefix(prefix)) + 1 if last and last.removeprefix(prefix).isdigit() else 1
    return f"{prefix}{number:03d}"


def _check_partners(partners: list[tuple[Entity, str]]) -> None:
    seen: set[int] = set()
    for entity, role in partners:
        if role not in PartnerRole.values:
            raise ValidationError({"partners": _("Choose a role for every partner.")})
        if entity.pk in seen:
            raise ValidationError(
                {
                    "partners": _("%(entity)s is listed twice; list each partner once.")
                    % {"entity": entity.name}
                }
            )
        seen.add(entity.pk)


def _set_target_groups(initiative: Initiative, groups: Iterable[str]) -> None:
    groups = set(groups)
    unknown = groups - set(TargetGroup.values)
    if unknown:
        raise ValidationError({"target_groups": _("Unknown target group.")})
    initiative.target_groups.exclude(group__in=groups).delete()
    existing = set(initiative.target_groups.values_list("group", flat=True))
    InitiativeTargetGroup.objects.bulk_create(
        [InitiativeTargetGroup(initiative=initiative, group=group) for group in sorted(groups - existing)]
    )


def _set_partners(initiative: Initiative, partners: list[tuple[Entity, str]]) -> None:
    _check_partners(partners)
    initiative.partners.all().delete()
    InitiativePartner.objects.bulk_create(
        [InitiativePartner(initiative=initiative, entity=entity, role=role) for entity, role in partners]
    )


@transaction.atomic
def initiative_create(
    *,
    data: Mapping[str, Any],
    governorates: Iterable[Any] = (),
    target_groups: Iterable[str] = (),
    framework_nodes: Iterable[Any] = (),
    partners: Iterable[tuple[Entity, str]] = (),
    by: User,
) -> Initiative:
    owner = data.get("owner_entity")
    require(can_manage_programme(by) or can_create_initiative_for(by, getattr(owner, "pk", None)))
    data = dict(data)
    if not data.get("code"):
        data["code"] = next_initiative_code(data["start_date"].year if data.get("start_date") else None)
    partners = list(partners)
    _check_partners(partners)
    initiative = model_create(
        instance=Initiative(**data),
        by=by,
        m2m={"governorates": list(governorates), "framework_nodes": list(framework_nodes)},
    )
    _set_target_groups(initiative, target_groups)
    _set_partners(initiative, partners)
    _announce(initiative)
    return initiative


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    data: Mapping[str, Any],
    governorates: Iterable[Any] | None = None,
    target_groups: Iterable[str] | None = None,
    framework_nodes: Iterable[Any] | None = None,
    partners: Iterable[tuple[Entity, str]] | None = None,
    by: User,
    seen_version: str | None = None,
) -> Initiative:
    """`seen_version`: the version the editor opened (core.concurrency); a save by someone
    else since then refuses this one."""
    require(can_edit_initiative(by, initiative))
    check_unchanged(initiative, seen_version)
    if (
        "owner_entity" in data
        and data["owner_entity"].pk != initiative.owner_entity_id
        and not can_manage_programme(by)
    ):
        raise PermissionDenied(_("Only a programme manager can hand an initiative to another entity."))
    before = {
        "target_groups": sorted(initiative.target_groups.values_list("group", flat=True)),
        "partners": sorted(f"{p.entity_id}:{p.role}" for p in initiative.partners.all()),
    }
    m2m = {}
    if governorates is not None:
        m2m["governorates"] = list(governorates)
    if framework_nodes is not None:
        m2m["framework_nodes"] = list(framework_nodes)
    initiative, _changes = model_update(instance=initiative, data=data, by=by, m2m=m2m)
    if target_groups is not None:
        _set_target_groups(initiative, target_groups)
    if partners is not None:
        _set_partners(initiative, list(partners))
    after = {
        "target_groups": sorted(initiative.target_groups.values_list("group", flat=True)),
        "partners": sorted(f"{p.entity_id}:{p.role}" for p in initiative.partners.all()),
    }
    changes = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    if changes:
        audit_record(actor=by, action=AuditAction.UPDATE, instance=initiative, changes=changes)
    _announce(initiative)
    return initiative


def _announce(initiative: Initiative) -> None:
    events.publish(
        "initiative.updated",
        entity_ids=[initiative.owner_entity_id, *partner_entity_ids(initiative)],
        payload={
            "id": initiative.pk, "code": initiative.code, "external_id": initiative.external_id,
            "title_ar": initiative.title_ar, "title_en": initiative.title_en, "status": initiative.status,
            "progress": str(initiative.progress), "owner_entity": initiative.owner_entity_id,
        },
    )  # fmt: skip


def recompute_progress(initiative: Initiative) -> Decimal:
    progress = weighted_progress(initiative.milestones.values_list("weight", "progress"))
    if progress != initiative.progress:
        Initiative.objects.filter(pk=initiative.pk).update(progress=progress)
        initiative.progress = progress
    return progress


@transaction.atomic
def milestone_save(
    *, initiative: Initiative, data: Mapping[str, Any], milestone: Milestone | None = None, by: User
) -> Milestone:
    require(can_edit_initiative(by, initiative))
    data = dict(data)
    if data.get("progress") == 100 and not data.get("completed_on"):
        data["completed_on"] = (milestone.completed_on if milestone else None) or timezone.localdate()
    if milestone is None:
        milestone = model_create(instance=Milestone(initiative=initiative, **data), by=by)
    else:
        milestone, _changes = model_update(instance=milestone, data=data, by=by)
    recompute_progress(initiative)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by: User) -> None:
    initiative = milestone.initiative
    require(can_edit_initiative(by, initiative))
    model_delete(instance=milestone, by=by)
    recompute_progress(initiative)


@transaction.atomic
def funding_add(
    *, initiative: Initiative, source: Entity, amount: Decimal, note: str = "", by: User
) -> InitiativeFunding:
    require(can_edit_initiative(by, initiative))
    return model_create(
        instance=InitiativeFunding(initiative=initiative, source=source, amount=amount, note=note), by=by
    )


@transaction.atomic
def funding_delete(*, funding: InitiativeFunding, by: User) -> None:
    require(can_edit_initiative(by, funding.initiative))
    model_delete(instance=funding, by=by)


@transaction.atomic
def document_add(*, initiative: Initiative, title: str, file: Any, by: User) -> InitiativeDocument:
    require(can_edit_initiative(by, initiative))
    return model_create(
        instance=InitiativeDocument(initiative=initiative, title=title, file=file, uploaded_by=by), by=by
    )


@transaction.atomic
def note_add(*, initiative: Initiative, text: str, by: User) -> InitiativeNote:
    require(can_contribute(by, initiative))
    if not text.strip():
        raise ValidationError({"text": _("Write what happened.")})
    entity_id = user_entity_for(by, partner_entity_ids(initiative) | {initiative.owner_entity_id})
    return model_create(
        instance=InitiativeNote(initiative=initiative, author=by, entity_id=entity_id, text=text.strip()),
        by=by,
    )


@transaction.atomic
def beneficiary_report_add(
    *,
    initiative: Initiative,
    period_start: dt.date,
    period_end: dt.date,
    total: int,
    counts: Mapping[tuple[str, str], int],
    by: User,
) -> BeneficiaryReport:
    """Beneficiaries of a period with their breakdowns. Within one dimension the parts may
    fall short of the total (not everyone's age is known) but never exceed it."""
    require(can_contribute(by, initiative))
    sums: dict[str, int] = {}
    for (dimension, category), count in counts.items():
        if dimension not in Dimension.values or not is_valid_category(dimension, category):
            raise ValidationError(
                {
                    "counts": _("Unknown breakdown: %(dimension)s / %(category)s.")
                    % {"dimension": dimension, "category": category}
                }
            )
        if count < 0:
            raise ValidationError({"counts": _("Counts cannot be negative.")})
        sums[dimension] = sums.get(dimension, 0) + count
    for dimension, parts in sums.items():
        if parts > total:
            raise ValidationError(
                {
                    "counts": _(
                        "The %(dimension)s breakdown adds up to %(parts)s, more than the total of %(total)s."
                    )
                    % {"dimension": Dimension(dimension).label, "parts": parts, "total": total}
                }
            )
    entity_id = user_entity_for(by, partner_entity_ids(initiative) | {initiative.owner_entity_id})
    report = model_create(
        instance=BeneficiaryReport(
            initiative=initiative,
            period_start=period_start,
            period_end=period_end,
            total=total,
            reported_by=by,
            entity_id=entity_id,
        ),
        by=by,
    )
    BeneficiaryCount.objects.bulk_create(
        [
            BeneficiaryCount(report=report, dimension=dimension, category=category, count=count)
            for (dimension, category), count in counts.items()
            if count
        ]
    )
    return report
