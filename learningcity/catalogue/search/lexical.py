"""Ranked lexical matching, answered by the database from the index columns.

Every opportunity holding at least one of the query's concepts is a candidate (found through
the full-text index: FTS5 on SQLite, a GIN tsvector on PostgreSQL); the score and the
coverage are then plain `LIKE` tests on the same normalised columns, so both databases rank
alike. For each concept, the strongest way it matches counts:

    title, its own term 3 · title, a thesaurus member 2.4 · description, own term 1 ·
    description, member 0.8 · root only 0.5

times the concept's weight (rarer words weigh more; generic words a third). Coverage counts
the concepts matched (a root-only match counts 0.6): every concept must match in a query of one
or two, all but one in three or four, all but two beyond — one extra word no longer empties
the list, and an unanswerable query still finds nothing.

Two shortcuts keep a common word fast at 50,000 opportunities, neither changing the answer:
when enough opportunities hold every concept in their title by its own term, no other can
rank above them and they rank among themselves by age alone, so the index answers without
scoring (a word in thousands of descriptions, "ينبع", costs a few milliseconds); otherwise
each concept's strength is computed once per candidate, in a materialised step.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import OrderBy, RawSQL

from learningcity.catalogue.models import Opportunity
from learningcity.catalogue.search.query import Concept, ParsedQuery, matches_as_prefix

FTS_TABLE = "catalogue_opportunity_fts"
# PostgreSQL's stored documents (migrations/0004_search.py): the whole index text, and the title alone.
PG_FTS_INDEX = "catalogue_opportunity_document_fts"
PG_DOCUMENT = "catalogue_opportunity.search_document"
PG_TITLE = "catalogue_opportunity.search_title_document"
# Words the PostgreSQL parser reads as one token just as core.arabic does (letters and digits
# of one script); with anything else the candidates are found with LIKE alone.
_PLAIN_WORD = re.compile(r"^(?:[\u0621-\u064a]+|[a-z0-9]+)$")

TITLE, TITLE_RELATED, BODY, BODY_RELATED, ROOT = 3.0, 2.4, 1.0, 0.8, 0.5
ROOT_COVERAGE = 0.6
GENERIC_WEIGHT = 1 / 3
# How many ranked matches are handed to the fusion: ten pages of twenty, more than people page
# through (the page says when there were more). It also bounds the work: when this many hold
# every word in their title, the ranking is read from the index (ranked_ids).
LIMIT = 200
# How many of the newest opportunities are tested first for a common title phrase, and at the
# most (_newest_in_title_tier): the walk reads a covering index (migrations/0016), 100,000
# entries in about 30 ms at national scale, and a phrase in fewer than one title of 500 is
# cheaper to find through the full-text index's bitmap.
NEWEST_WINDOW = 5000
WIDEST_WINDOW = 100_000
# A table page read for a match through the bitmap (20–25 µs at national scale, most pages not
# in PostgreSQL's buffers) against an entry of the covering index walked (about 0.45 µs).
WALKED_PER_MATCH = 45
# The statistics' row count changes with ANALYZE, minutes apart at the earliest.
ESTIMATE_KEPT_SECONDS = 300


def slack(required: int) -> int:
    """How many of `required` concepts may go unmatched."""
    return 0 if required <= 2 else 1 if required <= 4 else 2


def _pattern(phrase: str) -> str:
    return f" {phrase}" if matches_as_prefix(phrase.split()[-1]) else f" {phrase} "


def _holds(column: str, phrases: tuple[str, ...], *, exact: bool = False) -> Q:
    condition = Q()
    for phrase in phrases:
        condition |= Q(**{f"{column}__contains": f" {phrase} " if exact else _pattern(phrase)})
    return condition


def _strength(concept: Concept) -> Case:
    whens = [When(_holds("search_title", concept.terms), then=Value(TITLE))]
    if concept.related:
        whens.append(When(_holds("search_title", concept.related), then=Value(TITLE_RELATED)))
    whens.append(When(_holds("search_body", concept.terms), then=Value(BODY)))
    if concept.related:
        whens.append(When(_holds("search_body", concept.related), then=Value(BODY_RELATED)))
    if concept.roots:
        whens.append(When(_holds("search_roots", concept.roots, exact=True), then=Value(ROOT)))
    return Case(*whens, default=Value(0.0), output_field=FloatField())


@functools.cache
def _index(vendor: str, database: str) -> str | None:
    """Which full-text index this database has (migrations/0004_search.py): "fts5", "tsvector" or None."""
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
            return "fts5" if cursor.fetchone()[0] else None
        if vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [PG_FTS_INDEX])
            return "tsvector" if cursor.fetchone() else None
    return None


def _groups(concepts: list[Concept], at_least: int) -> list[tuple[int, ...]]:
    """The sets of concepts a candidate must all hold, any one set being enough: every choice of
    `at_least` of them (one set, all of them, when none may be let go)."""
    at_least = max(1, min(at_least, len(concepts)))
    return list(itertools.combinations(range(len(concepts)), at_least))


def _fts5_phrase(phrase: str) -> str:
    return f'"{phrase}"*' if matches_as_prefix(phrase.split()[-1]) else f'"{phrase}"'


def _fts5_expression(concepts: list[Concept], at_least: int) -> str:
    def one(concept: Concept) -> str:
        parts = [_fts5_phrase(phrase) for phrase in concept.terms + concept.related]
        parts.extend(f'search_roots : "{root}"' for root in concept.roots)
        return "(" + " OR ".join(parts) + ")"

    alternatives = [one(concept) for concept in concepts]
    return " OR ".join(
        "(" + " AND ".join(alternatives[i] for i in group) + ")" for group in _groups(concepts, at_least)
    )


def _ts_phrase(phrase: str) -> str | None:
    words = phrase.split()
    if not all(_PLAIN_WORD.match(word) for word in words):
        return None
    last = f"'{words[-1]}'" + (":*" if matches_as_prefix(words[-1]) else "")
    return " <-> ".join([*(f"'{word}'" for word in words[:-1]), last])


def _ts_any(phrases: tuple[str, ...]) -> str | None:
    parts = [_ts_phrase(phrase) for phrase in phrases]
    if any(part is None for part in parts):
        return None
    return "(" + " | ".join(f"({part})" for part in parts) + ")"


def _tsquery(concepts: list[Concept], at_least: int) -> str | None:
    alternatives = [_ts_any(concept.terms + concept.related + concept.roots) for concept in concepts]
    if any(alternative is None for alternative in alternatives):
        return None
    return " | ".join(
        "(" + " & ".join(alternatives[i] for i in group) + ")"
        for group in _groups(concepts, at_least)  # type: ignore[misc]
    )


def _title_tier(
    opportunities: QuerySet[Opportunity], concepts: list[Concept]
) -> QuerySet[Opportunity] | None:
    """Opportunities whose title holds every concept of the query by its own term — the best
    score and coverage any match can have — through the full-text index; None where the index
    cannot say."""
    index = _index(connection.vendor, str(connection.settings_dict["NAME"]))
    if index == "fts5":
        expression = " AND ".join(
            "search_title : (" + " OR ".join(_fts5_phrase(term) for term in concept.terms) + ")"
            for concept in concepts
        )
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return opportunities.filter(pk__in=RawSQL(sql, [expression]))  # noqa: S611
    if index == "tsvector":
        condition = _in_title(concepts)
        return None if condition is None else opportunities.filter(condition)
    return None


def _in_title(concepts: list[Concept]) -> RawSQL | None:
    """PostgreSQL: the title holds every concept by its own term (the title's tsvector)."""
    parts = [_ts_any(concept.terms) for concept in concepts]
    if any(part is None for part in parts):
        return None
    return RawSQL(  # noqa: S611
        f"{PG_TITLE} @@ to_tsquery('simple'::regconfig, %s)",
        [" & ".join(parts)],  # type: ignore[arg-type]
        output_field=BooleanField(),
    )


def _newest_in_title_tier(
    opportunities: QuerySet[Opportunity], concepts: list[Concept], limit: int
) -> list[int] | None:
    """The newest `limit` of the title tier, read from the newest opportunities alone when
    enough of them hold the title phrase; None when the window cannot say (or the index cannot).

    A phrase in one title of twenty ("الإسعافات الأولية", 21,000 titles at national scale) made
    PostgreSQL build the full-text index's bitmap of every match and read a table page for
    each before keeping the newest 200: 70–180 ms, growing with the catalogue. Walking the
    primary key back from the newest and testing each title finds the same 200 in a few
    thousand rows — a window's matches are exactly the matches newer than its oldest row, and
    the walk stops at the 200th. The first window is small; what it held says how far to walk
    for the rest, and a phrase too rare to fill any window is left to the index's bitmap,
    which is small for a rare phrase."""
    if _index(connection.vendor, str(connection.settings_dict["NAME"])) != "tsvector":
        return None
    in_title = _in_title(concepts)
    if in_title is None:
        return None
    catalogue_size = _opportunities_estimate()
    if catalogue_size < NEWEST_WINDOW:
        return None  # the first window would hold the whole catalogue: its bitmap is small
    newest = opportunities.order_by("-pk").annotate(in_title=in_title).values_list("pk", "in_title")
    window = NEWEST_WINDOW
    # Three walks at the most: the second's length comes from the first's density and nearly
    # always fills the page; a scope smaller than the window would otherwise widen it forever.
    for _walk in range(3):
        window_sql, params = newest[:window].query.sql_with_params()
        # The window's first column is the id, whatever Django names it; the words are parameters.
        # The LIMIT inside keeps the planner from swapping the walk for the index's bitmap.
        sql = f"SELECT newest.* FROM ({window_sql}) AS newest WHERE in_title ORDER BY 1 DESC LIMIT %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            best = [pk for pk, _in_title in cursor.fetchall()]
        if len(best) == limit:
            return best
        if not best or window >= WIDEST_WINDOW:
            return None
        # As many rows as the matches so far say hold `limit`, and a quarter more — unless the
        # index's bitmap is cheaper: a table page read for each match in the whole catalogue
        # costs about as much as WALKED_PER_MATCH entries walked.
        wanted = math.ceil(window * limit / len(best) * 1.25)
        matches = len(best) / window * catalogue_size
        if wanted > WIDEST_WINDOW or wanted > WALKED_PER_MATCH * matches:
            return None
        window = wanted
    return None


def _opportunities_estimate() -> float:
    """How many opportunities PostgreSQL's statistics say there are (no count: an estimate).
    Kept for a few minutes: it only chooses between two plans that give the same answer, and
    asking on every search was a query more than the search itself needs."""
    key = f"opportunities-estimate:{connection.settings_dict['NAME']}"
    return cache.get_or_set(key, _read_opportunities_estimate, timeout=ESTIMATE_KEPT_SECONDS)


def _read_opportunities_estimate() -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Opportunity._meta.db_table])
        row = cursor.fetchone()
    return max(float(row[0]), 0.0) if row else 0.0  # -1: never analysed


def _newest_first() -> OrderBy | str:
    """Newest first, for the whole title tier. On PostgreSQL the order is an expression the
    covering index cannot give: given the order, the planner walked that index back from the
    newest expecting 200 matches soon, and for a word in no title walked all of it (500,000
    entries, 80 ms at national scale) where the full-text index says "none" at once."""
    if _index(connection.vendor, str(connection.settings_dict["NAME"])) == "tsvector":
        return (F("pk") + 0).desc()
    return "-pk"


def _candidates(
    opportunities: QuerySet[Opportunity], concepts: list[Concept], at_least: int
) -> QuerySet[Opportunity]:
    """Opportunities holding at least `at_least` of `concepts` (each by a term, a thesaurus
    member or a root), found through the full-text index where there is one: a superset of
    what the coverage then keeps, and far smaller than "any concept" for a query of several
    words ("المدينة المنورة" is in most descriptions one word at a time)."""
    index = _index(connection.vendor, str(connection.settings_dict["NAME"]))
    # Constant table and index names; the query's words go in as parameters.
    if index == "fts5":
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return opportunities.filter(pk__in=RawSQL(sql, [_fts5_expression(concepts, at_least)]))  # noqa: S611
    tsquery = _tsquery(concepts, at_least) if index == "tsvector" else None
    if tsquery:
        # A plain condition on the row, the expression of the index: the planner reads the index.
        condition = RawSQL(  # noqa: S611
            f"{PG_DOCUMENT} @@ to_tsquery('simple'::regconfig, %s)", [tsquery], output_field=BooleanField()
        )
        return opportunities.filter(condition)
    holds = []
    for concept in concepts:
        phrases = concept.terms + concept.related
        held = _holds("search_title", phrases) | _holds("search_body", phrases)
        if concept.roots:
            held |= _holds("search_roots", concept.roots, exact=True)
        holds.append(held)
    anywhere = Q()
    for group in _groups(concepts, at_least):
        anywhere |= functools.reduce(operator.and_, (holds[i] for i in group))
    return opportunities.filter(anywhere)


@dataclass(frozen=True)
class _Plan:
    required: list[Concept]
    needed: float  # the coverage a match must reach
    at_least: int  # how many concepts a candidate holds at the least


def _plan(parsed: ParsedQuery, *, loose: bool) -> _Plan | None:
    required = parsed.required
    if not required:
        return None
    # A word the catalogue does not hold at all is never the one let go: "الغوص في البحر
    # الأحمر" must not become "البحر الأحمر".
    unknown = sum(1 for concept in required if not concept.known)
    needed = len(required) - max(0, slack(len(required)) - unknown)
    # A root-only match may stand for one concept (0.6 rather than 1); no more than that.
    needed -= 1 - ROOT_COVERAGE
    if loose:
        needed = ROOT_COVERAGE
    # Each concept counts at most 1, so a candidate holds at least ceil(needed) of them.
    return _Plan(required, needed, math.ceil(needed - 1e-9))


def _coverage_of(strength: str) -> str:
    # The coverage follows from the strength: a term or a thesaurus member (title or
    # description) counts 1, a root alone ROOT_COVERAGE.
    return f"(CASE WHEN {strength} >= {BODY_RELATED} THEN 1.0 WHEN {strength} > 0 THEN {ROOT_COVERAGE} ELSE 0.0 END)"


def ranked_ids(
    opportunities: QuerySet[Opportunity],
    parsed: ParsedQuery,
    *,
    loose: bool = False,
    limit: int | None = None,
    min_coverage: float = 0.0,
) -> list[int]:
    """The ids of the best `limit` of `opportunities` matching `parsed` well enough, best
    first; `loose`: any one concept is enough (the near matches a page with no result offers);
    `min_coverage`: and at least this much of the query held.

    Each concept's strength is computed once per candidate, in a materialised step: written
    as one expression, the coverage in the condition, the coverage in the order and the score
    would each test every pattern again."""
    plan = _plan(parsed, loose=loose)
    if plan is None:
        return []
    limit = limit or LIMIT
    concepts = parsed.concepts
    if not loose and not min_coverage:
        # When at least `limit` opportunities hold every word in their title, they are the
        # answer, newest first: none can score higher, and they all score the same. The common
        # words ("ينبع", "المدينة المنورة", in thousands of descriptions) are answered without
        # scoring thousands of rows.
        tier = _title_tier(opportunities, concepts)
        if tier is not None:
            best = _newest_in_title_tier(opportunities, concepts, limit)
            if best is None:
                best = list(tier.order_by(_newest_first()).values_list("pk", flat=True)[:limit])
            if len(best) == limit:
                return best
    strengths = {f"strength_{i}": _strength(concept) for i, concept in enumerate(concepts)}
    inner = (
        _candidates(opportunities, plan.required, plan.at_least)
        .order_by()
        .annotate(**strengths)
        .values_list("pk", *strengths)
    )
    inner_sql, params = inner.query.sql_with_params()
    column = {id(concept): f'"strength_{i}"' for i, concept in enumerate(concepts)}
    coverage = " + ".join(_coverage_of(column[id(concept)]) for concept in plan.required)
    score = " + ".join(
        f"{concept.weight * (GENERIC_WEIGHT if concept.generic else 1)!r} * {column[id(concept)]}"
        for concept in concepts
    )
    needed = max(plan.needed, min_coverage) - 1e-9
    # The query's words are in `params`; what is written here are the module's constants, the
    # concepts' weights (floats) and column names of our own.
    sql = (
        f"WITH scored AS MATERIALIZED ({inner_sql}) "  # noqa: S608
        f"SELECT pk FROM (SELECT pk, {coverage} AS coverage, {score} AS score FROM scored) AS ranked "
        f"WHERE coverage >= %s ORDER BY coverage DESC, score DESC, pk DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, needed, limit])
        return [pk for (pk,) in cursor.fetchall()]
