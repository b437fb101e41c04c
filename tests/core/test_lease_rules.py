"""The rules of job leases, in one process: when a lease counts as abandoned, that only one
recoverer acts on it, and what an export whose worker died becomes (the killed-worker tests
with real processes are in test_job_leases.py)."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from learningcity.core import leases
from learningcity.core.models import JobLease
from learningcity.exchange.models import ExportJob, JobStatus
from learningcity.exchange.recovery import EXPORT_LEASE
from learningcity.exchange.tasks import run_export

pytestmark = pytest.mark.django_db


def _lease(**fields) -> JobLease:
    values = {"kind": EXPORT_LEASE, "object_id": 1, "host": leases.HOST, "pid": os.getpid(),
              "process_started": leases.process_start_time(os.getpid()), "heartbeat_at": timezone.now()}  # fmt: skip
    return JobLease.objects.create(**{**values, **fields})


def test_a_running_process_holds_its_lease():
    assert not leases.abandoned(_lease())


def test_a_process_number_given_to_a_new_process_is_not_the_old_one():
    assert leases.abandoned(_lease(process_started="1"))  # this pid, started at another time


def test_another_hosts_lease_is_abandoned_only_when_its_heartbeat_is_old(settings):
    settings.JOB_LEASE_TIMEOUT_SECONDS = 300
    assert not leases.abandoned(_lease(host="worker-2", heartbeat_at=timezone.now() - timedelta(seconds=200)))
    assert leases.abandoned(
        _lease(host="worker-3", object_id=2, heartbeat_at=timezone.now() - timedelta(seconds=400))
    )


def test_the_heartbeat_moves_while_the_job_runs(settings, transactional_db):
    settings.JOB_HEARTBEAT_SECONDS = 0.05
    with leases.leased(EXPORT_LEASE, 5) as lease:
        first = lease.heartbeat_at
        deadline = timezone.now() + timedelta(seconds=10)
        while JobLease.objects.get(pk=lease.pk).heartbeat_at == first and timezone.now() < deadline:
            time.sleep(0.01)
        assert JobLease.objects.get(pk=lease.pk).heartbeat_at > first
    assert not JobLease.objects.exists()  # released when the job ends


def test_an_export_whose_worker_died_is_run_again_once_and_then_failed(
    manager, settings, django_capture_on_commit_callbacks
):
    settings.JOB_ATTEMPTS = 2
    job = ExportJob.objects.create(
        kind="partners", format="csv", created_by=manager, status=JobStatus.RUNNING
    )
    _lease(object_id=job.pk, host="lost-machine", heartbeat_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert [outcome for _, outcome in leases.recover_abandoned_jobs()] == ["retried"]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.file  # the immediate backend ran it again at once

    job.status = JobStatus.RUNNING
    job.save()
    _lease(object_id=job.pk, attempt=2, host="lost-machine", heartbeat_at=timezone.now() - timedelta(hours=1))
    assert [outcome for _, outcome in leases.recover_abandoned_jobs()] == ["failed"]
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "توقف العامل" in job.error  # in the language the export was asked for
    assert leases.recover_abandoned_jobs() == []  # recovered once


def test_an_export_that_fails_says_so_instead_of_running_forever(manager):
    job = ExportJob.objects.create(kind="no-longer-offered", format="csv", created_by=manager)
    run_export.enqueue(job.pk)  # the immediate backend records the error and goes on
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "no-longer-offered" in job.error
    assert not JobLease.objects.exists()
