"""Liveness (/healthz: the database answers) and readiness (/readyz: the database and the job
queue answer) for a load balancer or an orchestrator."""

from __future__ import annotations

import time
from typing import Any

from django.db import DatabaseError, connections, models


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


# When this process last saw the database answer, per alias (time.monotonic()).
_answered_at: dict[str, float] = {}

# How long a liveness answer may lean on the last good check. Probes come every few seconds,
# but a load balancer or a benchmark may ask hundreds of times a second: asking PostgreSQL on
# each one cost more than the rest of the answer (42 % of a bare Django view, 71 % on SQLite).
LIVENESS_TRUST_SECONDS = 1.0


def recent_database_state(alias: str = "default") -> dict[str, Any]:
    """`database_state`, trusting a good answer from this process for LIVENESS_TRUST_SECONDS.
    A failure is never kept: the next probe asks again, so recovery shows at once, and an
    outage shows within the second."""
    now = time.monotonic()
    answered_at = _answered_at.get(alias)
    if answered_at is not None and now - answered_at < LIVENESS_TRUST_SECONDS:
        vendor = connections[alias].vendor
        return {"status": "ok", "vendor": vendor, "checked_ms_ago": round((now - answered_at) * 1000)}
    state = database_state(alias)
    if state["status"] == "ok":
        _answered_at[alias] = now
    else:
        _answered_at.pop(alias, None)
    return state


def job_queue_state() -> dict[str, Any]:
    """Whether background jobs can be queued and are being taken: the queue's store answers
    (the database table or Redis), with how many jobs wait and how long the oldest has waited
    (a worker that stopped shows as a growing age)."""
    from django.conf import settings
    from django.utils import timezone

    backend = settings.TASKS["default"]["BACKEND"]
    started = time.perf_counter()
    try:
        if backend.endswith("ImmediateBackend"):
            return {"status": "ok", "backend": "immediate"}
        if backend.startswith("django_tasks_db"):
            from django.db.models import Min
            from django_tasks_db.models import DBTaskResult

            waiting = DBTaskResult.objects.filter(status="READY").aggregate(
                count=models.Count("pk"), oldest=Min("enqueued_at")
            )
            oldest = waiting["oldest"]
            return {
                "status": "ok",
                "backend": "database",
                "waiting": waiting["count"],
                "abandoned": abandoned_job_count(),
                "oldest_waiting_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0,
                "latency_ms": round((time.perf_counter() - started) * 1000, 2),
            }
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
        return {
            "status": "ok",
            "backend": "rq",
            "waiting": client.llen("rq:queue:default"),
            "abandoned": abandoned_job_count(),
            "latency_ms": round((time.perf_counter() - started) * 1000, 2),
        }
    except Exception as exc:  # any failure means the queue cannot be used
        return {"status": "unavailable", "error": exc.__class__.__name__}


def abandoned_job_count() -> int:
    """Jobs still marked running whose worker is gone (core/leases.py): a worker killed
    mid-job shows here until a worker recovers the job."""
    from learningcity.core.leases import abandoned_leases

    return len(abandoned_leases())
