"""One result list from the lexical and the semantic rankings, ready for a page.

1. Lexical matches (lexical.py) in their order.
2. Semantic neighbours (semantic.py) above SEARCH_SEMANTIC_MIN_SIMILARITY, kept to the
   opportunities the filters allow.
3. Reciprocal-rank fusion (Cormack et al. 2009): each list gives 1 / (60 + rank), the
   semantic list weighted SEMANTIC_WEIGHT. When the lexical search found nothing, only
   neighbours above SEARCH_SEMANTIC_RESCUE_SIMILARITY are shown, and those above the minimum
   that hold at least two of the query's words.
4. With "has upcoming sessions" (the default), opportunities with a session to come first,
   then the others, each part in its order.
5. Runs of the same course (the same title in several places) become one entry with the
   others listed under it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.urls import reverse

from learningcity.catalogue.models import Opportunity
from learningcity.catalogue.search import lexical, semantic
from learningcity.catalogue.search.query import ParsedQuery, parse_query
from learningcity.catalogue.search.thesaurus import thesaurus
from learningcity.catalogue.search.vocabulary import vocabulary
from learningcity.core.morphology import index_terms

RRF_K = 60
SEMANTIC_WEIGHT = 0.8
SEMANTIC_CANDIDATES = 100
# How much of a query a neighbour must hold to be shown when the lexical search found nothing.
PARTIAL_COVERAGE = 2


def understand(query: str | None) -> ParsedQuery:
    if not (query or "").strip():
        return ParsedQuery()  # browsing: no thesaurus or vocabulary to read
    return parse_query(query, thesaurus=thesaurus(), vocabulary=vocabulary())


def _semantic_hits(opportunities: QuerySet[Opportunity], query: str) -> list[tuple[int, float]]:
    if not semantic.enabled():
        return []
    floor = settings.SEARCH_SEMANTIC_MIN_SIMILARITY
    hits = [
        (pk, similarity)
        for pk, similarity in semantic.nearest(query, k=SEMANTIC_CANDIDATES)
        if similarity >= floor
    ]
    if not hits:
        return []
    allowed = set(opportunities.filter(pk__in=[pk for pk, _ in hits]).values_list("pk", flat=True))
    return [(pk, similarity) for pk, similarity in hits if pk in allowed]


def _reciprocal_rank_fusion(lexical_ids: list[int], semantic_hits: list[tuple[int, float]]) -> list[int]:
    scores: dict[int, float] = {}
    for rank, pk in enumerate(lexical_ids):
        scores[pk] = 1 / (RRF_K + rank + 1)
    for rank, (pk, _similarity) in enumerate(semantic_hits):
        scores[pk] = scores.get(pk, 0.0) + SEMANTIC_WEIGHT / (RRF_K + rank + 1)
    return sorted(scores, key=lambda pk: -scores[pk])


def fuse(
    lexical_ids: list[int], semantic_hits: list[tuple[int, float]], *, partial: frozenset[int] = frozenset()
) -> list[int]:
    """The fused order of two rankings (see the module's docstring); `partial`: the semantic
    hits that also hold some of the query's words, shown when the lexical search found nothing."""
    if not lexical_ids:
        rescue = settings.SEARCH_SEMANTIC_RESCUE_SIMILARITY
        return [pk for pk, similarity in semantic_hits if similarity >= rescue or pk in partial]
    return _reciprocal_rank_fusion(lexical_ids, semantic_hits)


def relevance_order(opportunities: QuerySet[Opportunity], parsed: ParsedQuery, query: str) -> list[int]:
    lexical_ids = lexical.ranked_ids(opportunities, parsed)
    hits = _semantic_hits(opportunities, query)
    partial: frozenset[int] = frozenset()
    if hits and not lexical_ids:
        # Two weak signals that agree — a close neighbour holding two of the query's words
        # ("حماية الحسابات من الاختراق" and "حماية حساباتك على الإنترنت") — make an answer
        # where either alone would be the nearest junk. One word is not enough: "صيانة
        # السيارات" and "صيانة الجوالات" share one, and nothing on cars exists.
        neighbours = opportunities.filter(pk__in=[pk for pk, _similarity in hits])
        partial = frozenset(lexical.ranked_ids(neighbours, parsed, loose=True, min_coverage=PARTIAL_COVERAGE))
    return fuse(lexical_ids, hits, partial=partial)


def near_ids(
    opportunities: QuerySet[Opportunity], parsed: ParsedQuery, query: str, *, candidates: int = 18
) -> list[int]:
    """For a search with no result: what comes closest — opportunities matching some of its
    words, and semantic neighbours above the lower similarity — fused the same way (no rescue
    threshold: these are offered as near, not as answers)."""
    loose = lexical.ranked_ids(opportunities, parsed, loose=True, limit=candidates)
    return _reciprocal_rank_fusion(loose, _semantic_hits(opportunities, query)[:candidates])


@dataclass
class Entry:
    """One place on the result list: an opportunity and the other runs of the same course."""

    pk: int
    others: list[int] = field(default_factory=list)


@functools.lru_cache(maxsize=4096)
def _place_terms(*names: str | None) -> frozenset[str]:
    return frozenset(index_terms(" ".join(name or "" for name in names)))


@functools.lru_cache(maxsize=65536)
def _title_terms(title: str) -> tuple[str, ...]:
    # Titles repeat across runs and requests: the normalisation is the costly part.
    return tuple(index_terms(title))


@dataclass(frozen=True)
class Course:
    """What arranging a result list needs of one opportunity, read in one query."""

    key: str  # the same for runs of one course
    bookable: bool  # a session to come


def courses(ids: list[int], now: dt.datetime) -> dict[int, Course]:
    """Runs of one course share a key: the same Arabic title as the search reads it, once the
    place's own name is left out of it ("الخط العربي — ينبع" and "الخط العربي — العلا" are one
    course in two places)."""
    rows = Opportunity.objects.filter(pk__in=ids).values_list(
        "pk", "title_ar", "governorate__name_ar", "learning_city__name_ar", "upcoming_session_at"
    )
    found = {}
    for pk, title, governorate, city, upcoming in rows:
        place = _place_terms(governorate, city)
        key = " ".join(term for term in _title_terms(title) if term not in place) or f"#{pk}"
        found[pk] = Course(key, upcoming is not None and upcoming > now)
    return found


def bookable_first(ids: list[int], known: dict[int, Course]) -> tuple[list[int], int]:
    """`ids` with those that have a session to come first; and how many those are."""
    first = [pk for pk in ids if pk in known and known[pk].bookable]
    chosen = set(first)
    return first + [pk for pk in ids if pk not in chosen], len(first)


def group_runs(ids: list[int], known: dict[int, Course] | None = None) -> list[Entry]:
    """Runs of one course (`courses`) become one entry, where the first of them in `ids` stands."""
    if known is None:
        known = courses(ids, dt.datetime.now(dt.UTC))
    entries: dict[str, Entry] = {}
    ordered: list[Entry] = []
    for pk in ids:
        key = known[pk].key if pk in known else f"#{pk}"
        if key in entries:
            entries[key].others.append(pk)
        else:
            entries[key] = Entry(pk)
            ordered.append(entries[key])
    return ordered


def arrange(ids: list[int], now: dt.datetime, *, upcoming_first: bool) -> tuple[list[Entry], set[int]]:
    """`ids` as the entries of a result list — bookable first when asked, runs grouped — and
    which of them are bookable."""
    known = courses(ids, now)
    if upcoming_first:
        ids, _count = bookable_first(ids, known)
    return group_runs(ids, known), {pk for pk, course in known.items() if course.bookable}


# A card lists this many of a course's other runs; the rest are counted.
RUNS_SHOWN = 12


@dataclass(frozen=True)
class Place:
    name_ar: str
    name_en: str


@dataclass(frozen=True)
class Run:
    """Another place of a course, on its card: a link, the place, the next session."""

    pk: int
    governorate: Place
    upcoming_session_at: dt.datetime | None

    def get_absolute_url(self) -> str:
        return reverse("catalogue:opportunity_detail", args=[self.pk])


def with_runs(entries: list[Entry], cards: Any) -> list[Opportunity]:
    """The entries' cards (`cards(ids)` loads them), each with `other_runs` (its other places,
    as plain values: a page of cards may list hundreds) and `more_runs` (how many beyond)."""
    loaded = {o.pk: o for o in cards([entry.pk for entry in entries])}
    wanted = [pk for entry in entries for pk in entry.others[:RUNS_SHOWN]]
    runs = {
        pk: Run(pk, Place(name_ar, name_en), upcoming)
        for pk, name_ar, name_en, upcoming in Opportunity.objects.filter(pk__in=wanted).values_list(
            "pk", "governorate__name_ar", "governorate__name_en", "upcoming_session_at"
        )
    }
    shown = []
    for entry in entries:
        card = loaded.get(entry.pk)
        if card is not None:
            card.other_runs = [runs[pk] for pk in entry.others[:RUNS_SHOWN] if pk in runs]
            card.more_runs = max(len(entry.others) - RUNS_SHOWN, 0)
            shown.append(card)
    return shown


@dataclass
class SearchResult:
    page: Page
    parsed: ParsedQuery
    # Where the opportunities without a session to come begin on this page (None: not here).
    later_from: int | None = None
    # More opportunities matched than are listed (lexical.LIMIT): the page says so.
    capped: bool = False


def ordered_ids(
    opportunities: QuerySet[Opportunity], parsed: ParsedQuery, query: str, sort: str
) -> list[int]:
    ids = relevance_order(opportunities, parsed, query)
    if sort == "relevance" or not ids:
        return ids
    ordering: list[Any] = (
        ["-created_at", "-pk"] if sort == "newest" else [F("upcoming_session_at").asc(nulls_last=True), "-pk"]
    )
    return list(Opportunity.objects.filter(pk__in=ids).order_by(*ordering).values_list("pk", flat=True))


def search_page(
    *,
    opportunities: QuerySet[Opportunity],
    parsed: ParsedQuery,
    query: str,
    sort: str,
    upcoming_first: bool,
    now: dt.datetime,
    number: Any,
    per_page: int,
    cards: Any,
) -> SearchResult:
    ids = ordered_ids(opportunities, parsed, query, sort)
    entries, bookable = arrange(ids, now, upcoming_first=upcoming_first)
    page = Paginator(entries, per_page).get_page(number)
    shown = with_runs(list(page.object_list), cards)
    later_from = None
    if upcoming_first:
        later_from = next((i for i, card in enumerate(shown) if card.pk not in bookable), None)
    page.object_list = shown
    return SearchResult(page=page, parsed=parsed, later_from=later_from, capped=len(ids) >= lexical.LIMIT)
