"""What a typed query asks for: its concepts, each with the index terms that match it.

A concept is one word of the query, or a phrase the thesaurus knows ("إسعافات أولية",
"first aid"). It matches an opportunity through
- its own index term (core.morphology.index_terms: light stem, broken plural folded),
- the other members of its thesaurus group (كمبيوتر finds حاسب; AI finds الذكاء الاصطناعي),
- its ISRI root, with a lower weight (تحفيظ finds حفظ; مصور finds التصوير),
- a correction from the catalogue's own words when the word is unknown (بايثن → بايثون).

Stop words are dropped; generic words (دورة، برنامج، كورس، ورشة، تعلم، course…) are kept
but optional, so "دورة اسعافات اولية للاطفال" asks only for first aid and children.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from learningcity.catalogue.search.thesaurus import Thesaurus
from learningcity.catalogue.search.vocabulary import Vocabulary
from learningcity.core.arabic import normalize_letters, search_terms
from learningcity.core.morphology import fold_term, index_terms, root_of

# A query is cut to this many characters and terms: enough for any real search, and a pasted
# essay cannot turn into hundreds of conditions.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 8

# fmt: off
_STOP_WORDS = (
    "في من على الى إلى عن مع او أو ثم هل ما ماذا كيف وين أين فين لي لنا هذا هذه ذلك التي الذي "
    "اللي عند بعد قبل حول كل بين ابي أبي ابغى ابغا أبغى ابغي ودي أريد اريد نريد يريد ابحث أبحث "
    "ابدا أبدأ ابدأ عبر خلال "
    "a an the of for in on to and or with at by from how what where want need my me i near "
)
_GENERIC_WORDS = (
    "دورة دورات كورس كورسات برنامج برامج ورشة ورش تعلم أتعلم اتعلم نتعلم تعليم تدريب تدريبية "
    "تدريبي دروس درس حصص حصة مهارات مهارة فرصة فرص محاضرة محاضرات لقاء جلسة جلسات "
    "مبتدئين للمبتدئين مجاني مجانية مجانا "
    "course courses class classes training workshop workshops lesson lessons learn learning "
    "program programme beginner beginners free online"
)
# fmt: on
STOP_TERMS = frozenset(index_terms(_STOP_WORDS)) | frozenset(search_terms(_STOP_WORDS))
GENERIC_TERMS = frozenset(index_terms(_GENERIC_WORDS))


def matches_as_prefix(term: str) -> bool:
    """Whether `term` matches the words it begins (برمج → برمجه) or only itself: a short Latin
    term as a prefix finds unrelated words ("ai" in "aid"), and so does a two-letter stem."""
    if term.isascii():
        return len(term) >= 4 and not term.isdigit()
    return len(term) >= 3


@dataclass
class Concept:
    text: str  # what the person typed for it, for "did you mean"
    terms: tuple[str, ...]  # index terms or phrases ("a b") that match it fully
    related: tuple[str, ...] = ()  # thesaurus members: match nearly as well
    roots: tuple[str, ...] = ()  # ISRI roots: a weaker match
    generic: bool = False
    corrected: str = ""  # the catalogue's word used instead of an unknown one
    weight: float = 1.0
    known: bool = True  # the catalogue holds at least one of its terms


@dataclass
class ParsedQuery:
    terms: list[str] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    truncated: bool = False
    # Something was typed but nothing searchable was in it (only symbols or punctuation).
    unsearchable: bool = False
    # The query with unknown words replaced by the catalogue's nearest ones, when any were.
    suggestion: str = ""

    @property
    def required(self) -> list[Concept]:
        return [concept for concept in self.concepts if not concept.generic]


def _cut(query: str) -> tuple[str, bool]:
    cut = query[:MAX_QUERY_CHARS]
    if len(query) > MAX_QUERY_CHARS and not query[MAX_QUERY_CHARS].isspace() and len(cut.split()) > 1:
        cut = cut.rsplit(None, 1)[0]  # do not search for half of a word cut at the limit
    return cut, len(query) > MAX_QUERY_CHARS


def parse_query(
    query: str | None, *, thesaurus: Thesaurus | None = None, vocabulary: Vocabulary | None = None
) -> ParsedQuery:
    query = (query or "").strip()
    if not query:
        return ParsedQuery()
    cut, truncated = _cut(query)
    words = [word for word in normalize_letters(cut).split() if search_terms(word)]
    # Each word gives one term (core.arabic splits on what is not a letter or digit; a word
    # like "e-learning" gives two, kept together as one phrase-like concept below).
    pairs = [(word, index_terms(word)) for word in words]
    terms = [term for _word, word_terms in pairs for term in word_terms]
    unique_terms = list(dict.fromkeys(terms))
    truncated = truncated or len(unique_terms) > MAX_QUERY_TERMS
    parsed = ParsedQuery(terms=unique_terms[:MAX_QUERY_TERMS], truncated=truncated, unsearchable=not terms)
    if parsed.unsearchable:
        return parsed
    parsed.concepts = _concepts(pairs, thesaurus or Thesaurus.empty())
    parsed.concepts = _unique(parsed.concepts)[:MAX_QUERY_TERMS]
    if vocabulary is not None:
        _weigh_and_correct(parsed, vocabulary)
    return parsed


def _concepts(pairs: list[tuple[str, list[str]]], thesaurus: Thesaurus) -> list[Concept]:
    concepts: list[Concept] = []
    position = 0
    sequence = [term for _word, word_terms in pairs for term in word_terms]
    owners = [word for word, word_terms in pairs for _term in word_terms]
    while position < len(sequence):
        found = thesaurus.longest_match(sequence, position)
        if found:
            length, members = found
            text = " ".join(dict.fromkeys(owners[position : position + length]))
            phrase = " ".join(sequence[position : position + length])
            related = tuple(member for member in members if member != phrase)
            roots = tuple(r for r in (root_of(w) for w in text.split()) if r) if length == 1 else ()
            # A generic word keeps its place as generic even when the thesaurus knows it
            # (كورس = دورة = course).
            generic = phrase in GENERIC_TERMS
            concepts.append(
                Concept(text=text, terms=(phrase,), related=related, roots=roots, generic=generic)
            )
            position += length
            continue
        term, word = sequence[position], owners[position]
        position += 1
        if term in STOP_TERMS:
            continue
        root = root_of(word) if not term.isascii() else ""
        concepts.append(
            Concept(text=word, terms=(term,), roots=(root,) if root else (), generic=term in GENERIC_TERMS)
        )
    if concepts and all(concept.generic for concept in concepts):
        # Only generic words ("دورات", "courses"): they are what was asked for.
        for concept in concepts:
            concept.generic = False
    return concepts


def _unique(concepts: list[Concept]) -> list[Concept]:
    seen: set[tuple[str, ...]] = set()
    unique = []
    for concept in concepts:
        if concept.terms not in seen:
            seen.add(concept.terms)
            unique.append(concept)
    return unique


def _weigh_and_correct(parsed: ParsedQuery, vocabulary: Vocabulary) -> None:
    corrected_words = {}
    for concept in parsed.concepts:
        alternatives = concept.terms + concept.related
        frequency = max(_frequency(vocabulary, term) for term in alternatives)
        if not frequency and len(concept.terms[0].split()) == 1 and not concept.related:
            nearest = vocabulary.nearest(concept.terms[0])
            if nearest:
                concept.corrected = nearest
                concept.terms = (*concept.terms, nearest)
                root = root_of(nearest)
                concept.roots = (*concept.roots, root) if root else concept.roots
                frequency = vocabulary.holds(nearest, prefix=False)
                corrected_words[concept.text] = nearest
        if not frequency and concept.roots:
            frequency = max(vocabulary.root_frequency.get(root, 0) for root in concept.roots)
        concept.known = frequency > 0
        concept.weight = vocabulary.weight(frequency) if frequency else vocabulary.weight(1)
    if corrected_words:
        parsed.suggestion = " ".join(
            corrected_words.get(concept.text, concept.text) for concept in parsed.concepts
        )


def _frequency(vocabulary: Vocabulary, phrase: str) -> int:
    # A phrase is as rare as its rarest word (an upper bound on how often the phrase occurs).
    words = phrase.split()
    return min(vocabulary.holds(word, prefix=matches_as_prefix(word)) for word in words)


__all__ = ["Concept", "ParsedQuery", "fold_term", "matches_as_prefix", "parse_query"]
