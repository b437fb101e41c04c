"""The public catalogue page over HTTP: gunicorn with 2 workers on the scale data set, 20
concurrent clients for a fixed time, requests per second and latency — beside the same server
answering a bare Django view (/healthz) the same way.

    .venv/bin/python bench/bench_http.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/learningcity_bench .venv/bin/python bench/bench_http.py
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from urllib.parse import quote

from common import DATA, ROOT, data_line, report, scale_database

CLIENTS = 20
SECONDS = 20
WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load(base: str, paths: list[str]) -> tuple[float, list[float], int]:
    """CLIENTS threads request the paths in turn for SECONDS: (requests/s, latencies, errors)."""
    latencies: list[float] = []
    errors = [0]
    stop = time.perf_counter() + SECONDS
    lock = threading.Lock()

    def client(offset: int) -> None:
        index = offset
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(base + paths[index % len(paths)], timeout=30) as response:  # noqa: S310 — our own server on 127.0.0.1
                    response.read()
                    ok = response.status == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1
            index += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies) / (time.perf_counter() - began), latencies, errors[0]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))] * 1000 if ordered else float("nan")


def main() -> None:
    vendor, seeded, size = scale_database()
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "LEARNINGCITY_DATA_DIR": str(DATA),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "learningcity.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()  # noqa: S310 — our own server
                break
            except OSError:
                time.sleep(0.2)
        queries = [
            "",
            "?q=" + quote("الإسعافات الأولية"),
            "?q=" + quote("لغه الاشاره"),
            "?q=" + quote("ينبع"),
        ]
        catalogue_paths = [f"/ar/opportunities/{q}" for q in queries]
        load(base, catalogue_paths[:1])  # warm both workers
        bare_rate, bare_latency, bare_errors = load(base, ["/healthz"])
        rate, latency, errors = load(base, catalogue_paths)
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = [
        data_line(size, seeded),
        f"gunicorn, {WORKERS} workers, {CLIENTS} concurrent clients for {SECONDS} s each.",
        "",
        "| Work | requests/s | p50 ms | p95 ms | errors | vs bare view (requests/s) |",
        "|---|---|---|---|---|---|",
        f"| public catalogue page /ar/opportunities/ (browse and 3 Arabic searches) | {rate:.1f} | "
        f"{statistics.median(latency) * 1000:.0f} | {p95(latency):.0f} | {errors} | {rate / bare_rate:.2f}× |",
        f"| baseline: bare Django view /healthz | {bare_rate:.1f} | {statistics.median(bare_latency) * 1000:.0f} | "
        f"{p95(bare_latency):.0f} | {bare_errors} | |",
    ]
    report("Public catalogue over HTTP", vendor, lines)


if __name__ == "__main__":
    main()
