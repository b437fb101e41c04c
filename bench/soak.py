"""Soak test: 50 simulated people use the platform for 10 minutes against gunicorn (4 workers)
and a job worker on PostgreSQL on loopback, on the regional data set.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/learningcity_bench .venv/bin/python bench/soak.py
    ... bench/soak.py --minutes 2 --users 20        (a shorter run)

Who they are (each waits 0.5–1.5 s between steps, as a person reading would):
- browsers (40 %): the home page, the catalogue, an opportunity's page;
- searchers (30 %): Arabic searches with spelling variants, then a result;
- learners (20 %): signed in; open an opportunity, take a place, look at "my learning", give
  the place back (so places never run out);
- partner systems (10 %): the API's opportunity, session and registration lists with a token.

Printed and prepended to bench/RESULTS.md: requests served, errors by kind, p50/p95/p99 per
kind, the last minute's p95 beside the first minute's (the baseline: does it slow down?), and
the web processes' memory (RSS of gunicorn's workers) at start, after the first minute and at
the end. tests/test_soak.py runs a bounded version (seconds, not minutes) in the suite.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "الإسعافات الأولية",
    "لغه الاشاره",
    "اللغة الإنجليزية",
    "برمجه",
    "ينبع",
    "مهارات",
    "الحاسب",
    "قراءة",
]
LEARNER_PASSWORD = "soak-learner-password-7Qx"  # noqa: S105 - accounts made for the soak only
MIX = (("browser", 0.4), ("searcher", 0.3), ("learner", 0.2), ("partner", 0.1))


@dataclass
class Plan:
    """What the simulated people need: ids to visit, accounts, a token."""

    opportunities: list[int]
    sessions: list[tuple[int, int]]  # (opportunity id, session id) with places left
    learners: list[str]
    token: str


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # (seconds since start, kind, latency) for the first/last minute comparison
    timeline: list[tuple[float, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, started: float, elapsed: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            if ok:
                self.latencies[kind].append(elapsed)
                self.timeline.append((started, elapsed))
            else:
                self.errors[f"{kind}: {detail}"] += 1

    @property
    def served(self) -> int:
        return sum(len(values) for values in self.latencies.values())

    @property
    def failed(self) -> int:
        return sum(self.errors.values())


# --- Data ------------------------------------------------------------------------------------


def prepare(learners: int) -> Plan:
    """Accounts and ids for the run (inside a Django set-up on the target database). Idempotent:
    the soak's learner accounts are made once; a new read token every run."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from learningcity.accounts.models import Role
    from learningcity.catalogue.models import Learner, Opportunity, Session
    from learningcity.core.models import Governorate
    from learningcity.exchange.tokens import token_create
    from learningcity.partners.models import Coordinator

    now = timezone.now()
    sessions = list(
        Session.objects.filter(
            opportunity__status="published", starts_at__gt=now, status="scheduled", capacity__gte=20
        )
        .filter(opportunity__audience_sex="everyone", audience_sex__in=["", "everyone"])
        .order_by("pk")
        .values_list("opportunity_id", "pk")[:300]
    )
    opportunities = list(
        Opportunity.objects.filter(status="published").order_by("-pk").values_list("pk", flat=True)[:2000]
    )
    User = get_user_model()
    governorate = Governorate.objects.order_by("pk").first()
    names = []
    for number in range(learners):
        username = f"soak-learner-{number}"
        user, created = User.objects.get_or_create(username=username, defaults={"role": Role.LEARNER})
        if created:
            user.set_password(LEARNER_PASSWORD)
            user.save()
            Learner.objects.create(
                user=user, full_name=f"متعلم اختبار التحمل {number}", sex="female", age_group="25-44",
                governorate=governorate, nationality="citizen", consented_at=now, privacy_notice_version="soak",
            )  # fmt: skip
        names.append(username)
    coordinator = (
        Coordinator.objects.filter(user__isnull=False, user__is_active=True).select_related("user").first()
    )
    _token, plain = token_create(
        entity=coordinator.entity, name="soak", scope="read", days=1, by=coordinator.user
    )
    return Plan(opportunities=opportunities, sessions=sessions, learners=names, token=plain)


# --- The simulated people ------------------------------------------------------------------


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CANCEL = re.compile(r'action="(/ar/learn/registrations/\d+/cancel/)"')


class Person:
    def __init__(self, role: str, base: str, plan: Plan, results: Results, stop: float, seed: int) -> None:
        self.role, self.base, self.plan, self.results, self.stop = role, base, plan, results, stop
        self.random = random.Random(seed)
        self.http = requests.Session()
        self.began = time.perf_counter()

    def get(self, kind: str, path: str, **kwargs: object) -> requests.Response | None:
        return self._call(kind, "GET", path, **kwargs)

    def post(self, kind: str, path: str, data: dict, referer: str) -> requests.Response | None:
        return self._call(
            kind, "POST", path, data=data, headers={"Referer": self.base + referer}, allow_redirects=False
        )

    def _call(self, kind: str, method: str, path: str, **kwargs: object) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = self.http.request(method, self.base + path, timeout=30, **kwargs)
        except requests.RequestException as error:
            self.results.record(
                kind, started - self.began, time.perf_counter() - started, False, type(error).__name__
            )
            return None
        elapsed = time.perf_counter() - started
        if kind == "register" and response.status_code == 400:
            # The service's answer to a place the person already holds: served, and told apart.
            kind = "register (already held)"
        ok = response.status_code < 400 or kind == "register (already held)"
        self.results.record(kind, started - self.began, elapsed, ok, str(response.status_code))
        return response if ok else None

    def pause(self) -> None:
        time.sleep(self.random.uniform(0.5, 1.5))

    def live(self) -> None:
        if self.role == "learner" and not self.sign_in():
            return
        while time.perf_counter() < self.stop:
            getattr(self, self.role)()
            self.pause()

    # Each method is one visit.
    def browser(self) -> None:
        page = self.random.choice(["/ar/", "/ar/opportunities/", "/en/opportunities/"])
        self.get("page", page)
        self.pause()
        self.get("opportunity", f"/ar/opportunities/{self.random.choice(self.plan.opportunities)}/")

    def searcher(self) -> None:
        query = self.random.choice(QUERIES)
        self.get("search", f"/ar/opportunities/?q={quote(query)}")
        self.pause()
        self.get("opportunity", f"/ar/opportunities/{self.random.choice(self.plan.opportunities)}/")

    def partner(self) -> None:
        headers = {"Authorization": f"Bearer {self.plan.token}"}
        path = self.random.choice(["/api/v1/opportunities/", "/api/v1/sessions/", "/api/v1/registrations/"])
        self.get("api", f"{path}?page_size=50", headers=headers)

    def learner(self) -> None:
        opportunity, session = self.random.choice(self.plan.sessions)
        page = self.get("opportunity", f"/ar/opportunities/{opportunity}/")
        if page is None or not (token := CSRF.search(page.text)):
            return
        self.pause()
        self.post("register", f"/ar/opportunities/sessions/{session}/register/", {"csrfmiddlewaretoken": token.group(1)}, f"/ar/opportunities/{opportunity}/")  # fmt: skip
        mine = self.get("my learning", "/ar/learn/my-learning/")
        if mine is None:
            return
        self.pause()
        for cancel in CANCEL.findall(mine.text)[:1]:
            token = CSRF.search(mine.text).group(1)
            self.post("cancel", cancel, {"csrfmiddlewaretoken": token}, "/ar/learn/my-learning/")

    def sign_in(self) -> bool:
        login = self.get("sign in", "/ar/accounts/login/")
        if login is None:
            return False
        username = self.plan.learners[self.random.randrange(len(self.plan.learners))]
        data = {
            "username": username,
            "password": LEARNER_PASSWORD,
            "csrfmiddlewaretoken": CSRF.search(login.text).group(1),
        }
        response = self.post("sign in", "/ar/accounts/login/", data, "/ar/accounts/login/")
        return response is not None and response.status_code == 302


def drive(base: str, plan: Plan, users: int, seconds: float, seed: int = 7) -> Results:
    """`users` people (in the proportions of MIX) use the site at `base` for `seconds`."""
    results = Results()
    stop = time.perf_counter() + seconds
    roles = [role for role, share in MIX for _ in range(max(1, round(users * share)))][:users]
    people = [Person(role, base, plan, results, stop, seed + n) for n, role in enumerate(roles)]
    threads = [threading.Thread(target=person.live, daemon=True) for person in people]
    for thread in threads:
        thread.start()
        time.sleep(0.02)  # people arrive over a second, not all in the same millisecond
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return results


# --- The server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(env: dict[str, str], web_workers: int) -> tuple[str, list[subprocess.Popen]]:
    """gunicorn and a job worker with `env`; returns the address and the processes."""
    port = free_port()
    bin_dir = Path(sys.executable).parent
    web = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "learningcity.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(web_workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "learningcity.manage", "worker"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if requests.get(base + "/healthz", timeout=5).status_code == 200:
                break
        except (requests.ConnectionError, requests.Timeout):  # not up, or still loading
            time.sleep(0.2)
    return base, [web, worker]


def worker_rss_mb(master: int) -> float:
    """Resident memory of gunicorn's master and its workers, in MB (Linux /proc)."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        pid = int(status.parent.name)
        parent = int(re.search(r"PPid:\s+(\d+)", text).group(1))
        if pid == master or parent == master:
            match = re.search(r"VmRSS:\s+(\d+) kB", text)
            total += int(match.group(1)) if match else 0
    return total / 1024


def server_environment() -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "CONN_MAX_AGE": "60",
        # Every simulated person comes from 127.0.0.1; the per-address limits are tested elsewhere.
        "REGISTRATION_LIMIT": "1000000",
        "TASKS_BACKEND": "database",
    }
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        env.update({"CACHE_BACKEND": "redis", "CACHE_REDIS_URL": "redis://127.0.0.1:6379/13"})
    except OSError:
        pass
    return env


# --- Report ----------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] * 1000
        if ordered
        else float("nan")
    )


def summary(results: Results, seconds: float) -> list[str]:
    lines = [
        f"Requests served: {results.served:,} ({results.served / seconds:.1f}/s); errors: {results.failed}"
        + (f" — {dict(results.errors)}" if results.errors else ""),
        "",
        "| Request | served | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|",
    ]
    everything = [value for values in results.latencies.values() for value in values]
    for kind, values in sorted(results.latencies.items()):
        lines.append(
            f"| {kind} | {len(values):,} | {statistics.median(values) * 1000:.0f} | "
            f"{percentile(values, 0.95):.0f} | {percentile(values, 0.99):.0f} |"
        )
    lines.append(
        f"| **all** | {len(everything):,} | {statistics.median(everything) * 1000:.0f} | "
        f"{percentile(everything, 0.95):.0f} | {percentile(everything, 0.99):.0f} |"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--web-workers", type=int, default=4)
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from common import data_line, report, scale_database

    vendor, seeded, size = scale_database()
    plan = prepare(learners=max(5, arguments.users // 5))
    from django.db import connections

    connections.close_all()
    seconds = arguments.minutes * 60
    base, processes = serve(server_environment(), arguments.web_workers)
    master = processes[0].pid
    memory = [("after start", worker_rss_mb(master))]
    sampler_stop = threading.Event()

    def sample() -> None:
        began = time.perf_counter()
        while not sampler_stop.wait(60):
            memory.append((f"after {round((time.perf_counter() - began) / 60)} min", worker_rss_mb(master)))

    threading.Thread(target=sample, daemon=True).start()
    try:
        results = drive(base, plan, arguments.users, seconds)
    finally:
        sampler_stop.set()
        memory.append(("at the end", worker_rss_mb(master)))
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
    first = [latency for at, latency in results.timeline if at < 60]
    last = [latency for at, latency in results.timeline if at >= seconds - 60]
    one_minute = next((mb for label, mb in memory if label == "after 1 min"), memory[0][1])
    lines = [
        data_line(size, seeded),
        f"gunicorn {arguments.web_workers} workers + 1 job worker; {arguments.users} simulated people "
        f"({', '.join(f'{round(share * 100)} % {role}s' for role, share in MIX)}) for {arguments.minutes:g} min, "
        "0.5–1.5 s between steps.",
        "",
        *summary(results, seconds),
        "",
        f"Slowing down? p95 in the last minute {percentile(last, 0.95):.0f} ms vs the first minute "
        f"{percentile(first, 0.95):.0f} ms (baseline) = {percentile(last, 0.95) / percentile(first, 0.95):.2f}×.",
        "",
        "Memory of the web processes (RSS, master + workers): "
        + "; ".join(f"{label} {mb:.0f} MB" for label, mb in memory),
        f"Growth from the first minute (workers warm) to the end: {(memory[-1][1] / one_minute - 1) * 100:+.1f} %; "
        f"from start: {(memory[-1][1] / memory[0][1] - 1) * 100:+.1f} %.",
    ]
    report(f"Soak: {arguments.users} people for {arguments.minutes:g} min", vendor, lines)


if __name__ == "__main__":
    main()
