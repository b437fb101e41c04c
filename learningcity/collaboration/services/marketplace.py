"""The marketplace's writes: needs, offers and pledges, the owner's decision, delivery.

Pledge arithmetic: a need's remaining size is its size less the pledges counted towards it
(accepted or delivered). An offer larger than the remaining size is refused when it is made,
and again when it is accepted (another pledge may have been accepted in between; the need's
row is locked so two acceptances at the same moment queue on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.collaboration.models import Need, NeedKind, Pledge, PledgeStatus
from learningcity.collaboration.models.marketplace import COUNTED_STATUSES
from learningcity.collaboration.permissions import can_keep_needs, pledging_entities
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_update
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify
from learningcity.partners.permissions import can_edit_entity
from learningcity.partners.selectors import entity_coordinator_users
from learningcity.programme.models import (
    InitiativeFunding,
    InitiativePartner,
    PartnerRole,
    Resource,
    ResourceKind,
    ResourceRequest,
    ResourceRequestStatus,
)

RESOURCE_KINDS: dict[str, ResourceKind] = {
    NeedKind.VENUE: ResourceKind.VENUE,
    NeedKind.EQUIPMENT: ResourceKind.EQUIPMENT,
    NeedKind.TRAINERS: ResourceKind.TRAINERS,
    NeedKind.VOLUNTEERS: ResourceKind.VOLUNTEERS,
}


def pledged_towards(need: Need) -> Decimal:
    total = need.pledges.filter(status__in=COUNTED_STATUSES).aggregate(total=Sum("size"))["total"]
    return Decimal(total or 0)


def remaining(need: Need) -> Decimal:
    return max(need.size - pledged_towards(need), Decimal(0))


def _is_open(need: Need, today: dt.date) -> bool:
    return need.closed_at is None and need.deadline >= today


@transaction.atomic
def need_save(*, data: Mapping[str, Any], by: User, need: Need | None = None) -> Need:
    initiative = data.get("initiative") or (need.initiative if need else None)
    require(
        initiative is not None and can_keep_needs(by, initiative),
        _("Only the initiative's own coordinators publish its needs."),
    )
    if need is not None:
        require(can_keep_needs(by, need))
    deadline = data.get("deadline")
    if deadline and deadline < timezone.localdate() and (need is None or deadline != need.deadline):
        raise ValidationError({"deadline": _("The deadline for offers cannot be in the past.")})
    if need is None:
        return model_create(instance=Need(**data, created_by=by), by=by)
    need, _changes = model_update(instance=need, data=data, by=by)
    if need.size < pledged_towards(need):
        raise ValidationError(
            {
                "amount" if need.in_money else "quantity": _(
                    "The need cannot be smaller than what was already pledged."
                )
            }
        )
    return need


def need_close(*, need: Need, by: User) -> Need:
    """Stop taking offers (the need was met elsewhere, or is no longer needed)."""
    require(can_keep_needs(by, need))
    if need.closed_at is None:
        model_update(instance=need, data={"closed_at": timezone.now()}, by=by)
    return need


def _check_size(need: Need, size: Decimal, *, field: str = "size") -> None:
    if size <= 0:
        raise ValidationError({field: _("Pledge more than zero.")})
    if not need.in_money and size != size.to_integral_value():
        raise ValidationError({field: _("Pledge a whole number.")})
    left = remaining(need)
    if size > left:
        shown = formats.number_format(left, 0 if not need.in_money else 2, use_l10n=True, force_grouping=True)
        raise ValidationError(
            {field: _("The pledge is larger than what the need still lacks (%(left)s).") % {"left": shown}}
        )


@transaction.atomic
def pledge_offer(*, need: Need, entity: Any, size: Decimal, note: str = "", by: User) -> Pledge:
    """A partner entity offers or pledges towards a need; the initiative's owner is told."""
    require(
        pledging_entities(by, need).filter(pk=entity.pk).exists(),
        _("You may pledge only for your own entity, and not to your own initiative."),
    )
    need = Need.objects.select_related("initiative").get(pk=need.pk)
    if not _is_open(need, timezone.localdate()):
        raise ValidationError(
            _("This need no longer takes offers: its deadline was %(date)s.")
            % {"date": formats.date_format(need.deadline, "DATE_FORMAT")}
            if need.closed_at is None
            else _("This need no longer takes offers: its owner closed it.")
        )
    _check_size(need, Decimal(size))
    pledge = model_create(
        instance=Pledge(need=need, entity=entity, size=size, note=note.strip(), offered_by=by), by=by
    )
    notify(
        recipients=entity_coordinator_users([need.initiative.owner_entity_id]),
        kind="pledge.offered",
        title=said(
            gettext_lazy("%(entity)s offers towards “%(need)s”"),
            entity=Named(entity, "name"),
            need=Named(need, "title"),
        ),
        body=pledge.note,
        url=need.get_absolute_url(),
    )
    return pledge


PARTNER_ROLES: dict[str, PartnerRole] = {
    NeedKind.FUNDING: PartnerRole.FUNDER,
    NeedKind.SPONSORSHIP: PartnerRole.FUNDER,
    NeedKind.VENUE: PartnerRole.VENUE,
    NeedKind.EQUIPMENT: PartnerRole.LOGISTICS,
    NeedKind.TRAINERS: PartnerRole.IMPLEMENTER,
    NeedKind.VOLUNTEERS: PartnerRole.IMPLEMENTER,
}


def _allocate(pledge: Pledge, need: Need, by: User) -> dict[str, Any]:
    """What the accepted pledge becomes in the initiative's records. The pledging entity also
    becomes one of the initiative's partners (and so a member of its track's channel)."""
    initiative = need.initiative
    if not initiative.partners.filter(entity=pledge.entity).exists():
        model_create(
            instance=InitiativePartner(
                initiative=initiative, entity=pledge.entity, role=PARTNER_ROLES[need.kind]
            ),
            by=by,
        )
    label = f"{need.title_ar} — {pledge.entity.name_ar}"
    if need.in_money:
        funding = model_create(
            instance=InitiativeFunding(
                initiative=initiative, source=pledge.entity, amount=pledge.size, note=label[:255]
            ),
            by=by,
        )
        return {"funding": funding}
    resource = model_create(
        instance=Resource(
            owner_entity=pledge.entity,
            kind=RESOURCE_KINDS[need.kind],
            title_ar=label[:255],
            title_en=(f"{need.title_en} — {pledge.entity.name_en}" if need.title_en else "")[:255],
            description_ar=pledge.note,
            capacity=int(pledge.size),
            governorate_id=initiative.learning_city.governorate_id,
            # Pledged to this initiative, not offered to every partner.
            is_available=False,
        ),
        by=by,
    )
    start = need.needed_from or timezone.localdate()
    end = max(need.needed_until or initiative.end_date, start)
    request = model_create(
        instance=ResourceRequest(
            resource=resource, initiative=initiative, start_date=start, end_date=end,
            purpose=need.title_ar, status=ResourceRequestStatus.APPROVED, requested_by=pledge.offered_by,
            decided_by=by,
        ),
        by=by,
    )  # fmt: skip
    return {"resource_request": request}


@transaction.atomic
def pledge_decide(*, pledge: Pledge, accept: bool, note: str = "", by: User) -> Pledge:
    """The initiative's owner accepts the pledge (it becomes the initiative's funding or an
    allocated resource) or declines it; the pledging entity is told either way."""
    need = Need.objects.select_for_update().select_related("initiative").get(pk=pledge.need_id)
    require(can_keep_needs(by, need), _("Only the initiative's own coordinators decide on offers."))
    if pledge.status != PledgeStatus.OFFERED:
        raise ValidationError(_("This offer was already decided or withdrawn."))
    data: dict[str, Any] = {"decided_by": by, "decided_at": timezone.now(), "decision_note": note.strip()}
    if accept:
        _check_size(need, pledge.size, field="__all__")
        data.update(status=PledgeStatus.ACCEPTED, **_allocate(pledge, need, by))
    else:
        data["status"] = PledgeStatus.DECLINED
    pledge = model_update(instance=pledge, data=data, by=by)[0]
    message = (
        gettext_lazy("Your offer towards “%(need)s” was accepted")
        if accept
        else gettext_lazy("Your offer towards “%(need)s” was declined")
    )
    notify(
        recipients=entity_coordinator_users([pledge.entity_id]),
        kind="pledge.decided",
        title=said(message, need=Named(need, "title")),
        body=pledge.decision_note,
        url=need.get_absolute_url(),
    )
    return pledge


def pledge_withdraw(*, pledge: Pledge, by: User) -> Pledge:
    require(can_edit_entity(by, pledge.entity_id))
    if pledge.status != PledgeStatus.OFFERED:
        raise ValidationError(_("Only an offer still awaiting a decision can be withdrawn."))
    return model_update(instance=pledge, data={"status": PledgeStatus.WITHDRAWN}, by=by)[0]


def pledge_mark_delivered(*, pledge: Pledge, by: User) -> Pledge:
    """The initiative's owner confirms the pledged funding or resource arrived."""
    require(can_keep_needs(by, pledge.need))
    if pledge.status != PledgeStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted pledge can be marked delivered."))
    return model_update(
        instance=pledge, data={"status": PledgeStatus.DELIVERED, "delivered_at": timezone.now()}, by=by
    )[0]
