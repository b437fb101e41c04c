"""Reads for expertise exchange and partnership: lists with their counts in a constant number
of queries, the marketplace's per-sector contributions, and a story's live figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from learningcity.catalogue.models import Registration, RegistrationStatus
from learningcity.collaboration.models import ChannelPost, Need, Pledge, PledgeStatus, Practice, PracticeMark
from learningcity.collaboration.models.marketplace import COUNTED_STATUSES, MONEY_KINDS
from learningcity.partners.models import Sector
from learningcity.partners.selectors import filter_by_search

# The generation of the public success stories (core/cache.py): what they say and who they name.
STORIES_CACHE = "stories"

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=16, decimal_places=2))


# --- Practice library ---------------------------------------------------------------------


def practice_list(*, practices: QuerySet[Practice], user: Any, filters: dict[str, Any]) -> QuerySet[Practice]:
    listed = practices.select_related("entity", "initiative", "framework_area", "axis").annotate(
        useful_count=Count("marks", distinct=True),
        comment_count=Count("comments", distinct=True),
        marked_by_me=Exists(PracticeMark.objects.filter(practice=OuterRef("pk"), user_id=user.pk or 0)),
    )
    if filters.get("q"):
        listed = filter_by_search(listed, filters["q"])
    for name in ("framework_area", "axis", "entity", "status"):
        if filters.get(name):
            listed = listed.filter(**{name: filters[name]})
    if filters.get("origin") == "here":
        listed = listed.filter(source_city="")
    elif filters.get("origin") == "network":
        listed = listed.exclude(source_city="")
    if filters.get("sort") == "useful":
        return listed.order_by("-useful_count", "-created_at", "-pk")
    return listed.order_by("-created_at", "-pk")


# --- Track channels -----------------------------------------------------------------------


def channel_threads(*, track: Any, query: str = "") -> QuerySet[ChannelPost]:
    """The channel's threads (first posts), newest activity first, with their replies; a
    search finds threads with a matching first post or reply."""
    replies = ChannelPost.objects.select_related("author", "entity", "hidden_by").prefetch_related(
        "mentioned_users", "mentioned_entities"
    )
    threads = (
        ChannelPost.objects.filter(track=track, parent=None)
        .select_related("author", "entity", "hidden_by")
        .prefetch_related("mentioned_users", "mentioned_entities", _replies(replies))
    )
    if query:
        matching = filter_by_search(ChannelPost.objects.filter(track=track, hidden_at=None), query)
        threads = threads.filter(
            Q(pk__in=matching.filter(parent=None).values("pk"))
            | Q(pk__in=matching.exclude(parent=None).values("parent_id"))
        )
    # Replies come after their thread's first post, so the latest reply is the latest activity.
    return threads.annotate(last_activity=Coalesce(Max("replies__created_at"), "created_at")).order_by(
        "-last_activity", "-pk"
    )


def _replies(queryset: QuerySet[ChannelPost]) -> Any:
    return Prefetch("replies", queryset=queryset.order_by("created_at", "pk"))


# --- Marketplace --------------------------------------------------------------------------


def need_list(*, filters: dict[str, Any]) -> QuerySet[Need]:
    counted = Q(pledges__status__in=COUNTED_STATUSES)
    needs = Need.objects.select_related("initiative__owner_entity", "initiative__track").annotate(
        pledged=Coalesce(Sum("pledges__size", filter=counted), ZERO),
        offers_waiting=Count("pledges", filter=Q(pledges__status=PledgeStatus.OFFERED)),
    )
    today = timezone.localdate()
    state = filters.get("state") or "open"
    if state == "open":
        needs = needs.filter(closed_at=None, deadline__gte=today)
    elif state == "closed":
        needs = needs.filter(Q(closed_at__isnull=False) | Q(deadline__lt=today))
    if filters.get("kind"):
        needs = needs.filter(kind=filters["kind"])
    if filters.get("track"):
        needs = needs.filter(initiative__track=filters["track"])
    if filters.get("governorate"):
        needs = needs.filter(initiative__governorates=filters["governorate"]).distinct()
    if filters.get("q"):
        needs = filter_by_search(needs, filters["q"])
    return needs.order_by("deadline", "pk")


@dataclass
class SectorContribution:
    sector: str
    label: str
    entities: int = 0
    funding_pledged: Decimal = Decimal(0)
    funding_delivered: Decimal = Decimal(0)
    resources_pledged: int = 0
    resources_delivered: int = 0
    offers_waiting: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)


def contributions_by_sector() -> list[SectorContribution]:
    """Pledged (accepted or delivered) and delivered contributions of each sector's entities,
    in riyals for funding and sponsorship and in pledges for venues, equipment and people."""
    money = Q(need__kind__in=MONEY_KINDS)
    counted = Q(status__in=COUNTED_STATUSES)
    delivered = Q(status=PledgeStatus.DELIVERED)
    rows = (
        Pledge.objects.values("entity_id", "entity__name_ar", "entity__name_en", "entity__sector")
        .annotate(
            funding_pledged=Coalesce(Sum("size", filter=money & counted), ZERO),
            funding_delivered=Coalesce(Sum("size", filter=money & delivered), ZERO),
            resources_pledged=Count("pk", filter=~money & counted),
            resources_delivered=Count("pk", filter=~money & delivered),
            offers_waiting=Count("pk", filter=Q(status=PledgeStatus.OFFERED)),
        )
        .order_by("entity__sector", "-funding_pledged", "entity__name_ar")
    )
    sectors = {value: SectorContribution(value, str(label)) for value, label in Sector.choices}
    for row in rows:
        summary = sectors[row["entity__sector"]]
        summary.entities += 1
        for name in (
            "funding_pledged",
            "funding_delivered",
            "resources_pledged",
            "resources_delivered",
            "offers_waiting",
        ):
            setattr(summary, name, getattr(summary, name) + row[name])
        summary.rows.append(dict(row))
    return list(sectors.values())


# --- Success stories ----------------------------------------------------------------------


@dataclass(frozen=True)
class StoryFigures:
    learners: int
    completions: int
    hours: Decimal


def story_figures(story: Any) -> StoryFigures:
    """Live from the platform: the learners registered for the opportunities of the story's
    initiative (or, failing one, its entity's), their completions and learning hours."""
    registrations = Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
    if story.initiative_id:
        registrations = registrations.filter(session__opportunity__initiative_id=story.initiative_id)
    else:
        registrations = registrations.filter(session__opportunity__provider_id=story.entity_id)
    totals = registrations.aggregate(
        learners=Count("learner", distinct=True),
        completions=Count("pk", filter=Q(completed_at__isnull=False)),
        hours=Sum("session__opportunity__hours", filter=Q(completed_at__isnull=False)),
    )
    return StoryFigures(totals["learners"], totals["completions"], Decimal(totals["hours"] or 0))


@dataclass(frozen=True)
class EntityContribution:
    funding: Decimal  # to initiatives, whatever the way it was recorded
    funded_initiatives: int
    pledges_counted: int  # through the marketplace, accepted or delivered
    pledges_delivered: int
    offers_waiting: int


def entity_contribution(entity: Any) -> EntityContribution:
    """What a partner entity puts into the programme: the initiatives' funding it provides
    (accepted marketplace pledges included) and its marketplace pledges."""
    from learningcity.programme.models import InitiativeFunding

    funding = InitiativeFunding.objects.filter(source=entity).aggregate(
        total=Sum("amount"), initiatives=Count("initiative", distinct=True)
    )
    pledges = Pledge.objects.filter(entity=entity).aggregate(
        counted=Count("pk", filter=Q(status__in=COUNTED_STATUSES)),
        delivered=Count("pk", filter=Q(status=PledgeStatus.DELIVERED)),
        waiting=Count("pk", filter=Q(status=PledgeStatus.OFFERED)),
    )
    return EntityContribution(
        Decimal(funding["total"] or 0), funding["initiatives"], pledges["counted"], pledges["delivered"],
        pledges["waiting"],
    )  # fmt: skip
