"""Reading the catalogue: search, home page, opportunity pages, learners' and providers' lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from learningcity.catalogue.models import (
    ACTIVE_STATUSES,
    AudienceSex,
    Campaign,
    Certificate,
    Learner,
    Opportunity,
    OpportunityAgeGroup,
    OpportunityStatus,
    OpportunityType,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from learningcity.catalogue.places import held_places_expression

# CATALOGUE_CACHE is read from here by the views and services that bump or use it.
from learningcity.catalogue.search import CATALOGUE_CACHE, engine  # noqa: F401
from learningcity.catalogue.search.query import ParsedQuery
from learningcity.partners.models import Entity

ACCESSIBILITY_FILTERS = ("wheelchair_access", "sign_language", "braille_large_print", "easy_read")


def parse_query(query: str | None) -> ParsedQuery:
    """What `query` asks for, with the thesaurus and the catalogue's words (search/query.py)."""
    return engine.understand(query)


def _upcoming_sessions(now: dt.datetime) -> QuerySet[Session]:
    return Session.objects.filter(status=SessionStatus.SCHEDULED, starts_at__gt=now)


def public_opportunities() -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)


def with_next_session(opportunities: QuerySet[Opportunity], now: dt.datetime) -> QuerySet[Opportunity]:
    next_start = (
        _upcoming_sessions(now)
        .filter(opportunity=OuterRef("pk"))
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return opportunities.annotate(next_session_at=Subquery(next_start))


def with_list_columns(opportunities: QuerySet[Opportunity], now: dt.datetime) -> QuerySet[Opportunity]:
    """What a result card shows, in the same query: provider, place and next session."""
    return with_next_session(opportunities.select_related("provider", "governorate", "learning_city"), now)


def _in_order(opportunities: QuerySet[Opportunity], ids: list[int]) -> list[Opportunity]:
    by_pk = {o.pk: o for o in opportunities.filter(pk__in=ids)}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def opportunity_cards(ids: list[int], now: dt.datetime | None = None) -> list[Opportunity]:
    """The opportunities `ids` ready for result cards, in the order given."""
    return _in_order(with_list_columns(Opportunity.objects.all(), now or timezone.now()), ids)


def card_page(
    opportunities: QuerySet[Opportunity],
    number: Any,
    per_page: int,
    load: Callable[[list[int]], list[Opportunity]] = opportunity_cards,
) -> Page:
    """One page of a sorted result list. The sort runs on a narrow query of ids and only the
    page's rows are loaded whole, by `load`: sorting 50,000 full rows (descriptions, search
    index) cost most of the time (bench/bench_catalogue.py)."""
    ids = Paginator(opportunities.values_list("pk", flat=True), per_page).get_page(number)
    return Page(load(list(ids.object_list)), ids.number, ids.paginator)


# A search page is cached for the minute it was drawn in (views/public.py): sessions starting
# move opportunities along the "soonest" order, so an entry must not outlive its minute by much.
SEARCH_CACHE_SECONDS = 90


def apply_filters(
    opportunities: QuerySet[Opportunity], filters: dict[str, Any], now: dt.datetime
) -> QuerySet:
    if filters.get("learning_city"):
        opportunities = opportunities.filter(learning_city=filters["learning_city"])
    if filters.get("governorate"):
        opportunities = opportunities.filter(governorate=filters["governorate"])
    if filters.get("provider"):
        opportunities = opportunities.filter(provider=filters["provider"])
    if filters.get("campaign"):
        opportunities = opportunities.filter(campaigns=filters["campaign"])
    if filters.get("type"):
        opportunities = opportunities.filter(opportunity_type__in=filters["type"])
    if filters.get("audience"):
        opportunities = opportunities.filter(_open_to(filters["audience"]))
    if filters.get("age_group"):
        opportunities = opportunities.filter(
            Exists(
                OpportunityAgeGroup.objects.filter(opportunity=OuterRef("pk"), age_group=filters["age_group"])
            )
        )
    for name in filters.get("accessibility") or ():
        if name in ACCESSIBILITY_FILTERS:
            opportunities = opportunities.filter(**{name: True})
    if filters.get("disability"):
        opportunities = opportunities.filter(suited_disabilities__kind=filters["disability"])
    if filters.get("free"):
        opportunities = opportunities.filter(fee=0)
    if filters.get("online"):
        opportunities = opportunities.exclude(online_url="")
    if filters.get("skill"):
        opportunities = opportunities.filter(skills=filters["skill"])
    date_from, date_to = filters.get("date_from"), filters.get("date_to")
    if date_from or date_to:
        sessions = _upcoming_sessions(now).filter(opportunity=OuterRef("pk"))
        if date_from:
            sessions = sessions.filter(starts_at__date__gte=date_from)
        if date_to:
            sessions = sessions.filter(starts_at__date__lte=date_to)
        opportunities = opportunities.filter(Exists(sessions))
    return opportunities


def _open_to(audience: str) -> Q:
    """Opportunities with a session `audience` may attend (women: women-only and mixed
    sessions), or, with no session scheduled, whose own audience admits them."""
    admitted = (
        [AudienceSex.EVERYONE] if audience == AudienceSex.EVERYONE else [audience, AudienceSex.EVERYONE]
    )
    scheduled = Session.objects.filter(opportunity=OuterRef("pk"), status=SessionStatus.SCHEDULED)
    admitting = scheduled.filter(
        Q(audience_sex__in=admitted) | Q(audience_sex="", opportunity__audience_sex__in=admitted)
    )
    return Q(Exists(admitting)) | (~Q(Exists(scheduled)) & Q(audience_sex__in=admitted))


def _by_position(opportunities: QuerySet[Opportunity], ids: list[int]) -> QuerySet[Opportunity]:
    """`ids` of `opportunities` in that order, each with `score` (higher first)."""
    if not ids:
        return opportunities.none().annotate(score=Value(0, output_field=IntegerField()))
    score = Case(
        *(When(pk=pk, then=Value(len(ids) - position)) for position, pk in enumerate(ids)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return opportunities.filter(pk__in=ids).annotate(score=score).order_by("-score")


def opportunity_search(
    *, filters: dict[str, Any], now: dt.datetime | None = None
) -> tuple[QuerySet[Opportunity], ParsedQuery]:
    """Published opportunities matching `filters` (q, city, governorate, type, audience,
    age group, accessibility, free, online, dates, skill), sorted by `sort`. With a query, the
    ranked search's order (search/engine.py) before runs are grouped."""
    now = now or timezone.now()
    parsed = parse_query(filters.get("q"))
    opportunities = apply_filters(public_opportunities(), filters, now)
    sort = filters.get("sort") or ("relevance" if parsed.concepts else "soonest")
    if parsed.concepts:
        ids = engine.ordered_ids(opportunities, parsed, filters.get("q") or "", sort)
        return _by_position(opportunities, ids), parsed
    opportunities = opportunities.annotate(score=Value(0, output_field=IntegerField()))
    if sort == "newest":
        ordering: list[Any] = ["-created_at", "-pk"]
    else:
        # The stored next session (services/upcoming.py) orders the list; the cards show the
        # live one. Opportunities with no session to come (online, self-paced) last.
        ordering = [F("upcoming_session_at").asc(nulls_last=True), "-pk"]
    return opportunities.order_by(*ordering), parsed


def catalogue_search(*, filters: dict[str, Any], now: dt.datetime, number: Any, per_page: int) -> Any:
    """The public search page's results: ranked, bookable first when asked, runs of one
    course grouped (search/engine.py); without a query, the soonest-first list."""
    parsed = parse_query(filters.get("q"))
    upcoming_first = filters.get("upcoming", True)
    if not parsed.concepts:
        listed, _parsed = opportunity_search(filters={**filters, "q": ""}, now=now)
        if upcoming_first and filters.get("sort") == "newest":
            # Soonest first already puts the bookable first; newest first keeps them first too.
            bookable = Case(When(upcoming_session_at__gt=now, then=Value(0)), default=Value(1))
            listed = listed.order_by(bookable, "-created_at", "-pk")
        return engine.SearchResult(page=card_page(listed, number, per_page), parsed=parsed)
    return engine.search_page(
        opportunities=apply_filters(public_opportunities(), filters, now),
        parsed=parsed,
        query=filters.get("q") or "",
        sort=filters.get("sort") or "relevance",
        upcoming_first=upcoming_first,
        now=now,
        number=number,
        per_page=per_page,
        cards=lambda ids: opportunity_cards(ids, now),
    )


def near_matches(*, filters: dict[str, Any], now: dt.datetime) -> list[Opportunity]:
    """Opportunities close to a search that found nothing (search/engine.py), for its page."""
    parsed = parse_query(filters.get("q"))
    if not parsed.concepts:
        return []
    opportunities = apply_filters(public_opportunities(), filters, now)
    # Bookable first, so that a course with a session to come stands for its other places.
    entries, _bookable = engine.arrange(
        engine.near_ids(opportunities, parsed, filters.get("q") or ""), now, upcoming_first=True
    )
    entries = entries[:6]
    return engine.with_runs(entries, lambda ids: opportunity_cards(ids, now))


def home_sections(*, now: dt.datetime | None = None, size: int = 6) -> dict[str, Any]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    # The next sessions in time order (an index range scan), then the first few distinct
    # published opportunities among them: cheaper than sorting every opportunity.
    candidates = list(
        _upcoming_sessions(now)
        .order_by("starts_at", "pk")
        .values_list("opportunity_id", flat=True)[: size * 20]
    )
    published = set(public_opportunities().filter(pk__in=candidates).values_list("pk", flat=True))
    upcoming_ids = list(dict.fromkeys(pk for pk in candidates if pk in published))[:size]
    featured_ids = list(
        public_opportunities()
        .filter(featured=True)
        .order_by(F("upcoming_session_at").asc(nulls_last=True), "-pk")
        .values_list("pk", flat=True)[:size]
    )
    campaigns = campaign_list(current_on=today)[:3]
    return {
        "upcoming": opportunity_cards(upcoming_ids, now),
        "featured": opportunity_cards(featured_ids, now),
        "campaigns": list(campaigns),
        "totals": catalogue_totals(now=now),
        "types": opportunity_types(),
    }


def opportunity_types() -> list[dict[str, Any]]:
    """Each kind of opportunity the catalogue offers (course, workshop, visit…) with how many are
    published, in the order the choices are written; kinds with none are left out."""
    counts = dict(
        public_opportunities().order_by().values_list("opportunity_type").annotate(count=Count("pk"))
    )
    return [
        {"type": value, "label": label, "count": counts[value]}
        for value, label in OpportunityType.choices
        if counts.get(value)
    ]


def catalogue_totals(*, now: dt.datetime) -> dict[str, int]:
    published = public_opportunities()
    return {
        "opportunities": published.count(),
        "providers": Entity.objects.filter(Exists(published.filter(provider=OuterRef("pk")))).count(),
        "learners": Learner.objects.count(),
    }


def campaign_list(*, current_on: dt.date | None = None) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.annotate(
        opportunity_count=Count(
            "opportunities", filter=Q(opportunities__status=OpportunityStatus.PUBLISHED), distinct=True
        )
    )
    if current_on:
        campaigns = campaigns.filter(starts_on__lte=current_on, ends_on__gte=current_on)
    return campaigns.order_by("-starts_on", "pk")


def campaign_registration_count(campaign: Campaign) -> int:
    """Live registrations (confirmed, offered a place or waiting) for the campaign's opportunities."""
    return Registration.objects.filter(
        session__opportunity__campaigns=campaign,
        status__in=ACTIVE_STATUSES,
    ).count()


def opportunity_detail(*, pk: int) -> Opportunity:
    return (
        Opportunity.objects.select_related("provider", "governorate__region", "learning_city", "initiative")
        .prefetch_related("skills", "campaigns", "age_groups", "suited_disabilities")
        .get(pk=pk)
    )


def session_list(
    *, opportunity: Opportunity, now: dt.datetime | None = None, upcoming_only: bool = True
) -> Sequence[Session]:
    now = now or timezone.now()
    sessions = opportunity.sessions.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        held_count=held_places_expression(),
        waiting_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
    ).order_by("starts_at", "pk")
    if upcoming_only:
        sessions = sessions.filter(starts_at__gt=now)
    rows = list(sessions)
    for session in rows:
        session.places_left = max(session.capacity - session.held_count, 0)
    return rows


def learner_registrations(*, learner: Learner) -> QuerySet[Registration]:
    """The learner's registrations and those of the people they registered (group places)."""
    return (
        Registration.objects.filter(Q(learner=learner) | Q(learner__guardian=learner))
        .select_related("session__opportunity__provider", "certificate", "learner")
        .order_by("-session__starts_at", "-pk")
    )


def learner_registration(*, learner: Learner, pk: int) -> Registration:
    """One of the learner's own registrations (Registration.DoesNotExist for anyone else's)."""
    return (
        learner_registrations(learner=learner).select_related("session__opportunity__governorate").get(pk=pk)
    )


def waiting_position(registration: Registration) -> int | None:
    """The registration's place in its session's waiting list (1 = next to be offered a place),
    in the order places are given (services/registrations.py)."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = registration.session.registrations.filter(status=RegistrationStatus.WAITLISTED).filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def learner_summary(*, learner: Learner) -> dict[str, Any]:
    completed = learner.registrations.filter(completed_at__isnull=False)
    return {
        "hours": completed.aggregate(total=Sum("session__opportunity__hours"))["total"] or 0,
        "completed": completed.count(),
        "certificates": Certificate.objects.filter(
            registration__learner=learner, revoked_at__isnull=True
        ).count(),
        "attended": learner.registrations.filter(attended=True).count(),
    }


def registrants(*, session: Session) -> QuerySet[Registration]:
    return (
        session.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related(
            "learner__user", "learner__governorate", "certificate", "learner__guardian__user", "group"
        )
        .order_by(
            Case(
                When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
                When(status=RegistrationStatus.OFFERED, then=Value(1)),
                default=Value(2),
            ),
            "waitlisted_at",
            "confirmed_at",
            "pk",
        )
    )


def provider_opportunities(*, entity_ids: Any | None) -> QuerySet[Opportunity]:
    """The opportunities of the entities `entity_ids` (None: every entity's) in every status,
    the last changed first; a page of them is loaded with managed_rows (card_page)."""
    opportunities = Opportunity.objects.all()
    if entity_ids is not None:
        opportunities = opportunities.filter(provider__in=entity_ids)
    return opportunities.order_by("-updated_at", "-pk")


def managed_rows(ids: list[int]) -> list[Opportunity]:
    """The manage list's rows for `ids`, in that order: a card's columns with the counts of
    sessions and confirmed registrations. Counted for one page only: counting for every
    opportunity before paging took seconds at regional scale (bench/bench_lists.py)."""
    rows = with_list_columns(Opportunity.objects.all(), timezone.now()).annotate(
        session_count=Count("sessions", distinct=True),
        registration_count=Count(
            "sessions__registrations",
            filter=Q(sessions__registrations__status=RegistrationStatus.CONFIRMED),
            distinct=True,
        ),
    )
    return _in_order(rows, ids)


def certificate_detail(*, uuid: Any) -> Certificate:
    return Certificate.objects.select_related(
        "registration__session__opportunity__provider", "registration__learner"
    ).get(uuid=uuid)


def revoked_certificate_numbers() -> list[int]:
    """The indexes set in the revocation list: a certificate's number is its index."""
    return list(Certificate.objects.filter(revoked_at__isnull=False).values_list("pk", flat=True))
