"""Background jobs of the data exchange: imports, exports (with progress the user can watch)
and webhook deliveries. Enqueued with `.enqueue(...)`; run by the configured worker."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import Any

from django.core.files import File
from django.utils import timezone, translation
from django_tasks import TaskContext, task

from learningcity.core.context import acting
from learningcity.core.leases import leased
from learningcity.core.tasks import periodic
from learningcity.exchange.datasets import DATASETS
from learningcity.exchange.exports import csv_lines, json_chunks, records, write_xlsx
from learningcity.exchange.imports import import_table
from learningcity.exchange.models import ExportJob, ImportMode, ImportRun, JobStatus
from learningcity.exchange.recovery import EXPORT_LEASE, IMPORT_LEASE

# Imports and exports are all-or-nothing (an import writes in one transaction, an export
# saves its file at the end), so one whose worker died is safe to run again: each holds a
# lease while it runs (core/leases.py; exchange/recovery.py says what recovery does).


@task(takes_context=True)
def run_import(context: TaskContext, run_id: int, attempt: int = 1) -> dict[str, Any]:
    with leased(IMPORT_LEASE, run_id, attempt=attempt, task_result_id=str(context.task_result.id)):
        return _import(run_id)


def _import(run_id: int) -> dict[str, Any]:
    run = ImportRun.objects.select_related("created_by").get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), rows_done=0
    )

    def progress(rows: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(rows_done=rows)

    try:
        with translation.override(run.language), acting(channel="web"), run.file.open("rb") as stream:
            report = import_table(
                dataset=DATASETS[run.kind],
                stream=stream,
                filename=run.filename,
                user=run.created_by,
                commit=run.mode == ImportMode.COMMIT,
                progress=progress,
            )
    except Exception as exc:
        ImportRun.objects.filter(pk=run.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), report={"file_problem": str(exc)}
        )
        raise
    ImportRun.objects.filter(pk=run.pk).update(
        status=JobStatus.DONE, finished_at=timezone.now(), report=report.as_dict(), rows_done=report.rows
    )
    return report.as_dict()


@task(takes_context=True)
def run_export(context: TaskContext, job_id: int, attempt: int = 1) -> int:
    with leased(EXPORT_LEASE, job_id, attempt=attempt, task_result_id=str(context.task_result.id)):
        try:
            return _export(job_id)
        except Exception as exc:
            ExportJob.objects.filter(pk=job_id).update(
                status=JobStatus.FAILED, finished_at=timezone.now(), error=str(exc)[:2000]
            )
            raise


def _export(job_id: int) -> int:
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    dataset = DATASETS[job.kind]
    queryset = dataset.export_queryset(job.created_by)
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, rows_total=queryset.count(), rows_done=0
    )

    counted = {"rows": 0}

    def counting(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in rows:
            counted["rows"] += 1
            if counted["rows"] % 2000 == 0:
                ExportJob.objects.filter(pk=job.pk).update(rows_done=counted["rows"])
            yield row

    with translation.override(job.language), tempfile.TemporaryFile() as handle:
        rows = counting(records(dataset, queryset))
        if job.format == "xlsx":
            write_xlsx(dataset, rows, job.language, handle)
        else:
            chunks = (
                csv_lines(dataset, rows, job.language) if job.format == "csv" else json_chunks(dataset, rows)
            )
            for chunk in chunks:
                handle.write(chunk.encode("utf-8"))
        handle.seek(0)
        job.file.save(f"{job.kind}-{job.pk}.{job.format}", File(handle), save=False)
    ExportJob.objects.filter(pk=job.pk).update(
        file=job.file.name, status=JobStatus.DONE, finished_at=timezone.now(), rows_done=counted["rows"]
    )
    return counted["rows"]


@task()
def deliver_webhook(delivery_id: int) -> bool:
    """First attempt at once; failures are retried by `learningcity deliver_webhooks` (or the
    worker's schedule) at their back-off time."""
    from learningcity.exchange.models import WebhookDelivery
    from learningcity.exchange.webhooks import attempt

    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    if not delivery.subscription.is_active:
        return False
    return attempt(delivery)


@periodic("hourly")
@task()
def retry_webhooks() -> int:
    from learningcity.exchange.webhooks import retry_due

    return retry_due()
