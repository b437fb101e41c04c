"""Running a learning festival: the call (its dates and themes), community organisations
signing up to host, the events hosts submit, and the review that turns an accepted event into
a published learning opportunity with its session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from learningcity.accounts.models import Role, User
from learningcity.accounts.selectors import programme_managers
from learningcity.catalogue.models import Credential, Opportunity, OpportunityStatus
from learningcity.catalogue.services.opportunities import (
    opportunity_create,
    opportunity_set_status,
    session_create,
)
from learningcity.core.disaggregation import AgeGroup
from learningcity.core.models import LearningCity
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_delete, model_update
from learningcity.festivals.models import (
    EventStatus,
    Festival,
    FestivalEvent,
    FestivalTheme,
    HostSignUp,
    HostStatus,
)
from learningcity.festivals.permissions import can_edit_event, can_manage_festivals
from learningcity.notifications import outbox
from learningcity.notifications.models import Channel, OutboundMessage
from learningcity.notifications.said import Named, Said, said
from learningcity.notifications.services import notify
from learningcity.partners.models import CoordinatorGender, EntityStatus
from learningcity.partners.permissions import can_edit_entity
from learningcity.partners.selectors import entity_coordinator_users
from learningcity.partners.services import coordinator_create, entity_create

MANAGERS_ONLY = gettext_lazy("Only programme managers run festivals and review what is submitted.")


# The call and its themes --------------------------------------------------------------------


@transaction.atomic
def festival_save(
    *, data: Mapping[str, Any], themes: Sequence[tuple[str, str]], by: User, festival: Festival | None = None
) -> Festival:
    """Create or change a festival and its themes, given in order as (Arabic, English) names.
    A theme is known by its Arabic name; a line whose name is new takes the place of a theme no
    longer listed (a renamed theme keeps its events); a theme left out is removed, which events
    that use it prevent."""
    require(can_manage_festivals(by), str(MANAGERS_ONLY))
    themes = [(ar.strip(), en.strip()) for ar, en in themes if ar.strip() or en.strip()]
    if not themes:
        raise ValidationError({"themes": _("Give the festival at least one theme.")})
    if any(not ar for ar, _en in themes):
        raise ValidationError({"themes": _("Every theme needs its Arabic name.")})
    if festival is None:
        festival = model_create(instance=Festival(**data), by=by)
    else:
        festival = model_update(instance=festival, data=data, by=by)[0]
    existing = {theme.name_ar: theme for theme in festival.themes.order_by("position", "pk")}
    unlisted = [theme for name, theme in existing.items() if name not in {ar for ar, _en in themes}]
    for position, (name_ar, name_en) in enumerate(themes):
        values = {"name_ar": name_ar, "name_en": name_en, "position": position}
        theme = existing.get(name_ar) or (unlisted.pop(0) if unlisted else None)
        if theme is not None:
            model_update(instance=theme, data=values, by=by)
        else:
            model_create(instance=FestivalTheme(festival=festival, **values), by=by)
    for theme in unlisted:
        if theme.events.exists():
            raise ValidationError(
                {
                    "themes": _("The theme “%(theme)s” has events; it cannot be removed.")
                    % {"theme": theme.name}
                }
            )
        model_delete(instance=theme, by=by)
    return festival


# Community organisations signing up to host ----------------------------------------------------


def _email_without_account(*, to: str, language: str, kind: str, subject: Said, body: Said) -> None:
    """An e-mail to someone who has no account yet, in the language they wrote in, through the
    same outbox as every message (sent by the worker after the transaction commits)."""
    outbox.queue(
        [
            OutboundMessage(
                channel=Channel.EMAIL, kind=kind, to=to, language=language,
                subject=subject.in_language(language)[:255], body=body.in_language(language),
            )
        ]
    )  # fmt: skip


def _request_subject(festival: Festival) -> Said:
    return said(
        gettext_lazy("Your request to host events at %(festival)s"), festival=Named(festival, "title")
    )


@transaction.atomic
def host_sign_up_create(*, festival: Festival, data: Mapping[str, Any], language: str) -> HostSignUp:
    if not festival.accepts_submissions():
        raise ValidationError(_("The call for hosts of this festival is closed."))
    email = data["email"].strip().lower()
    waiting = HostSignUp.objects.filter(
        festival=festival, email__iexact=email, status=HostStatus.PENDING
    ).exists()
    if waiting:
        raise ValidationError(
            {
                "email": _(
                    "An organisation with this e-mail is already waiting for approval for this festival."
                )
            }
        )
    if (
        get_user_model()
        .objects.filter(email__iexact=email, is_active=True)
        .exclude(role=Role.LEARNER)
        .exists()
    ):
        raise ValidationError(
            {"email": _("This e-mail already has a staff account: sign in and submit the event from it.")}
        )
    sign_up = model_create(
        instance=HostSignUp(festival=festival, language=language, **{**data, "email": email}), by=None
    )
    notify(
        recipients=programme_managers(),
        kind="festival.host_signed_up",
        title=said(
            gettext_lazy("%(organisation)s asks to host events at %(festival)s"),
            organisation=sign_up.organisation_name,
            festival=Named(festival, "title"),
        ),
        url=sign_up.get_absolute_url(),
    )
    woman = sign_up.contact_gender == CoordinatorGender.WOMAN
    _email_without_account(
        to=email,
        language=language,
        kind="festival.host_signed_up",
        subject=_request_subject(festival),
        body=said(
            pgettext_lazy(
                "addressed to a woman",
                "We received the request of %(organisation)s. A programme manager reviews it and "
                "writes to you; once it is approved you will receive a link to choose your password.",
            )
            if woman
            else pgettext_lazy(
                "addressed to a man",
                "We received the request of %(organisation)s. A programme manager reviews it and "
                "writes to you; once it is approved you will receive a link to choose your password.",
            ),
            organisation=sign_up.organisation_name,
        ),
    )
    return sign_up


def _password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def _host_account(sign_up: HostSignUp) -> User:
    users = get_user_model().objects
    existing = users.filter(email__iexact=sign_up.email).first()
    if existing is not None:
        raise ValidationError(
            _("An account with the e-mail %(email)s already exists; ask the organisation for another e-mail.")
            % {"email": sign_up.email}
        )
    user = users.create_user(
        username=sign_up.email,
        email=sign_up.email,
        first_name=sign_up.contact_name[:150],
        role=Role.COORDINATOR,
        language=sign_up.language,
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def host_sign_up_review(*, sign_up: HostSignUp, approve: bool, note: str, by: User) -> HostSignUp:
    """Approve (the organisation becomes a community partner entity and its contact that
    entity's coordinator, with an account and a link to choose a password) or decline with a
    reason e-mailed to the contact."""
    require(can_manage_festivals(by), str(MANAGERS_ONLY))
    sign_up = HostSignUp.objects.select_for_update().get(pk=sign_up.pk)
    if sign_up.status != HostStatus.PENDING:
        raise ValidationError(_("This request was already answered."))
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": _("Say why the request is declined; the organisation is told.")})
    festival = sign_up.festival
    if not approve:
        _email_without_account(
            to=sign_up.email,
            language=sign_up.language,
            kind="festival.host_declined",
            subject=_request_subject(festival),
            body=said(
                gettext_lazy("The request of %(organisation)s was declined: %(reason)s"),
                organisation=sign_up.organisation_name,
                reason=note,
            ),
        )
        return model_update(
            instance=sign_up,
            data={
                "status": HostStatus.DECLINED,
                "review_note": note,
                "reviewed_by": by,
                "reviewed_at": timezone.now(),
            },
            by=by,
        )[0]
    entity = entity_create(
        data={
            "name_ar": sign_up.organisation_name, "sector": sign_up.sector,
            "entity_type": sign_up.organisation_type, "status": EntityStatus.ACTIVE,
            "description_ar": sign_up.about, "email": sign_up.email, "phone": sign_up.phone,
        },
        governorates=[sign_up.governorate],
        by=by,
    )  # fmt: skip
    user = _host_account(sign_up)
    coordinator_create(
        entity=entity,
        data={
            "full_name_ar": sign_up.contact_name, "gender": sign_up.contact_gender,
            "email": sign_up.email, "phone": sign_up.phone, "user": user,
        },
        by=by,
    )  # fmt: skip
    sign_up = model_update(
        instance=sign_up,
        data={
            "status": HostStatus.APPROVED, "review_note": note, "reviewed_by": by,
            "reviewed_at": timezone.now(), "entity": entity,
        },
        by=by,
    )[0]  # fmt: skip
    woman = sign_up.contact_gender == CoordinatorGender.WOMAN
    notify(
        recipients=[user],
        kind="festival.host_approved",
        title=said(
            pgettext_lazy(
                "addressed to a woman",
                "%(organisation)s can host events at %(festival)s: choose your password",
            )
            if woman
            else pgettext_lazy(
                "addressed to a man", "%(organisation)s can host events at %(festival)s: choose your password"
            ),
            organisation=sign_up.organisation_name,
            festival=Named(festival, "title"),
        ),
        body=note,
        url=_password_link(user),
    )
    return sign_up


def delete_declined_host_requests(cutoff: dt.datetime, dry_run: bool) -> int:
    """Retention (core/retention.py): a declined request has served its purpose once answered;
    its contact person's details go after the retention period. Approved ones live on as the
    entity's coordinator record, pending ones are still being decided."""
    declined = HostSignUp.objects.filter(status=HostStatus.DECLINED, reviewed_at__lt=cutoff)
    if dry_run:
        return declined.count()
    return declined.delete()[0]


# Events: submitted, changed, reviewed -----------------------------------------------------------


def _check_event(festival: Festival, data: Mapping[str, Any], age_groups: Iterable[str]) -> None:
    errors: dict[str, Any] = {}
    theme = data.get("theme")
    if theme is not None and theme.festival_id != festival.pk:
        errors["theme"] = _("Choose one of this festival's themes.")
    starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
    if starts_at and ends_at:
        day = timezone.localtime(starts_at).date()
        if not festival.starts_on <= day <= festival.ends_on:
            errors["day"] = _(
                "The event must take place during the festival, between %(first)s and %(last)s."
            ) % {
                "first": festival.starts_on.isoformat(),
                "last": festival.ends_on.isoformat(),
            }
        if ends_at <= starts_at:
            errors["end_time"] = _("An event must end after it starts.")
    if set(age_groups) - set(AgeGroup.values):
        errors["age_groups"] = _("Unknown age group.")
    if errors:
        raise ValidationError(errors)


def _tell_managers_submitted(event: FestivalEvent, *, again: bool) -> None:
    text = (
        gettext_lazy("%(host)s changed the event “%(title)s” for %(festival)s")
        if again
        else gettext_lazy("%(host)s submitted the event “%(title)s” for %(festival)s")
    )
    notify(
        recipients=programme_managers(),
        kind="festival.event_submitted",
        title=said(
            text,
            host=Named(event.host, "name"),
            title=Named(event, "title"),
            festival=Named(event.festival, "title"),
        ),
        url=event.get_absolute_url(),
    )


@transaction.atomic
def event_submit(
    *, festival: Festival, data: Mapping[str, Any], age_groups: Iterable[str] = (), by: User
) -> FestivalEvent:
    require(can_edit_entity(by, data.get("host")), _("You submit events for the entities you coordinate."))
    if not festival.accepts_submissions() and not can_manage_festivals(by):
        raise ValidationError(_("The call for hosts of this festival is closed."))
    age_groups = sorted(set(age_groups))
    _check_event(festival, data, age_groups)
    event = model_create(
        instance=FestivalEvent(festival=festival, submitted_by=by, age_groups=",".join(age_groups), **data),
        by=by,
    )
    _tell_managers_submitted(event, again=False)
    return event


@transaction.atomic
def event_update(
    *, event: FestivalEvent, data: Mapping[str, Any], age_groups: Iterable[str] = (), by: User
) -> FestivalEvent:
    """A host's change goes back for review (a returned event is sent again this way)."""
    event = FestivalEvent.objects.select_for_update().get(pk=event.pk)
    require(can_edit_event(by, event), _("Only an event still under review can be changed."))
    if "host" in data and data["host"] != event.host:
        require(can_edit_entity(by, data["host"]))
    festival = event.festival
    if not festival.accepts_submissions() and not can_manage_festivals(by):
        raise ValidationError(_("The call for hosts of this festival is closed."))
    age_groups = sorted(set(age_groups))
    _check_event(festival, data, age_groups)
    again = event.status == EventStatus.CHANGES_REQUESTED
    event = model_update(
        instance=event,
        data={**data, "age_groups": ",".join(age_groups), "status": EventStatus.SUBMITTED},
        by=by,
    )[0]
    if not can_manage_festivals(by):  # a manager's own correction needs no review
        _tell_managers_submitted(event, again=again)
    return event


def _learning_city_for(event: FestivalEvent) -> LearningCity:
    """The learning city an accepted event counts for: the one of its governorate, where there
    is one, else the festival's own (a festival of Madinah may hold events in Khaybar)."""
    return (
        LearningCity.objects.filter(governorate=event.governorate).order_by("pk").first()
        or event.festival.learning_city
    )


def _publish(event: FestivalEvent, by: User) -> Opportunity:
    hours = Decimal((event.ends_at - event.starts_at).total_seconds() / 3600).quantize(Decimal("0.1"))
    opportunity = opportunity_create(
        data={
            "title_ar": event.title_ar, "title_en": event.title_en,
            "description_ar": event.description_ar, "description_en": event.description_en,
            "opportunity_type": event.event_type, "provider": event.host,
            "learning_city": _learning_city_for(event), "governorate": event.governorate,
            "venue_ar": event.venue_ar, "venue_en": event.venue_en, "address": event.address,
            "audience_sex": event.audience_sex, "wheelchair_access": event.wheelchair_access,
            "sign_language": event.sign_language, "hours": hours, "credential": Credential.NONE,
        },
        age_groups=event.age_group_list,
        by=by,
    )  # fmt: skip
    session_create(
        opportunity=opportunity,
        data={"starts_at": event.starts_at, "ends_at": event.ends_at, "capacity": event.capacity},
        by=by,
    )
    return opportunity_set_status(opportunity=opportunity, status=OpportunityStatus.PUBLISHED, by=by)


REVIEW_DECISIONS = {
    "accept": EventStatus.ACCEPTED,
    "changes": EventStatus.CHANGES_REQUESTED,
    "decline": EventStatus.DECLINED,
}


@transaction.atomic
def event_review(*, event: FestivalEvent, decision: str, note: str, by: User) -> FestivalEvent:
    """Accept (the event is published in the catalogue and the festival's programme), ask for
    changes, or decline — the last two with a reason the host is told."""
    require(can_manage_festivals(by), str(MANAGERS_ONLY))
    event = FestivalEvent.objects.select_for_update().select_related("festival", "host").get(pk=event.pk)
    if decision not in REVIEW_DECISIONS:
        raise ValidationError({"decision": _("Choose a decision.")})
    if not event.is_editable:
        raise ValidationError(_("This event was already accepted or declined."))
    note = note.strip()
    if decision != "accept" and not note:
        raise ValidationError(
            {"note": _("Say what to change or why the event is declined; the host is told.")}
        )
    opportunity = None
    if decision == "accept":
        if event.starts_at <= timezone.now():
            raise ValidationError(_("The event's time has passed; it can no longer be published."))
        opportunity = _publish(event, by)
    status = REVIEW_DECISIONS[decision]
    event = model_update(
        instance=event,
        data={
            "status": status, "review_note": note, "reviewed_by": by, "reviewed_at": timezone.now(),
            "opportunity": opportunity,
        },
        by=by,
    )[0]  # fmt: skip
    words = {
        EventStatus.ACCEPTED: gettext_lazy(
            "“%(title)s” is accepted and published in the programme of %(festival)s"
        ),
        EventStatus.CHANGES_REQUESTED: gettext_lazy(
            "“%(title)s” needs changes before %(festival)s accepts it"
        ),
        EventStatus.DECLINED: gettext_lazy("“%(title)s” was not accepted for %(festival)s"),
    }
    notify(
        recipients=[*entity_coordinator_users({event.host_id}), event.submitted_by],
        kind="festival.event_reviewed",
        title=said(words[status], title=Named(event, "title"), festival=Named(event.festival, "title")),
        body=note,
        url=event.get_absolute_url(),
    )
    return event
