"""Starting imports and exports: the records the user follows on their progress pages, and
the background job that does the work (exchange/tasks.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.core.permissions import is_manager, require
from learningcity.exchange.datasets import DATASETS
from learningcity.exchange.models import ExportJob, ImportMode, ImportRun
from learningcity.exchange.tasks import run_export, run_import


@transaction.atomic
def export_start(*, kind: str, fmt: str, language: str, by: User) -> ExportJob:
    """An export too large to stream, written by the worker for `by` to download."""
    require(by.is_staff_member)
    job = ExportJob.objects.create(kind=kind, format=fmt, language=language, created_by=by)
    run_export.enqueue(job.pk)
    return job


@transaction.atomic
def import_check_start(*, kind: str, upload: UploadedFile, language: str, by: User) -> ImportRun:
    """Check an uploaded file (nothing is written); the import itself follows a clean check."""
    require(DATASETS[kind].may_import(by))
    name = upload.name or "upload"
    run = ImportRun(kind=kind, mode=ImportMode.CHECK, filename=name[:255], size=upload.size or 0,
                    created_by=by, language=language)  # fmt: skip
    run.file.save(name, upload, save=True)
    run_import.enqueue(run.pk)
    return run


@transaction.atomic
def import_commit(*, check: ImportRun, language: str, by: User) -> ImportRun:
    """Import a file that passed its check (the same stored file; nothing uploaded again)."""
    require(check.created_by_id == by.pk or is_manager(by))
    if check.mode != ImportMode.CHECK or not check.succeeded:
        raise ValidationError(_("Only a file whose check found no errors can be imported."))
    run = ImportRun.objects.create(
        kind=check.kind, mode=ImportMode.COMMIT, filename=check.filename, file=check.file.name, size=check.size,
        created_by=by, language=language, checked_by=check,
    )  # fmt: skip
    run_import.enqueue(run.pk)
    return run
