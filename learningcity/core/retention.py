"""How long personal data is kept (Saudi PDPL: no longer than its purpose needs), applied daily
by the `apply_retention` job and on demand by `learningcity apply_retention [--dry-run]`.

settings.RETENTION_DAYS, each overridable from the environment:
- inactive_learner: a learner who has neither signed in nor had a session for this long is
  anonymised exactly as when they delete their account (certificates stay verifiable; past
  attendance stays as anonymous counts);
- import_file / export_file: uploaded import files and generated export files (which may hold
  contact details) are deleted; the run's record and report stay;
- access_log: audit entries recording who viewed personal data are deleted (changes to records
  are kept for good).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.utils import timezone

from learningcity.core.models import AuditAction, AuditEntry


@dataclass
class RetentionRun:
    learners_anonymised: int = 0
    import_files_deleted: int = 0
    export_files_deleted: int = 0
    access_entries_deleted: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _cutoff(now: dt.datetime, key: str) -> dt.datetime:
    return now - dt.timedelta(days=settings.RETENTION_DAYS[key])


def apply_retention(*, now: dt.datetime | None = None, dry_run: bool = False) -> RetentionRun:
    """Remove what has outlived its retention period; with `dry_run`, only count it."""
    from learningcity.catalogue.services.personal_data import anonymise_learner, inactive_learners
    from learningcity.exchange.models import ExportJob, ImportRun

    now = now or timezone.now()
    run = RetentionRun()

    learners = inactive_learners(before=_cutoff(now, "inactive_learner")).select_related("user")
    for learner in learners.iterator(chunk_size=500):
        run.learners_anonymised += 1
        if not dry_run:
            anonymise_learner(learner=learner, reason="anonymised by the retention policy")

    for model, field, key, counter in (
        (ImportRun, "created_at", "import_file", "import_files_deleted"),
        (ExportJob, "created_at", "export_file", "export_files_deleted"),
    ):
        expired = model.objects.filter(**{f"{field}__lt": _cutoff(now, key)}).exclude(file="")
        for record in expired.iterator(chunk_size=500):
            setattr(run, counter, getattr(run, counter) + 1)
            if not dry_run:
                record.file.delete(save=False)
                model.objects.filter(pk=record.pk).update(file="")

    before = _cutoff(now, "access_log")
    if dry_run:
        run.access_entries_deleted = AuditEntry.objects.filter(
            action=AuditAction.ACCESS, timestamp__lt=before
        ).count()
    else:
        run.access_entries_deleted = AuditEntry.objects.delete_expired_access(before=before)
    return run
