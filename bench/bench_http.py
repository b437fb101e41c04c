"""Public pages over HTTP, measured the way the limit is measured: `wrk` (2 threads, 20
connections, 15 s a page) against gunicorn with 2 workers and production settings, beside a
bare Django view in its own process (bench/bare_django.py) served the same way, in the same run.
Requests/s, p50 and p99 latency, and each page's share of the bare view's requests/s.

    .venv/bin/python bench/bench_http.py                       # SQLite, the regional data set
    BENCH_DATA=demo .venv/bin/python bench/bench_http.py       # the demo data
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/learningcity_bench .venv/bin/python bench/bench_http.py

wrk is Debian's package; the bench installs it when it is missing and it runs as root."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote

from common import DATA, ROOT, data_line, report, scale_database, setup_django

THREADS, CONNECTIONS, SECONDS, WORKERS = 2, 20, 15, 2


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if not found and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
        found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is needed: apt-get install wrk")
    return found


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn(app: str, env: dict[str, str], chdir: str) -> tuple[str, subprocess.Popen]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
         "--log-level", "warning", "--chdir", chdir],
        env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/", timeout=2).read()  # noqa: S310 - our own server
            return base, process
        except urllib.error.HTTPError:
            return base, process  # it answers
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"{app} did not start")


def wrk(binary: str, url: str) -> dict[str, float]:
    """One wrk run: requests/s, p50 and p99 in ms, and non-2xx/3xx answers."""
    out = subprocess.run(
        [binary, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip

    def ms(label: str) -> float:
        value, unit = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50%"),
        "p99": ms("99%"),
        "errors": float(errors.group(1)) if errors else 0.0,
    }


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "bench-only-secret-key-bench-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CREDENTIAL_SIGNING_KEY": "ZmFrZS1iZW5jaC1rZXktMzItYnl0ZXMtbG9uZy0tLS0",
        # Plain HTTP on loopback: no TLS proxy in front of it here.
        "SECURE_SSL_REDIRECT": "false",
        "BEHIND_TLS_PROXY": "false",
        "LEARNINGCITY_DATA_DIR": str(DATA),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def public_pages() -> list[tuple[str, str]]:
    """The other public pages, at addresses the data set has: an opportunity, a campaign, the
    success stories and open data."""
    from learningcity.catalogue.models import Campaign, Opportunity
    from learningcity.collaboration.models import ReviewStatus, Story

    pages = [("stories", "/ar/stories/"), ("open data", "/ar/open-data/")]
    opportunity = Opportunity.objects.filter(status="published").order_by("pk").first()
    if opportunity:
        pages.insert(0, ("an opportunity", f"/ar/opportunities/{opportunity.pk}/"))
    campaign = Campaign.objects.order_by("pk").first()
    if campaign:
        pages.insert(1, ("a campaign", f"/ar/campaigns/{campaign.slug}/"))
    story = Story.objects.filter(status=ReviewStatus.PUBLISHED).order_by("pk").first()
    if story:
        pages.append(("a success story", f"/ar/stories/{story.pk}/"))
    return pages


def main() -> None:
    binary = ensure_wrk()
    if os.environ.get("BENCH_DATA") == "demo":
        vendor = setup_django("demo")
        from django.core.management import call_command

        from learningcity.catalogue.models import Opportunity

        if not Opportunity.objects.exists():
            call_command("load_demo", verbosity=0)
        data = "Data: the demo (`learningcity load_demo`)."
    else:
        vendor, seeded, size = scale_database()
        data = data_line(size, seeded)
    env = environment()
    env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    # Production serves hashed static files from the manifest collectstatic writes.
    subprocess.run(
        [sys.executable, "-m", "learningcity.manage", "collectstatic", "--noinput", "-v", "0"],
        env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    bare, bare_process = gunicorn(
        "bare_django:application", {**os.environ, "PYTHONPATH": str(ROOT)}, str(ROOT / "bench")
    )
    platform, platform_process = gunicorn("learningcity.wsgi:application", env, str(ROOT))
    pages = [
        ("bare Django 5.2 view, no database (own process)", bare + "/"),
        ("`/healthz`", platform + "/healthz"),
        ("`/ar/` (home)", platform + "/ar/"),
        ("`/ar/opportunities/` (browse)", platform + "/ar/opportunities/"),
        ("`/ar/opportunities/?q=برمجة` (search)", platform + "/ar/opportunities/?q=" + quote("برمجة")),
        ("`/en/opportunities/` (browse)", platform + "/en/opportunities/"),
        *[(f"`{path}` ({what})", platform + path) for what, path in public_pages()],
    ]
    try:
        for _name, url in pages:  # warm every worker and cache once
            subprocess.run([binary, "-t1", "-c4", "-d2s", url], check=True, capture_output=True)
        results = [(name, wrk(binary, url)) for name, url in pages]
    finally:
        for process in (bare_process, platform_process):
            process.terminate()
            process.wait(timeout=30)
    limit = results[0][1]["rate"]
    lines = [
        data,
        f"wrk {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s a page; gunicorn {WORKERS} workers each; "
        "production settings (DJANGO_ENV=production, plain HTTP on loopback).",
        "",
        "| Page | requests/s | p50 ms | p99 ms | errors | share of the bare view |",
        "|---|---|---|---|---|---|",
        *[
            f"| {name} | {r['rate']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']:.0f} | {r['rate'] / limit:.1%} |"
            for name, r in results
        ],
    ]
    report("Public pages over HTTP (wrk)", vendor, lines)


if __name__ == "__main__":
    main()
