"""Reading the catalogue: search, home page, opportunity pages, learners' and providers' lists."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
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
from django.db.models.expressions import RawSQL
from django.utils import timezone

from learningcity.catalogue.models import (
    AudienceSex,
    Campaign,
    Certificate,
    Learner,
    Opportunity,
    OpportunityAgeGroup,
    OpportunityStatus,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from learningcity.core.arabic import search_terms
from learningcity.partners.models import Entity

# A query is cut to this many characters and terms: enough for any real search, and a pasted
# essay cannot turn into hundreds of LIKE clauses.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 8
# A title match counts this many times a match elsewhere.
TITLE_WEIGHT = 3

# The core.cache generation of everything a search's result list depends on (catalogue/apps.py).
CATALOGUE_CACHE = "catalogue"

ACCESSIBILITY_FILTERS = ("wheelchair_access", "sign_language", "braille_large_print", "easy_read")


@dataclass
class ParsedQuery:
    terms: list[str] = field(default_factory=list)
    truncated: bool = False
    # Something was typed but nothing searchable was in it (only symbols or punctuation).
    unsearchable: bool = False


def parse_query(query: str | None) -> ParsedQuery:
    query = (query or "").strip()
    if not query:
        return ParsedQuery()
    cut = query[:MAX_QUERY_CHARS]
    if len(query) > MAX_QUERY_CHARS and not query[MAX_QUERY_CHARS].isspace() and len(cut.split()) > 1:
        cut = cut.rsplit(None, 1)[0]  # do not search for half of a word cut at the limit
    terms = search_terms(cut)
    truncated = len(query) > MAX_QUERY_CHARS or len(terms) > MAX_QUERY_TERMS
    # Drop repeated terms: they would only inflate the score.
    unique = list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]
    return ParsedQuery(terms=unique, truncated=truncated, unsearchable=not unique)


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


def opportunity_cards(ids: list[int], now: dt.datetime | None = None) -> list[Opportunity]:
    """The opportunities `ids` ready for result cards, in the order given."""
    by_pk = {
        o.pk: o for o in with_list_columns(Opportunity.objects.filter(pk__in=ids), now or timezone.now())
    }
    return [by_pk[pk] for pk in ids if pk in by_pk]


def card_page(opportunities: QuerySet[Opportunity], number: Any, per_page: int) -> Page:
    """One page of a sorted result list. The sort runs on a narrow query of ids and only the
    page's rows are loaded whole: sorting 50,000 full rows (descriptions, search index) cost
    most of the time (bench/bench_catalogue.py)."""
    page = Paginator(opportunities.values_list("pk", flat=True), per_page).get_page(number)
    page.object_list = opportunity_cards(list(page.object_list))
    return page


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


FTS_TABLE = "catalogue_opportunity_fts"
PG_FTS_INDEX = "catalogue_opportunity_search_fts"
# Terms the PostgreSQL parser reads as one word just as core.arabic does (letters and digits
# of one script); anything else is searched with LIKE alone, so no match is ever lost.
_PLAIN_TERM = re.compile(r"^(?:[\u0621-\u064a]+|[a-z0-9]+|[\u0660-\u0669]+)$")


@functools.cache
def _search_index(vendor: str, database: str) -> str | None:
    """Which full-text index the search can use on this database: "fts5" (SQLite, migration
    0004, where the library has FTS5), "tsvector" (PostgreSQL, migration 0006) or None."""
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
            return "fts5" if cursor.fetchone()[0] else None
        if vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [PG_FTS_INDEX])
            return "tsvector" if cursor.fetchone() else None
    return None


def _index_matches(terms: list[str]) -> Q | RawSQL | None:
    """A condition, answered from the full-text index, that the opportunity holds every term as
    a word prefix; None where no index can answer it."""
    index = _search_index(connection.vendor, str(connection.settings_dict["NAME"]))
    # Constant table and index names; the query text goes in as a parameter.
    if index == "fts5":
        match = " AND ".join(f'"{term}"*' for term in terms)
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]))  # noqa: S608, S611
    if index == "tsvector" and all(_PLAIN_TERM.match(term) for term in terms):
        # A plain condition on the row, the expression of the index (migration 0006): as a
        # subquery of ids the planner joined back row by row, four times slower at 15,000 matches.
        query = " & ".join(f"'{term}':*" for term in terms)
        return RawSQL(  # noqa: S611
            "to_tsvector('simple'::regconfig, search_title || ' ' || search_body) "
            "@@ to_tsquery('simple'::regconfig, %s)",
            [query],
            output_field=BooleanField(),
        )
    return None


def apply_search(opportunities: QuerySet[Opportunity], terms: list[str]) -> QuerySet[Opportunity]:
    """Every term must match as a word or word prefix in the title or the rest; the score puts
    title matches above the rest (TITLE_WEIGHT to 1 per term)."""
    if not terms:
        return opportunities.annotate(score=Value(0, output_field=IntegerField()))
    indexed = _index_matches(terms)
    if indexed is not None:
        # The index finds the rows; the score below then only looks at them.
        opportunities = opportunities.filter(indexed)
    score = Value(0, output_field=IntegerField())
    for term in terms:
        in_title = Q(search_title__contains=f" {term}")
        in_body = Q(search_body__contains=f" {term}")
        if indexed is None:
            opportunities = opportunities.filter(in_title | in_body)
        score = score + Case(
            When(in_title, then=Value(TITLE_WEIGHT)), default=Value(0), output_field=IntegerField()
        )
        score = score + Case(When(in_body, then=Value(1)), default=Value(0), output_field=IntegerField())
    return opportunities.annotate(score=score)


def opportunity_search(
    *, filters: dict[str, Any], now: dt.datetime | None = None
) -> tuple[QuerySet[Opportunity], ParsedQuery]:
    """Published opportunities matching `filters` (q, city, governorate, type, audience,
    age group, accessibility, free, online, dates, skill), sorted by `sort`."""
    now = now or timezone.now()
    parsed = parse_query(filters.get("q"))
    opportunities = apply_filters(public_opportunities(), filters, now)
    opportunities = apply_search(opportunities, parsed.terms)
    sort = filters.get("sort") or ("relevance" if parsed.terms else "soonest")
    # The stored next session (services/upcoming.py) orders the list; the cards show the live one.
    soonest = F("upcoming_session_at").asc(nulls_last=True)
    if sort == "relevance" and parsed.terms:
        ordering = ["-score", "-featured", soonest, "-pk"]
    elif sort == "newest":
        ordering = ["-created_at", "-pk"]
    else:
        # Soonest first; opportunities with no session to come (online, self-paced) last.
        ordering = [soonest, "-score", "-pk"]
    return opportunities.order_by(*ordering), parsed


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
    }


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
    """Live registrations (confirmed or waiting) for the campaign's opportunities."""
    return Registration.objects.filter(
        session__opportunity__campaigns=campaign,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
    ).count()


def opportunity_detail(*, pk: int) -> Opportunity:
    return (
        Opportunity.objects.select_related("provider", "governorate", "learning_city", "initiative")
        .prefetch_related("skills", "campaigns", "age_groups", "suited_disabilities")
        .get(pk=pk)
    )


def session_list(
    *, opportunity: Opportunity, now: dt.datetime | None = None, upcoming_only: bool = True
) -> list[Session]:
    now = now or timezone.now()
    sessions = opportunity.sessions.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
    ).order_by("starts_at", "pk")
    if upcoming_only:
        sessions = sessions.filter(starts_at__gt=now)
    sessions = list(sessions)
    for session in sessions:
        session.places_left = max(session.capacity - session.confirmed_count, 0)
    return sessions


def learner_registrations(*, learner: Learner) -> QuerySet[Registration]:
    return learner.registrations.select_related("session__opportunity__provider", "certificate").order_by(
        "-session__starts_at", "-pk"
    )


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
        .select_related("learner__user", "learner__governorate", "certificate")
        .order_by(
            Case(When(status=RegistrationStatus.CONFIRMED, then=Value(0)), default=Value(1)),
            "waitlisted_at",
            "confirmed_at",
            "pk",
        )
    )


def provider_opportunities(*, entity_ids: Any) -> QuerySet[Opportunity]:
    """The opportunities a coordinator keeps (every status), with counts for the manage list."""
    now = timezone.now()
    return (
        with_list_columns(Opportunity.objects.filter(provider__in=entity_ids), now)
        .annotate(
            session_count=Count("sessions", distinct=True),
            registration_count=Count(
                "sessions__registrations",
                filter=Q(sessions__registrations__status=RegistrationStatus.CONFIRMED),
                distinct=True,
            ),
        )
        .order_by("-updated_at", "-pk")
    )


def certificate_detail(*, uuid: Any) -> Certificate:
    return Certificate.objects.select_related(
        "registration__session__opportunity__provider", "registration__learner"
    ).get(uuid=uuid)
