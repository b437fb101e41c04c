"""Passage vectors computed by one process are reused by another (and by a fresh database)
from the store on disk, never computed twice; a damaged file is computed again."""

from __future__ import annotations

import numpy as np
import pytest

from learningcity.catalogue.search import passage_cache, semantic
from tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(settings, tmp_path, monkeypatch):
    settings.SEARCH_EMBEDDING_CACHE_DIR = str(tmp_path / "embeddings")
    monkeypatch.setattr(semantic, "_RECENT_PASSAGES", {})
    return tmp_path / "embeddings"


def _as_another_process(monkeypatch) -> list[list[str]]:
    """Forget what this process computed, and count what it computes from now on."""
    computed: list[list[str]] = []
    real = semantic.embed_passages

    def counting(texts):
        computed.append(texts)
        return real(texts)

    monkeypatch.setattr(semantic, "_RECENT_PASSAGES", {})
    monkeypatch.setattr(semantic, "embed_passages", counting)
    return computed


def test_another_process_reuses_the_vectors_kept_on_disk(store, monkeypatch):
    reading = OpportunityFactory(title_ar="نادي القراءة للكبار", title_en="", description_ar="")
    semantic.embed_opportunities([reading])
    first = reading.embedding.vector
    reading.embedding.delete()  # a fresh database
    computed = _as_another_process(monkeypatch)
    again = OpportunityFactory(title_ar="نادي القراءة للكبار", title_en="", description_ar="")
    assert semantic.embed_opportunities([again]) == 1
    assert computed == []
    assert semantic.OpportunityEmbedding.objects.get().vector == first
    assert len(list(store.rglob("*.f32"))) == 1


def test_a_damaged_vector_file_is_computed_again(store, monkeypatch):
    cooking = OpportunityFactory(title_ar="فنون الطهي", title_en="", description_ar="")
    semantic.embed_opportunities([cooking])
    expected = np.frombuffer(cooking.embedding.vector, dtype=np.float32)
    (kept,) = store.rglob("*.f32")
    kept.write_bytes(kept.read_bytes()[:100])  # cut short, as by a full disk
    cooking.embedding.delete()
    computed = _as_another_process(monkeypatch)
    semantic.embed_opportunities([OpportunityFactory(title_ar="فنون الطهي", title_en="", description_ar="")])
    assert len(computed) == 1
    assert np.allclose(np.frombuffer(kept.read_bytes(), dtype=np.float32), expected)


def test_vectors_of_another_engine_version_are_not_read(store, monkeypatch):
    sewing = OpportunityFactory(title_ar="الخياطة والتفصيل", title_en="", description_ar="")
    semantic.embed_opportunities([sewing])
    sewing.embedding.delete()
    monkeypatch.setattr(passage_cache, "_engine_version", lambda: "0.0.0-other")
    computed = _as_another_process(monkeypatch)
    semantic.embed_opportunities(
        [OpportunityFactory(title_ar="الخياطة والتفصيل", title_en="", description_ar="")]
    )
    assert len(computed) == 1
    assert len(list(store.iterdir())) == 2  # one folder per engine version


def test_no_folder_keeps_nothing(settings, store, monkeypatch):
    settings.SEARCH_EMBEDDING_CACHE_DIR = ""
    semantic.embed_opportunities([OpportunityFactory(title_ar="الخط العربي", title_en="", description_ar="")])
    assert not store.exists()
