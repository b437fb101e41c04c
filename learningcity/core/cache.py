"""Cached read results that stay correct when the data changes, in every process.

A cached value is stored under the current *generation* of the data it was computed from: a
counter per kind of result (a CacheGeneration row). Saving or deleting a model it depends on
moves that counter on once the transaction commits, so the next read in any process — web
workers, the job worker, another machine — misses the old entry and computes afresh. Reading
the generation is one primary-key query, far cheaper than the results it guards (a catalogue
search over 50,000 opportunities, the region scorecard: bench/).

Inside a transaction that has changed the data the cache is bypassed, so a request sees its
own writes (and a test, which runs in one transaction that never commits, never reads an
entry older than its changes).

    invalidate_on("catalogue", Opportunity, Session, m2m=[Opportunity.campaigns.through])
    cached("catalogue", ("search", language, query), compute, timeout=60)
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections, models, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from learningcity.core.models import CacheGeneration

T = TypeVar("T")
KEY_PREFIX = "lc-cached"


def _pending_names() -> set[str]:
    """The names whose data the current transaction has changed (a bump waits for its
    commit). Django keeps the callbacks of savepoints rolled back out of this list, so a
    change undone is not pending any more."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return set()
    pending: set[str] = set()
    for entry in connection.run_on_commit:
        pending |= getattr(entry[1], "cache_generations", frozenset())
    return pending


def _pending(name: str) -> bool:
    return name in _pending_names()


def _increment(names: frozenset[str]) -> None:
    for name in names:
        _recent.pop(name, None)  # this process sees its own change at once
    generations = CacheGeneration.objects.filter(name__in=names)
    if generations.update(value=models.F("value") + 1) == len(names):
        return
    # A name never bumped before has no row: it starts at 1 (read as 0 until now). Another
    # process creating the same row at the same moment moved it on just as well.
    missing = names - set(generations.values_list("name", flat=True))
    CacheGeneration.objects.bulk_create(
        [CacheGeneration(name=name, value=1) for name in missing], ignore_conflicts=True
    )


def bump(*names: str) -> None:
    """Move each name's generation on when the current transaction commits (at once outside
    one), all in one query. Several changes in one transaction bump once."""
    waiting = frozenset(names) - _pending_names()
    if not waiting:
        return

    def after_commit() -> None:
        _increment(waiting)

    after_commit.cache_generations = waiting  # type: ignore[attr-defined]  # read by _pending_names
    transaction.on_commit(after_commit)


def settled_generation(name: str) -> int | None:
    """`name`'s generation, or None while the current transaction has changed data behind it:
    nothing computed now may be kept under a generation number (a rollback would give the
    number back to other data)."""
    return None if _pending(name) else generation(name)


def settled_generations(names: Iterable[str]) -> dict[str, int | None]:
    """settled_generation for many names in one query: a generation per indicator, read for
    the region scorecard's 200 (indicators/selectors/kept_series.py)."""
    names = list(names)
    pending = _pending_names()
    # One array parameter on PostgreSQL (core/lookups.py): 2,000 placeholders cost more to
    # write and parse than the look-up itself.
    found = dict(CacheGeneration.objects.filter(name__any_of=names).values_list("name", "value"))
    return {name: None if name in pending else found.get(name, 0) for name in names}


def generation(name: str) -> int:
    # Read on every kept page served (core/public_pages.py), where building the ORM query
    # cost as much as the rest of the answer: plain SQL on the primary key instead.
    connection = connections[router.db_for_read(CacheGeneration)]
    with connection.cursor() as cursor:
        cursor.execute(_GENERATION_SQL.get(connection.vendor) or _generation_sql(connection), [name])
        row = cursor.fetchone()
    return row[0] if row else 0


_GENERATION_SQL: dict[str, str] = {}

# Generations as this process last read them: name -> (value, time.monotonic() of the read).
_recent: dict[str, tuple[int, float]] = {}


def recent_generation(name: str) -> int:
    """`name`'s generation as this process read it at most GENERATION_RECENT_SECONDS ago: a
    change committed in this process shows at once, one committed in another process within
    those seconds. For anonymous visitors' kept pages (core/public_pages.py), where asking
    PostgreSQL on every answer cost as much as the rest of the answer; never for someone's own
    pages, which must show their own writes."""
    now = time.monotonic()
    reading = _recent.get(name)
    if reading is None or now - reading[1] >= settings.GENERATION_RECENT_SECONDS:
        reading = (generation(name), now)
        _recent[name] = reading
    return reading[0]


def _generation_sql(connection: Any) -> str:
    quote = connection.ops.quote_name
    meta = CacheGeneration._meta
    # Names from the model, quoted; the name looked up is a parameter.
    table, column, key = quote(meta.db_table), quote(meta.get_field("value").column), quote(meta.pk.column)
    sql = f"SELECT {column} FROM {table} WHERE {key} = %s"  # noqa: S608
    _GENERATION_SQL[connection.vendor] = sql
    return sql


def cached(name: str, key: Iterable[Any], compute: Callable[[], T], *, timeout: int = 300) -> T:
    """`compute()`'s result for `key`, computed at most once per generation of `name` in each
    cache (and again after `timeout` seconds)."""
    if _pending(name):
        return compute()
    full_key = ":".join([KEY_PREFIX, name, str(generation(name)), *map(str, key)])
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def query_key(queryset: Any, *more: Any) -> str:
    """A short key naming a queryset's rows (its SQL with the filters' values) and anything
    else that shapes a result kept per list, hashed: a long select's options, a tracker's rates."""
    return hashlib.sha256("\0".join(map(str, (queryset.query, *more))).encode()).hexdigest()


def invalidate_on(name: str, *senders: type[models.Model], m2m: Iterable[Any] = ()) -> None:
    """Bump `name` whenever one of `senders` is saved or deleted, or a many-to-many link in
    `m2m` (a `through` model) changes. Bulk writes (bulk_create, QuerySet.update) send no
    signals: code that uses them on these models calls bump() itself."""

    def changed(**kwargs: Any) -> None:
        if kwargs.get("action", "post_")[:5] == "post_":  # m2m_changed also fires before a change
            bump(name)

    for sender in senders:
        post_save.connect(
            changed, sender=sender, weak=False, dispatch_uid=f"{name}:{sender._meta.label}:save"
        )
        post_delete.connect(
            changed, sender=sender, weak=False, dispatch_uid=f"{name}:{sender._meta.label}:delete"
        )
    for through in m2m:
        m2m_changed.connect(
            changed, sender=through, weak=False, dispatch_uid=f"{name}:{through._meta.label}:m2m"
        )
