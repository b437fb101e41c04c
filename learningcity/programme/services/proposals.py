from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_update
from learningcity.notifications.said import said
from learningcity.notifications.services import notify
from learningcity.programme.models import Initiative, InitiativeStatus, Proposal, ProposalStatus
from learningcity.programme.permissions import can_manage_programme
from learningcity.programme.services.initiatives import initiative_create


def _tell_proposer(proposal: Proposal, title: Any, body: str = "") -> None:
    notify(
        recipients=[proposal.proposer],
        kind="proposal.status",
        title=said(title, title=proposal.title),
        body=body,
        url=proposal.get_absolute_url(),
    )


@transaction.atomic
def proposal_submit(*, data: Mapping[str, Any], by: User) -> Proposal:
    require(getattr(by, "is_authenticated", False) and by.is_active)
    proposal = model_create(instance=Proposal(proposer=by, **data), by=by)
    _tell_proposer(proposal, gettext_lazy("Your proposed initiative was received: %(title)s"))
    return proposal


@transaction.atomic
def proposal_start_review(*, proposal: Proposal, by: User) -> Proposal:
    require(can_manage_programme(by))
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("Only a newly submitted proposal can be taken into review."))
    proposal, _changes = model_update(instance=proposal, data={"status": ProposalStatus.UNDER_REVIEW}, by=by)
    _tell_proposer(proposal, gettext_lazy("Your proposed initiative is under review: %(title)s"))
    return proposal


@transaction.atomic
def proposal_accept(
    *,
    proposal: Proposal,
    track: Any,
    owner_entity: Any,
    learning_city: Any,
    start_date: dt.date,
    end_date: dt.date,
    by: User,
) -> Initiative:
    """Accept into the framework: the proposal becomes an initiative under a track."""
    require(can_manage_programme(by))
    if proposal.status in (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED):
        raise ValidationError(_("This proposal was already decided."))
    initiative = initiative_create(
        data={
            "title_ar": proposal.title,
            "description_ar": proposal.summary,
            "track": track,
            "owner_entity": owner_entity,
            "learning_city": learning_city,
            "start_date": start_date,
            "end_date": end_date,
            "status": InitiativeStatus.PLANNED,
        },
        governorates=[proposal.governorate] if proposal.governorate else [],
        by=by,
    )
    model_update(instance=proposal, data={"status": ProposalStatus.ACCEPTED, "initiative": initiative}, by=by)
    _tell_proposer(
        proposal, gettext_lazy("Your proposed initiative was accepted: %(title)s"), initiative.code
    )
    return initiative


@transaction.atomic
def proposal_decline(*, proposal: Proposal, reason: str, by: User) -> Proposal:
    require(can_manage_programme(by))
    if proposal.status in (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED):
        raise ValidationError(_("This proposal was already decided."))
    if not reason.strip():
        raise ValidationError({"decline_reason": _("Give the reason, so the proposer can improve the idea.")})
    proposal, _changes = model_update(
        instance=proposal, data={"status": ProposalStatus.DECLINED, "decline_reason": reason.strip()}, by=by
    )
    _tell_proposer(proposal, gettext_lazy("Your proposed initiative was declined: %(title)s"), reason.strip())
    return proposal
