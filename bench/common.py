"""Shared pieces of the benchmarks: a Django set-up on a database of the benchmark's own,
timers that report p50/p95, and the RESULTS.md writer.

Benchmarks print each figure beside a baseline measured in the same run, as a ratio, so a
slow machine or a busy moment shifts both and the ratio stays meaningful. They are never
assertions in the test suite.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"


def setup_django(name: str) -> str:
    """Point Django at the benchmark's database — an SQLite file per data set by default, or
    with BENCH_DATABASE_URL=postgres://…/learningcity_bench a PostgreSQL database per data set
    (learningcity_bench_<name>) — and migrate it. Returns the database vendor."""
    DATA.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{DATA / name}.sqlite3"
    if url.startswith("postgres"):
        # One database per data set on the server: <given name>_<data set>.
        url = f"{url.rstrip('/')}_{name.replace('-', '_')}"
        ensure_postgres_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("LEARNINGCITY_DATA_DIR", str(DATA))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    return connection.vendor


def scale_database() -> tuple[str, float | None, str]:
    """The shared benchmark database, seeded with `learningcity seed_scale` the first time
    (BENCH_SIZE=small|regional|national, regional by default). Returns (vendor, seconds the seeding took
    or None when the data was already there, size)."""
    size = os.environ.get("BENCH_SIZE", "regional")
    vendor = setup_django(f"scale-{size}")
    from learningcity.demo.scale import seed_scale
    from learningcity.programme.models import Initiative

    seconds = None
    if not Initiative.objects.exists():
        print(f"Seeding the {size} data set (once; kept in the benchmark database)…", flush=True)
        seconds = seed_scale(size, say=lambda line: print(line, flush=True))
    # As a served process does (learningcity/wsgi.py): what is loaded now lives on, so the
    # garbage collector need not walk it on every full collection.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imported for its side effect
    gc.collect()
    gc.freeze()
    return vendor, seconds, size


def data_line(size: str, seconds: float | None) -> str:
    built = f" (seeded in {seconds:.0f} s in this run)" if seconds is not None else ""
    return f"Data: `learningcity seed_scale --size {size}`{built}."


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when it does not exist yet."""
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    server = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


@dataclass
class Timing:
    name: str
    samples: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.samples) * 1000

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] * 1000


def time_it(name: str, action: Callable[[], object], runs: int = 20, warmup: int = 2) -> Timing:
    for _ in range(warmup):
        action()
    timing = Timing(name)
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timing.samples.append(time.perf_counter() - started)
    return timing


def report(title: str, vendor: str, lines: list[str]) -> str:
    header = f"## {title} — {vendor} — {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}"
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    text = "\n".join([header, "", f"Machine: {machine}", "", *lines, ""])
    print(text)
    results = ROOT / "bench" / "RESULTS.md"
    existing = (
        results.read_text(encoding="utf-8")
        if results.exists()
        else "# Benchmark results\n\nWritten by `make bench`; newest first.\n\n"
    )
    head, _sep, rest = existing.partition("\n## ")
    body = f"{text}\n" + (f"## {rest}" if rest else "")
    results.write_text(f"{head.rstrip()}\n\n{body}", encoding="utf-8")
    return text


def row(timing: Timing, baseline: Timing) -> str:
    return (
        f"| {timing.name} | {timing.p50:.1f} | {timing.p95:.1f} | {baseline.name} | {baseline.p95:.1f} | "
        f"{timing.p95 / baseline.p95:.1f}× |"
    )


TABLE_HEAD = [
    "| Work | p50 ms | p95 ms | Baseline | baseline p95 ms | ratio (p95) |",
    "|---|---|---|---|---|---|",
]
