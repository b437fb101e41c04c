"""Running calls at the same moment, for the tests that prove a write path holds under
concurrent requests (on PostgreSQL: SQLite serialises writers)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections


def at_the_same_moment(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run each call in its own thread, all released together; returns what each returned, or
    the exception it raised, in the order the calls were given. Each thread closes its own
    database connections (Django opens one per thread)."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = calls[index]()
        except Exception as error:  # handed back to the test to judge
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
