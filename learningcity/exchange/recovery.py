"""What happens to an import or an export whose worker died (core/leases.py finds them).

Both are all-or-nothing, so each is put on the queue again, from the start; when its runs are
used up (JOB_ATTEMPTS) it is marked failed, with the reason in the language its user started
it in, shown on its progress page."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import ngettext

from learningcity.core import leases
from learningcity.exchange.models import ExportJob, ImportRun, JobStatus

IMPORT_LEASE, EXPORT_LEASE = "exchange.import", "exchange.export"


def _reason(attempts: int) -> str:
    return ngettext(
        # The import page says "nothing was written" before it; an export writes no file.
        "The worker running this job stopped before it finished, after %(count)s attempt. Start it again.",
        "The worker running this job stopped before it finished, after %(count)s attempts. Start it again.",
        attempts,
    ) % {"count": attempts}


def retry_import(run_id: int, attempt: int) -> None:
    from learningcity.exchange.tasks import run_import

    ImportRun.objects.filter(pk=run_id).update(status=JobStatus.QUEUED, rows_done=0)
    run_import.enqueue(run_id, attempt=attempt)


def fail_import(run_id: int, attempts: int) -> None:
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None:
        return
    with translation.override(run.language):
        report = {"file_problem": _reason(attempts)}
    ImportRun.objects.filter(pk=run_id).update(
        status=JobStatus.FAILED, finished_at=timezone.now(), report=report
    )


def retry_export(job_id: int, attempt: int) -> None:
    from learningcity.exchange.tasks import run_export

    ExportJob.objects.filter(pk=job_id).update(status=JobStatus.QUEUED, rows_done=0)
    run_export.enqueue(job_id, attempt=attempt)


def fail_export(job_id: int, attempts: int) -> None:
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None:
        return
    with translation.override(job.language):
        error = _reason(attempts)
    ExportJob.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, finished_at=timezone.now(), error=error
    )


def register() -> None:
    leases.register(IMPORT_LEASE, retry=retry_import, fail=fail_import)
    leases.register(EXPORT_LEASE, retry=retry_export, fail=fail_export)
