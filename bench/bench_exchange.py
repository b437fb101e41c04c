"""Bulk data at scale: importing 100,000 attendance rows from CSV, and exporting the attendance
sheet of every confirmed place (1,000,000 registrations), each printed as rows per second and
peak Python memory beside a baseline in the same run — a bare `executemany` UPDATE for the
import, a bare cursor + csv.writer for the export (the floor: no checks, no permissions, no
audit).

    .venv/bin/python bench/bench_exchange.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/learningcity_bench .venv/bin/python bench/bench_exchange.py
"""

from __future__ import annotations

import csv
import io
import time
import tracemalloc
from collections.abc import Callable

from common import data_line, report, scale_database

IMPORT_ROWS = 100_000


def measure(action: Callable[[], int]) -> tuple[float, int, float]:
    """(seconds, rows, peak MB) — time from one run, memory from a second, traced run."""
    started = time.perf_counter()
    rows = action()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1] / 1_048_576
    tracemalloc.stop()
    return seconds, rows, peak


def main() -> None:
    vendor, seeded, size = scale_database()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from learningcity.catalogue.models import Registration
    from learningcity.exchange.datasets import DATASETS
    from learningcity.exchange.exports import csv_lines, records
    from learningcity.exchange.imports import import_table

    manager, _ = get_user_model().objects.get_or_create(
        username="bench-manager", defaults={"role": "programme_manager"}
    )
    from django.utils import timezone

    # Attendance can only be marked for sessions that have started. A provider's file lists
    # its sessions one after the other, so the rows come session by session (~20 people each).
    registrations = list(
        Registration.objects.filter(session__starts_at__lt=timezone.now())
        .select_related("learner")
        .order_by("session_id", "pk")[:IMPORT_ROWS]
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["session", "learner_name", "mobile", "email", "attended", "completed"])
    state = {"flip": True}

    def attendance_csv() -> bytes:
        # Alternate the value on every run, so each import really changes every row.
        state["flip"] = not state["flip"]
        value = "yes" if state["flip"] else "no"
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(["session", "learner_name", "mobile", "email", "attended", "completed"])
        for registration in registrations:
            writer.writerow(
                [
                    registration.session_id,
                    registration.learner.full_name,
                    registration.learner.mobile_display,
                    "",
                    value,
                    "",
                ]
            )
        return buffer.getvalue().encode("utf-8")

    def do_import() -> int:
        result = import_table(
            dataset=DATASETS["attendance"], stream=io.BytesIO(attendance_csv()), filename="attendance.csv",
            user=manager, commit=True,
        )  # fmt: skip
        assert result.ok, result.errors[:3]
        assert result.updated == result.rows, "every row must change, or only the reading is timed"
        return result.rows

    def do_check() -> int:
        result = import_table(
            dataset=DATASETS["attendance"], stream=io.BytesIO(attendance_csv()), filename="attendance.csv",
            user=manager, commit=False,
        )  # fmt: skip
        return result.rows

    ids = [registration.pk for registration in registrations]
    # Every import must change every row it names, or it measures only the reading: start the
    # rows unmarked, whatever an earlier run left (the first import then marks them "no", the
    # next "yes", and so on).
    for start in range(0, len(ids), 10_000):
        Registration.objects.filter(pk__in=ids[start : start + 10_000]).update(attended=None)
    if vendor == "postgresql":
        # Each run leaves 300,000 dead row versions behind (the import, the check and the
        # baseline each change 100,000 rows); autovacuum clears them in its own time, and an
        # import measured on top of several runs' leftovers paid for them (3.1 → 4.8 s for the
        # update alone over three runs). Start from the table as autovacuum keeps it.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE catalogue_registration")
            cursor.execute("VACUUM ANALYZE core_auditentry")

    def bare_update() -> int:
        state["flip"] = not state["flip"]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE catalogue_registration SET attended = %s WHERE id = %s",
                [(state["flip"], pk) for pk in ids],
            )
        return len(ids)

    dataset = DATASETS["attendance"]

    def do_export() -> int:
        count = 0
        for _chunk in csv_lines(dataset, records(dataset, dataset.export_queryset(manager)), "ar"):
            count += 1
        return count - 2  # the BOM and the header

    def bare_export() -> int:
        sink = io.StringIO()
        out = csv.writer(sink)
        count = 0
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT r.session_id, l.full_name, l.mobile, u.email, r.attended, r.completed_at "
                "FROM catalogue_registration r JOIN catalogue_learner l ON l.id = r.learner_id "
                "JOIN accounts_user u ON u.id = l.user_id WHERE r.status = 'confirmed'"
            )
            while rows := cursor.fetchmany(5_000):
                for row in rows:
                    out.writerow(row)
                    count += 1
                sink.seek(0)
                sink.truncate()
        return count

    results = [
        ("import 100,000 attendance rows (CSV → checked, audited, committed)", measure(do_import)),
        ("check the same file (everything but the commit)", measure(do_check)),
        ("baseline: bare executemany UPDATE of the same rows", measure(bare_update)),
        ("export every confirmed place as CSV (streamed)", measure(do_export)),
        ("baseline: bare cursor + csv.writer of the same columns", measure(bare_export)),
    ]
    lines = [
        data_line(size, seeded),
        f"{Registration.objects.count():,} registrations; the import marks {len(registrations):,} of them.",
    ]
    lines += [
        "",
        "| Work | rows | seconds | rows/s | peak Python memory (MB) | vs baseline (rows/s) |",
        "|---|---|---|---|---|---|",
    ]
    baselines = {0: 2, 1: 2, 3: 4}
    for index, (name, (seconds, rows, peak)) in enumerate(results):
        rate = rows / seconds
        ratio = ""
        if index in baselines:
            base_seconds, base_rows, _ = results[baselines[index]][1]
            ratio = f"{rate / (base_rows / base_seconds):.2f}×"
        lines.append(f"| {name} | {rows:,} | {seconds:.1f} | {rate:,.0f} | {peak:.1f} | {ratio} |")
    report("Bulk import and export", vendor, lines)


if __name__ == "__main__":
    main()
