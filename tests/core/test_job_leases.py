"""A worker killed in the middle of an import (`kill -9`, as the out-of-memory killer or a lost
machine does it) does not lose the import: the next worker to start finds the job's lease with
no process behind it, and runs the import again (it is all-or-nothing), or, when its runs are
used up, marks it failed with a reason the user reads. Until then /readyz says a job is
abandoned. Real worker processes, on the database queue and on Redis (RQ), on SQLite and on
PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from learningcity.core import leases
from learningcity.core.models import JobLease
from learningcity.exchange.models import ImportMode, ImportRun
from learningcity.exchange.tasks import run_import
from learningcity.partners.models import Entity
from tests.conftest import client_for
from tests.core.test_jobs import _redis_up
from tests.factories import GovernorateFactory
from tests.served import served_database_url

pytestmark = pytest.mark.django_db(transaction=True)

BIN = Path(sys.executable).parent
# A Redis database of each xdist worker's own (1 to 13; 0 is the default, 15 the other RQ
# test's): each RQ case empties its queue, and its worker process takes any job there, so two
# cases on two workers sharing one queue took each other's jobs (one waited 120 s and failed).
# Not an xdist group instead: a group runs whenever its worker gets it, and these transactional
# cases then emptied the tables before the worker's other tests (the migration-seeded thesaurus).
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = f"redis://127.0.0.1:6379/{1 + _WORKER % 13}"
HEADER = "external_id,name_ar,sector,entity_type\n"
# Long enough that the first worker is still inside it when it is killed (thousands of rows
# take seconds; the kill follows the lease within a tenth of a second).
LONG_FILE = (HEADER + "".join(f"K-{n},جهة رقم {n},government,school\n" for n in range(4000))).encode()
SHORT_FILE = (HEADER + "K-1,جهة بعد إعادة التشغيل,government,school\n").encode()


class SharedDatabase:
    """The test's database as worker processes see it. PostgreSQL: the test database itself
    (the test is transactional, so they see what it commits). SQLite: the test database is in
    memory, so it is copied to a file for them and copied back when they are done."""

    def __init__(self, tmp_path: Path) -> None:
        self.file = tmp_path / "shared.sqlite3" if connection.vendor == "sqlite" else None

    @property
    def url(self) -> str:
        return f"sqlite:///{self.file}" if self.file else served_database_url()

    def to_processes(self) -> None:
        if self.file:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as copy:
                connection.connection.backup(copy)

    def from_processes(self) -> None:
        if self.file:
            with sqlite3.connect(self.file) as copy:
                copy.backup(connection.connection)

    def lease_processes(self) -> list[tuple[int, str]]:
        """The processes holding a lease on an import that has started (its status written)."""
        query = (
            "SELECT pid, process_started FROM core_joblease JOIN exchange_importrun"
            " ON exchange_importrun.id = core_joblease.object_id WHERE exchange_importrun.status = 'running'"
        )
        if self.file:
            with sqlite3.connect(self.file) as copy:
                return copy.execute(query).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchall()


@pytest.fixture(params=["database", "rq"])
def backend(request, settings):
    if request.param == "rq":
        if not _redis_up():
            pytest.skip("needs Redis on 127.0.0.1:6379")
        import django_rq

        settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
        settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
        django_rq.get_queue("default").empty()
    else:
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.TASKS_BACKEND = request.param
    return request.param


def _environment(shared: SharedDatabase, settings, backend: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": shared.url,
        "TASKS_BACKEND": backend,
        "REDIS_URL": REDIS_URL,
        "PRIVATE_FILES_ROOT": str(settings.PRIVATE_FILES_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "JOB_LEASE_CHECK_SECONDS": "3600",  # only the check at start, in these tests
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def _kill_mid_import(shared: SharedDatabase, env: dict[str, str]) -> int:
    """Start a worker, wait until it holds the import's lease, kill it with SIGKILL: the
    worker, and the process running the job where that is another one (RQ runs each job in a
    child of its own session, which outlives its parent). Returns the worker's pid."""
    worker = subprocess.Popen(
        [str(BIN / "learningcity"), "worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    try:
        while not (running := shared.lease_processes()):
            assert worker.poll() is None, worker.stderr.read().decode()[-3000:]
            assert time.monotonic() < deadline, "the worker never started the import"
            time.sleep(0.05)
        for pid, _ in running:
            os.kill(pid, signal.SIGKILL)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    while any(leases.process_alive(pid, started) for pid, started in running):
        assert time.monotonic() < deadline, "the job's process outlived SIGKILL"
        time.sleep(0.05)
    return worker.pid


def _run_worker_once(env: dict[str, str]) -> str:
    finished = subprocess.run(
        [str(BIN / "learningcity"), "worker", "--batch"], env=env, capture_output=True, timeout=300
    )
    assert finished.returncode == 0, finished.stderr.decode()[-3000:]
    return finished.stdout.decode()


def _start_import(manager) -> ImportRun:
    """An import (after its check), queued as the page that confirms it queues it."""
    GovernorateFactory()
    run = ImportRun(kind="partners", mode=ImportMode.COMMIT, filename="k.csv", size=len(LONG_FILE),
                    created_by=manager, language="ar")  # fmt: skip
    run.file.save("k.csv", ContentFile(LONG_FILE), save=True)
    run_import.enqueue(run.pk)
    return run


def _abandoned_at_readyz(client) -> dict:
    body = client.get("/readyz").json()
    return {"status": body["status"], "abandoned": body["jobs"]["abandoned"]}


def test_an_import_whose_worker_was_killed_is_run_again(tmp_path, settings, backend, manager, client):
    shared = SharedDatabase(tmp_path)
    run = _start_import(manager)
    shared.to_processes()
    killed = _kill_mid_import(shared, _environment(shared, settings, backend))

    shared.from_processes()
    run.refresh_from_db()
    assert run.status == "running", "the import finished before the worker was killed"
    lease = JobLease.objects.get()
    assert (lease.object_id, lease.attempt) == (run.pk, 1)
    # The process that ran the job: the worker, or the child it runs jobs in (RQ forks one per
    # job; with DEBUG on, the database worker runs under Django's reloader).
    assert lease.host == leases.HOST and lease.pid >= killed
    assert not leases.process_alive(lease.pid, lease.process_started)
    assert _abandoned_at_readyz(client) == {"status": "degraded", "abandoned": 1}

    # The retry reads the stored file again: a short one, so the test does not wait for 4,000 rows.
    Path(run.file.path).write_bytes(SHORT_FILE)
    output = _run_worker_once(_environment(shared, settings, backend))
    shared.from_processes()

    assert f"exchange.import {run.pk}: its worker" in output and "retried" in output
    run.refresh_from_db()
    assert run.status == "done" and run.report["created"] == 1, run.report
    assert Entity.objects.get(external_id="K-1").name_ar == "جهة بعد إعادة التشغيل"
    assert not JobLease.objects.exists()
    assert _abandoned_at_readyz(client) == {"status": "ok", "abandoned": 0}
    if backend == "database":
        from django_tasks_db.models import DBTaskResult

        first, second = DBTaskResult.objects.order_by("enqueued_at")
        assert first.status == "FAILED" and first.finished_at is not None
        assert first.exception_class_path == "learningcity.core.leases.WorkerStopped"
        assert second.status == "SUCCESSFUL" and second.args_kwargs["kwargs"] == {"attempt": 2}


def test_an_import_out_of_runs_is_failed_with_a_reason_the_user_reads(tmp_path, settings, backend, manager):
    shared = SharedDatabase(tmp_path)
    run = _start_import(manager)
    shared.to_processes()
    _kill_mid_import(shared, _environment(shared, settings, backend))

    output = _run_worker_once(_environment(shared, settings, backend, JOB_ATTEMPTS="1"))
    shared.from_processes()

    assert "failed" in output
    run.refresh_from_db()
    assert run.status == "failed" and run.finished_at is not None
    assert not Entity.objects.exists()  # all or nothing: the killed import wrote no row
    page = client_for(manager).get(f"/ar/exchange/imports/{run.pk}/").content.decode()
    assert "توقف العامل الذي كان ينفّذ هذه المهمة قبل أن تنتهي" in page
