"""Keeping opportunities and their sessions (provider coordinators and programme managers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.catalogue.models import (
    AudienceSex,
    Opportunity,
    OpportunityAgeGroup,
    OpportunityDisability,
    OpportunityStatus,
    Session,
    SessionStatus,
)
from learningcity.catalogue.permissions import can_edit_opportunity
from learningcity.catalogue.places import held_places
from learningcity.catalogue.search.tasks import schedule_embedding
from learningcity.catalogue.selectors import CATALOGUE_CACHE
from learningcity.core import events
from learningcity.core.audit import audit_record
from learningcity.core.cache import bump
from learningcity.core.disaggregation import AgeGroup
from learningcity.core.models import AuditAction
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_update
from learningcity.partners.permissions import can_edit_entity

# A series longer than this is almost certainly a typo (and would flood the calendar).
MAX_SERIES_LENGTH = 52


def _set_choices(
    opportunity: Opportunity, model: type[models.Model], field: str, values: Iterable[str]
) -> None:
    wanted = set(values)
    related = model._default_manager.filter(opportunity=opportunity)
    related.exclude(**{f"{field}__in": wanted}).delete()
    existing = set(related.values_list(field, flat=True))
    model._default_manager.bulk_create(
        [model(opportunity=opportunity, **{field: value}) for value in sorted(wanted - existing)]
    )
    bump(CATALOGUE_CACHE)  # bulk_create sends no signal; the search filters on these rows


def _check_choices(age_groups: Iterable[str], disabilities: Iterable[str]) -> None:
    from learningcity.catalogue.models import DisabilityKind

    if set(age_groups) - set(AgeGroup.values):
        raise ValidationError({"age_groups": _("Unknown age group.")})
    if set(disabilities) - set(DisabilityKind.values):
        raise ValidationError({"disabilities": _("Unknown disability.")})


@transaction.atomic
def opportunity_create(
    *,
    data: Mapping[str, Any],
    age_groups: Iterable[str] = (),
    disabilities: Iterable[str] = (),
    skills: Iterable[Any] = (),
    campaigns: Iterable[Any] = (),
    by: User,
) -> Opportunity:
    require(can_edit_entity(by, data.get("provider")))
    age_groups, disabilities = list(age_groups), list(disabilities)
    _check_choices(age_groups, disabilities)
    opportunity = model_create(
        instance=Opportunity(**data), by=by, m2m={"skills": list(skills), "campaigns": list(campaigns)}
    )
    _set_choices(opportunity, OpportunityAgeGroup, "age_group", age_groups)
    _set_choices(opportunity, OpportunityDisability, "kind", disabilities)
    # The skills were set after the first save; index their names too.
    opportunity.save(update_fields=list(opportunity.derived_fields))
    schedule_embedding([opportunity.pk])
    return opportunity


@transaction.atomic
def opportunity_update(
    *,
    opportunity: Opportunity,
    data: Mapping[str, Any],
    age_groups: Iterable[str] = (),
    disabilities: Iterable[str] = (),
    skills: Iterable[Any] = (),
    campaigns: Iterable[Any] = (),
    by: User,
) -> Opportunity:
    require(can_edit_opportunity(by, opportunity))
    if "provider" in data and data["provider"] != opportunity.provider:
        # Moving an opportunity to another entity is giving it away: the new owner must be yours too.
        require(can_edit_entity(by, data["provider"]))
    age_groups, disabilities = list(age_groups), list(disabilities)
    _check_choices(age_groups, disabilities)
    before = {
        "age_groups": sorted(opportunity.age_groups.values_list("age_group", flat=True)),
        "disabilities": sorted(opportunity.suited_disabilities.values_list("kind", flat=True)),
    }
    opportunity, _changes = model_update(
        instance=opportunity, data=data, by=by, m2m={"skills": list(skills), "campaigns": list(campaigns)}
    )
    _set_choices(opportunity, OpportunityAgeGroup, "age_group", age_groups)
    _set_choices(opportunity, OpportunityDisability, "kind", disabilities)
    after = {"age_groups": sorted(set(age_groups)), "disabilities": sorted(set(disabilities))}
    changes = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    if changes:
        audit_record(actor=by, action=AuditAction.UPDATE, instance=opportunity, changes=changes)
    opportunity.save(update_fields=list(opportunity.derived_fields))
    schedule_embedding([opportunity.pk])
    return opportunity


@transaction.atomic
def opportunity_set_status(*, opportunity: Opportunity, status: str, by: User) -> Opportunity:
    """Publish, close or cancel. Cancelling cancels every session still to come and tells
    the people registered for them."""
    require(can_edit_opportunity(by, opportunity))
    if status not in OpportunityStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if (
        status == OpportunityStatus.PUBLISHED
        and not opportunity.sessions.filter(status=SessionStatus.SCHEDULED).exists()
        and not opportunity.online_url
    ):
        raise ValidationError(
            {"status": _("Add at least one session (or an online link) before publishing.")}
        )
    was_published = opportunity.status == OpportunityStatus.PUBLISHED
    model_update(instance=opportunity, data={"status": status}, by=by)
    if status == OpportunityStatus.PUBLISHED and not was_published:
        events.publish(
            "opportunity.published",
            entity_ids=[opportunity.provider_id],
            payload={
                "id": opportunity.pk, "external_id": opportunity.external_id, "title_ar": opportunity.title_ar,
                "title_en": opportunity.title_en, "provider": opportunity.provider_id,
                "url": opportunity.get_absolute_url(),
            },
        )  # fmt: skip
    if status == OpportunityStatus.CANCELLED:
        for session in opportunity.sessions.filter(
            status=SessionStatus.SCHEDULED, starts_at__gt=timezone.now()
        ):
            session_cancel(session=session, by=by)
    return opportunity


def _check_session_audience(opportunity: Opportunity, audience: str) -> None:
    if audience and opportunity.audience_sex != AudienceSex.EVERYONE and audience != opportunity.audience_sex:
        raise ValidationError(
            {
                "audience_sex": _("This opportunity is for %(audience)s; a session cannot be for others.")
                % {"audience": opportunity.get_audience_sex_display()}
            }
        )


@transaction.atomic
def session_create(*, opportunity: Opportunity, data: Mapping[str, Any], by: User) -> Session:
    require(can_edit_opportunity(by, opportunity))
    _check_session_audience(opportunity, data.get("audience_sex", ""))
    return model_create(instance=Session(opportunity=opportunity, **data), by=by)


@transaction.atomic
def session_create_series(
    *,
    opportunity: Opportunity,
    data: Mapping[str, Any],
    repeat_every_days: int,
    count: int,
    by: User,
) -> list[Session]:
    """`count` sessions like `data`, each `repeat_every_days` after the one before (7 = weekly).

    Times are repeated in Riyadh local time, so a 17:00 session stays at 17:00."""
    require(can_edit_opportunity(by, opportunity))
    if not 1 <= count <= MAX_SERIES_LENGTH:
        raise ValidationError(
            {"repeat_count": _("Repeat between 1 and %(max)d times.") % {"max": MAX_SERIES_LENGTH}}
        )
    if repeat_every_days < 1:
        raise ValidationError({"repeat_every_days": _("Repeat at least one day apart.")})
    first_start = timezone.localtime(data["starts_at"])
    duration = data["ends_at"] - data["starts_at"]
    sessions = []
    for index in range(count):
        day = first_start.date() + dt.timedelta(days=repeat_every_days * index)
        starts_at = timezone.make_aware(dt.datetime.combine(day, first_start.time().replace(tzinfo=None)))
        values = {**data, "starts_at": starts_at, "ends_at": starts_at + duration}
        sessions.append(session_create(opportunity=opportunity, data=values, by=by))
    return sessions


@transaction.atomic
def session_update(*, session: Session, data: Mapping[str, Any], by: User) -> Session:
    from learningcity.catalogue.services.waiting_list import offer_free_places

    require(can_edit_opportunity(by, session.opportunity))
    _check_session_audience(session.opportunity, data.get("audience_sex", session.audience_sex))
    held = held_places(session)
    if "capacity" in data and data["capacity"] is not None and data["capacity"] < held:
        raise ValidationError(
            {
                "capacity": _("%(count)d people already hold a place; the session cannot have fewer places.")
                % {"count": held}
            }
        )
    session, _changes = model_update(instance=session, data=data, by=by)
    offer_free_places(session=session)
    return session


@transaction.atomic
def session_cancel(*, session: Session, by: User) -> Session:
    from learningcity.catalogue.services.registrations import notify_session_cancelled

    require(can_edit_opportunity(by, session.opportunity))
    if session.status == SessionStatus.CANCELLED:
        return session
    model_update(instance=session, data={"status": SessionStatus.CANCELLED}, by=by)
    notify_session_cancelled(session=session)
    return session
