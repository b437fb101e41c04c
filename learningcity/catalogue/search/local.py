"""A value kept in this process and rebuilt when what it is built from changes.

The search keeps three such values (the vocabulary, the thesaurus, the embeddings' matrix):
each is expensive to build and cheap to check. `version()` is a small query that changes
whenever the data behind the value does (a row count and the latest change, so a rolled-back
test or a bulk write moves it too); it runs at most once every SEARCH_LOCAL_REFRESH_SECONDS,
so a busy process does not ask the database on every search.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.conf import settings

T = TypeVar("T")


class LocalValue(Generic[T]):
    def __init__(self, version: Callable[[], Any], build: Callable[[T | None, Any], T]) -> None:
        self._version = version
        self._build = build  # (the previous value or None, its version) → the new value
        self._lock = threading.Lock()
        self._value: T | None = None
        self._key: Any = None
        self._checked_at = float("-inf")

    def get(self) -> T:
        refresh = settings.SEARCH_LOCAL_REFRESH_SECONDS
        with self._lock:
            now = time.monotonic()
            if self._value is None or now - self._checked_at >= refresh:
                key = self._version()
                if key is None:
                    return self._build(self._value, self._key)
                if self._value is None or key != self._key:
                    self._value = self._build(self._value, self._key)
                    self._key = key
                self._checked_at = now
            return self._value

    def forget(self) -> None:
        with self._lock:
            self._value = None
