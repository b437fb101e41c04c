"""Writing the skills list and the demand for skills. Every write is audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.core.audit import audit_record
from learningcity.core.models import AuditAction
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_update
from learningcity.skills.models import Pathway, PathwayStep, Skill, SkillDemand, SkillGroup
from learningcity.skills.permissions import can_declare_for, can_manage_skills


def _manager_only(by: User) -> None:
    require(can_manage_skills(by), _("Only programme managers keep the skills list."))


def skill_group_save(*, data: Mapping[str, Any], by: User, group: SkillGroup | None = None) -> SkillGroup:
    _manager_only(by)
    if group is None:
        return model_create(instance=SkillGroup(**data), by=by)
    return model_update(instance=group, data=data, by=by)[0]


@transaction.atomic
def skill_save(*, data: Mapping[str, Any], by: User, skill: Skill | None = None) -> Skill:
    """Create or change a skill; the opportunities teaching it are re-indexed, so a new name
    or other name finds them in the catalogue's search at once."""
    _manager_only(by)
    if skill is None:
        return model_create(instance=Skill(**data), by=by)
    skill, changes = model_update(instance=skill, data=data, by=by)
    if {"name_ar", "name_en", "synonyms"} & set(changes):
        for opportunity in skill.opportunities.all():
            opportunity.refresh_search_index()
            opportunity.save(update_fields=list(opportunity.derived_fields))
    return skill


def demand_save(*, data: Mapping[str, Any], by: User, demand: SkillDemand | None = None) -> SkillDemand:
    """Declare (or change) an entity's need for people with a skill, with its pledges."""
    entity = data.get("entity") or (demand.entity if demand else None)
    if entity is None or not can_declare_for(by, entity):
        raise PermissionDenied(_("You may declare skills in demand only for your own entity."))
    if demand is not None and not can_declare_for(by, demand.entity):
        raise PermissionDenied(_("You may declare skills in demand only for your own entity."))
    if demand is None:
        return model_create(instance=SkillDemand(**data, created_by=by), by=by)
    return model_update(instance=demand, data=data, by=by)[0]


def demand_withdraw(*, demand: SkillDemand, by: User) -> SkillDemand:
    if not can_declare_for(by, demand.entity):
        raise PermissionDenied(_("You may declare skills in demand only for your own entity."))
    if demand.withdrawn_at is None:
        model_update(instance=demand, data={"withdrawn_at": timezone.now()}, by=by)
    return demand


@transaction.atomic
def pathway_save(
    *,
    data: Mapping[str, Any],
    skills: list[Skill],
    steps: list[Any],
    by: User,
    pathway: Pathway | None = None,
) -> Pathway:
    """Create or change a pathway; `steps` are its opportunities in order (replacing the old
    steps). At least one step, each opportunity once."""
    _manager_only(by)
    if not steps:
        raise ValidationError(_("A pathway needs at least one opportunity."))
    if len({opportunity.pk for opportunity in steps}) != len(steps):
        raise ValidationError(_("Each opportunity can be a step of the pathway only once."))
    if pathway is None:
        pathway = model_create(instance=Pathway(**data), by=by, m2m={"skills": skills})
        before: list[int] = []
    else:
        before = list(pathway.steps.values_list("opportunity_id", flat=True))
        pathway = model_update(instance=pathway, data=data, by=by, m2m={"skills": skills})[0]
    after = [opportunity.pk for opportunity in steps]
    if before != after:
        pathway.steps.all().delete()
        PathwayStep.objects.bulk_create(
            PathwayStep(pathway=pathway, position=number, opportunity=opportunity)
            for number, opportunity in enumerate(steps, start=1)
        )
        if before:
            audit_record(
                actor=by, action=AuditAction.UPDATE, instance=pathway, changes={"steps": [before, after]}
            )
    return pathway
