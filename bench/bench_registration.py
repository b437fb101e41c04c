"""500 people press "register" for a session of 100 places at the same moment: exactly 100 are
confirmed and the rest wait, whatever the interleaving. Each attempt runs the real service in
its own thread and database connection (32 at a time); printed: confirmed, waiting, failed,
attempts per second — beside the same number of plain single-row inserts in the same
threads (the floor of any registration).

On SQLite one writer goes at a time, so attempts queue on the database lock; on PostgreSQL
the row lock on the session orders them.

    .venv/bin/python bench/bench_registration.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/learningcity_bench .venv/bin/python bench/bench_registration.py
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from common import data_line, report, scale_database

ATTEMPTS = 500
PLACES = 100
THREADS = 32


def main() -> None:
    vendor, seeded, size = scale_database()
    from django.db import connections, transaction
    from django.db.models import Count
    from django.utils import timezone

    from learningcity.catalogue.models import Learner, Opportunity, Registration, Session
    from learningcity.catalogue.services.registrations import registration_create
    from learningcity.core.models import AuditEntry

    opportunity = Opportunity.objects.filter(status="published").order_by("pk").first()
    now = timezone.now()
    session = Session.objects.create(
        opportunity=opportunity, starts_at=now + dt.timedelta(days=30),
        ends_at=now + dt.timedelta(days=30, hours=2), capacity=PLACES,
    )  # fmt: skip
    learners = list(
        Learner.objects.select_related("user")
        .exclude(registrations__session=session)
        .order_by("-pk")[:ATTEMPTS]
    )
    barrier = threading.Barrier(min(THREADS, ATTEMPTS))
    failures: list[str] = []
    lock = threading.Lock()

    def attempt(learner: Learner) -> None:
        try:
            registration_create(learner=learner, session=Session.objects.get(pk=session.pk))
        except Exception as error:  # counted and reported, the point of the run
            with lock:
                failures.append(type(error).__name__)
        finally:
            connections.close_all()

    def first_wave_together(learner: Learner, index: int) -> None:
        if index < THREADS:
            barrier.wait()
        attempt(learner)

    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(first_wave_together, learners, range(len(learners))))
    seconds = time.perf_counter() - started
    statuses = dict(
        Registration.objects.filter(session=session).values_list("status").annotate(n=Count("pk")).order_by()
    )

    # Baseline: the same number of single-row inserts, one transaction each, in the same threads.
    floor_session = Session.objects.create(
        opportunity=opportunity, starts_at=session.starts_at, ends_at=session.ends_at, capacity=ATTEMPTS
    )

    def insert(learner: Learner) -> None:
        try:
            with transaction.atomic():
                Registration.objects.create(
                    learner=learner, session=floor_session, status="confirmed", confirmed_at=now
                )
        except Exception as error:
            with lock:
                failures.append("baseline " + type(error).__name__)
        finally:
            connections.close_all()

    began = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(insert, learners))
    floor_seconds = time.perf_counter() - began

    # Leave the benchmark database as it was.
    for cleanup in (session, floor_session):
        AuditEntry.objects.filter(
            object_id__in=[str(pk) for pk in cleanup.registrations.values_list("pk", flat=True)]
        ).delete()
        cleanup.registrations.all().delete()
        cleanup.delete()

    confirmed = statuses.get("confirmed", 0)
    lines = [
        data_line(size, seeded),
        f"{len(learners)} attempts on a session of {PLACES} places, {THREADS} threads (each its own connection).",
        "",
        "| Work | confirmed | waiting list | failed | seconds | attempts/s | vs baseline |",
        "|---|---|---|---|---|---|---|",
        f"| concurrent registrations (service: row lock, checks, audit, notification) | {confirmed} | "
        f"{statuses.get('waitlisted', 0)} | {len([f for f in failures if not f.startswith('baseline')])} | {seconds:.1f} | "
        f"{len(learners) / seconds:.0f} | {(len(learners) / seconds) / (len(learners) / floor_seconds):.2f}× |",
        f"| baseline: single-row inserts, one transaction each | | | {len([f for f in failures if f.startswith('baseline')])} | "
        f"{floor_seconds:.1f} | {len(learners) / floor_seconds:.0f} | |",
        "",
        f"Exactly {PLACES} confirmed: {'yes' if confirmed == PLACES else 'NO'}."
        + (f" Failures: {sorted(set(failures))}." if failures else ""),
    ]
    report("Concurrent registrations", vendor, lines)


if __name__ == "__main__":
    main()
