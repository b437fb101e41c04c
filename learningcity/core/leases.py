"""Jobs that survive the death of the worker running them.

A job the user waits for (an import, an export) holds a lease while it runs: which host and
process run it, refreshed by a heartbeat. A worker killed with `kill -9`, or a machine lost,
leaves its lease behind, and nothing else would ever tell that the job will not finish — the
queue's own record says RUNNING forever and the user's progress page spins.

`recover_abandoned_jobs()` (run by every worker as it starts and then every
JOB_LEASE_CHECK_SECONDS) finds the leases whose process is gone and hands each job back to
the app that owns it: retried, for the jobs that are all-or-nothing and so safe to run again,
up to JOB_ATTEMPTS runs in all; otherwise failed, with a reason the user is shown.

A process is gone when, on the same host, no process has its number and start time; on
another host (no way to ask), when its heartbeat is older than JOB_LEASE_TIMEOUT_SECONDS. The
heartbeat is written by a thread on its own database connection, outside the job's
transaction; on SQLite a long import holds the only write lock, so the heartbeat waits or
skips a beat there — which is why the same-host test asks the kernel instead.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from learningcity.core.models import JobLease

logger = logging.getLogger(__name__)

HOST = socket.gethostname()


@dataclass(frozen=True)
class Recovery:
    """What the app that owns a kind of job does with one whose worker died: `retry(object_id,
    attempt)` puts it on the queue again (None: the job is not safe to run twice), `fail(object_id,
    attempts)` marks it failed in words its user reads."""

    fail: Callable[[int, int], None]
    retry: Callable[[int, int], None] | None = None


RECOVERIES: dict[str, Recovery] = {}


def register(
    kind: str, *, fail: Callable[[int, int], None], retry: Callable[[int, int], None] | None = None
) -> None:
    RECOVERIES[kind] = Recovery(fail=fail, retry=retry)


def process_start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux /proc), "" where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # The command name (field 2) may hold spaces and parentheses: count from the last ")".
    fields = stat[stat.rindex(")") + 2 :].split()
    return fields[19]  # field 22 of the whole line: starttime


def _process_state(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat[stat.rindex(")") + 2 :].split()[0]


def process_alive(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, run by another user
        pass
    if _process_state(pid) in ("Z", "X"):  # killed, not yet reaped by its parent
        return False
    return not started or process_start_time(pid) in ("", started)


def abandoned(lease: JobLease) -> bool:
    if lease.host == HOST:
        return not process_alive(lease.pid, lease.process_started)
    return lease.heartbeat_at < timezone.now() - timedelta(seconds=settings.JOB_LEASE_TIMEOUT_SECONDS)


def _beat(lease_pk: int, stop: threading.Event) -> None:
    try:
        while not stop.wait(settings.JOB_HEARTBEAT_SECONDS):
            try:
                JobLease.objects.filter(pk=lease_pk).update(heartbeat_at=timezone.now())
            except DatabaseError:  # SQLite's write lock held by the job: skip this beat
                logger.debug("job lease %s: heartbeat skipped", lease_pk, exc_info=True)
    finally:
        connection.close()  # the thread's own connection


@contextmanager
def leased(kind: str, object_id: int, *, attempt: int = 1, task_result_id: str = "") -> Iterator[JobLease]:
    """Hold the lease of one job while the block runs it."""
    pid = os.getpid()
    lease, _ = JobLease.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "attempt": attempt,
            "task_result_id": task_result_id,
            "host": HOST,
            "pid": pid,
            "process_started": process_start_time(pid),
            "heartbeat_at": timezone.now(),
        },
    )
    stop = threading.Event()
    heartbeat = threading.Thread(target=_beat, args=(lease.pk, stop), name=f"lease-{lease.pk}", daemon=True)
    heartbeat.start()
    try:
        yield lease
    finally:
        stop.set()
        heartbeat.join()
        JobLease.objects.filter(pk=lease.pk, pid=pid).delete()


def abandoned_leases() -> list[JobLease]:
    return [lease for lease in JobLease.objects.order_by("started_at") if abandoned(lease)]


def _close_task_result(lease: JobLease) -> None:
    """The database queue's record of the run says RUNNING with no end: close it as failed,
    so the queue's own admin and pruning see what happened. (RQ moves a job whose worker
    stopped to its failed registry by itself.)"""
    if not lease.task_result_id or not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=lease.task_result_id, status="RUNNING").update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="learningcity.core.leases.WorkerStopped",
        traceback=f"The worker process {lease.pid} on {lease.host} stopped while running this job.",
    )


def recover_abandoned_jobs() -> list[tuple[JobLease, str]]:
    """Retry or fail every job whose worker died; returns each with what was done."""
    done = []
    for lease in abandoned_leases():
        with transaction.atomic():
            # Whoever deletes the lease recovers the job: two workers starting at once
            # do not both retry it.
            if not JobLease.objects.filter(pk=lease.pk, pid=lease.pid, host=lease.host).delete()[0]:
                continue
            _close_task_result(lease)
            recovery = RECOVERIES.get(lease.kind)
            if recovery is None:
                outcome = "forgotten"
            elif recovery.retry is not None and lease.attempt < settings.JOB_ATTEMPTS:
                transaction.on_commit(partial(recovery.retry, lease.object_id, lease.attempt + 1))
                outcome = "retried"
            else:
                recovery.fail(lease.object_id, lease.attempt)
                outcome = "failed"
        logger.warning("job %s %s: its worker %s:%s stopped; %s", lease.kind, lease.object_id,
                       lease.host, lease.pid, outcome)  # fmt: skip
        done.append((lease, outcome))
    return done


def watch(stop: threading.Event) -> None:
    """Recover abandoned jobs every JOB_LEASE_CHECK_SECONDS until `stop` is set (the worker's
    own thread beside the queue's loop)."""
    try:
        while not stop.wait(settings.JOB_LEASE_CHECK_SECONDS):
            try:
                recover_abandoned_jobs()
            except DatabaseError:
                logger.warning("job lease check failed; trying again later", exc_info=True)
    finally:
        connection.close()
