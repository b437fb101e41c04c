"""Liveness of the platform's database, for /healthz."""

from __future__ import annotations

import time
from typing import Any

from django.db import DatabaseError, connections


def database_state(alias: str = "default") -> dict[str, Any]:
    connection = connections[alias]
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"status": "unavailable", "vendor": connection.vendor, "error": exc.__class__.__name__}
    return {
        "status": "ok",
        "vendor": connection.vendor,
        "latency_ms": round((time.perf_counter() - started) * 1000, 2),
    }
