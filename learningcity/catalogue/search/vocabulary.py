"""The words the published catalogue holds, with how many opportunities hold each: the
weights of a query's words (rare words count more) and the fuzzy fallback's dictionary.

Built in each process from the index columns and rebuilt when the published catalogue
changes (search/local.py): a word published a moment ago is searchable at once (the database
answers that); only its weight and its place in "did you mean" wait for the next check.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from learningcity.catalogue.models import Opportunity, OpportunityStatus
from learningcity.catalogue.search import CATALOGUE_CACHE
from learningcity.catalogue.search.local import LocalValue
from learningcity.core.cache import settled_generation
from learningcity.core.morphology import phonetic_key

# Words this short are never corrected: a one-letter change makes another common word. A word
# of FOUR letters is corrected only to one that differs by confusable letters (زكاء → ذكاء) or
# by a long vowel, which loanwords are written with and without (بريل → برايل).
MIN_FUZZY_LENGTH = 4
ANY_EDIT_LENGTH = 5
_LONG_VOWELS = str.maketrans("", "", "اوي")


def _skeleton(key: str) -> str:
    return key.translate(_LONG_VOWELS)


@dataclass
class Vocabulary:
    documents: int = 0
    frequency: dict[str, int] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)  # sorted, for prefix look-ups
    by_length: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # (phonetic key, word)
    root_frequency: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, documents: list[tuple[str, str]]) -> Vocabulary:
        """From (index terms, roots) of each opportunity."""
        counts: Counter[str] = Counter()
        roots: Counter[str] = Counter()
        for terms, root_terms in documents:
            counts.update(set(terms.split()))
            roots.update(set(root_terms.split()))
        by_length: dict[int, list[tuple[str, str]]] = {}
        for word in counts:
            by_length.setdefault(len(word), []).append((phonetic_key(word), word))
        return cls(
            documents=len(documents), frequency=dict(counts), words=sorted(counts), by_length=by_length,
            root_frequency=dict(roots),
        )  # fmt: skip

    def holds(self, term: str, *, prefix: bool) -> int:
        """How many opportunities hold `term` (as a word prefix when `prefix`), at most the
        count of the commonest matching word (an estimate that never exceeds the truth much)."""
        if not prefix:
            return self.frequency.get(term, 0)
        start = bisect.bisect_left(self.words, term)
        best = 0
        for word in self.words[start : start + 200]:
            if not word.startswith(term):
                break
            best = max(best, self.frequency[word])
        return best

    def weight(self, frequency: int) -> float:
        """BM25's inverse document frequency: 0 for a word in every opportunity, about 7 for a
        word in one of a thousand."""
        n = max(self.documents, 1)
        return math.log(1 + (n - frequency + 0.5) / (frequency + 0.5))

    def nearest(self, term: str) -> str | None:
        """The catalogue's word within one edit of `term` (two for words of eight letters or
        more; a word of four letters only by confusable letters or a long vowel): first one that
        differs only by letters dialects and typing confuse (ز/ذ/ظ/ض, ق/ج/غ, ث/س/ص, ت/ط), then
        the fewest edits, then the commonest."""
        if len(term) < MIN_FUZZY_LENGTH:
            return None
        key = phonetic_key(term)
        limit = 1 if len(term) < 8 else 2
        best: tuple[int, int, int, str] | None = None
        for length in range(len(term) - limit, len(term) + limit + 1):
            for other_key, word in self.by_length.get(length, ()):
                distance = Levenshtein.distance(term, word, score_cutoff=limit)
                if distance > limit:
                    continue
                sounds = Levenshtein.distance(key, other_key)
                if sounds and len(term) < ANY_EDIT_LENGTH and _skeleton(key) != _skeleton(other_key):
                    continue
                candidate = (sounds, distance, -self.frequency[word], word)
                if best is None or candidate < best:
                    best = candidate
        return best[3] if best else None


def _version() -> int | None:
    # The catalogue's cache generation moves with every committed change to opportunities.
    return settled_generation(CATALOGUE_CACHE)


def _build(_previous: Vocabulary | None, _version: object) -> Vocabulary:
    rows = Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED).values_list(
        "search_title", "search_body", "search_roots"
    )
    return Vocabulary.build(
        [(f"{title} {body}", roots) for title, body, roots in rows.iterator(chunk_size=5000)]
    )


_vocabulary = LocalValue(_version, _build)
vocabulary = _vocabulary.get
forget = _vocabulary.forget
