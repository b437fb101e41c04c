from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.coordination.models import ActionItem
from learningcity.core.permissions import require
from learningcity.core.services import model_create
from learningcity.partners.models import Entity
from learningcity.programme.models import (
    DacCriterion,
    Evaluation,
    EvaluationRecommendation,
    EvaluationScore,
    Initiative,
)
from learningcity.programme.permissions import can_evaluate, can_manage_programme


@transaction.atomic
def evaluation_create(
    *,
    initiative: Initiative,
    data: Mapping[str, Any],
    scores: Mapping[str, tuple[int, str]],
    recommendations: Iterable[str] = (),
    by: User,
) -> Evaluation:
    """An impact evaluation with a 1–5 score (and narrative) on each OECD DAC criterion."""
    require(can_evaluate(by))
    missing = [criterion.label for criterion in DacCriterion if criterion.value not in scores]
    if missing:
        raise ValidationError(
            {
                "scores": _("Score every criterion; missing: %(missing)s.")
                % {"missing": ", ".join(map(str, missing))}
            }
        )
    for criterion, (score, _narrative) in scores.items():
        if criterion not in DacCriterion.values:
            raise ValidationError({"scores": _("Unknown criterion.")})
        if not 1 <= int(score) <= 5:
            raise ValidationError({"scores": _("Scores run from 1 to 5.")})
    if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
        raise ValidationError({"period_end": _("The end date cannot be before the start date.")})
    evaluation = model_create(instance=Evaluation(initiative=initiative, evaluator=by, **data), by=by)
    EvaluationScore.objects.bulk_create(
        [
            EvaluationScore(evaluation=evaluation, criterion=criterion, score=int(score), narrative=narrative)
            for criterion, (score, narrative) in scores.items()
        ]
    )
    EvaluationRecommendation.objects.bulk_create(
        [
            EvaluationRecommendation(evaluation=evaluation, text=text.strip())
            for text in recommendations
            if text.strip()
        ]
    )
    return evaluation


@transaction.atomic
def recommendation_to_action_item(
    *, recommendation: EvaluationRecommendation, owner_entity: Entity, due_date: dt.date, by: User
) -> ActionItem:
    """Turn an evaluation's recommendation into a followed action item."""
    require(can_manage_programme(by))
    if recommendation.action_item_id:
        raise ValidationError(_("This recommendation is already an action item."))
    item = model_create(
        instance=ActionItem(
            meeting=None,
            title_ar=recommendation.text[:255],
            description_ar=f"{recommendation.evaluation}",
            owner_entity=owner_entity,
            due_date=due_date,
        ),
        by=by,
    )
    recommendation.action_item = item
    recommendation.save(update_fields=["action_item"])
    return item
