"""Retention of personal data: what has outlived settings.RETENTION_DAYS goes, what has not
stays, a dry run changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models import QuerySet
from django.utils import timezone

from learningcity.catalogue.models import Certificate, Learner, Registration
from learningcity.catalogue.services.certificates import certificate_issue
from learningcity.core.audit import audit_personal_data_access
from learningcity.core.models import AuditAction, AuditEntry
from learningcity.core.retention import apply_retention
from learningcity.exchange.models import ExportJob, ImportRun
from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()
YEAR = dt.timedelta(days=365)


def _learner(joined: dt.datetime, last_login: dt.datetime | None, name: str) -> Learner:
    learner = LearnerFactory(full_name=name, accommodation_needs="قارئ شاشة")
    type(learner.user).objects.filter(pk=learner.user_id).update(date_joined=joined, last_login=last_login)
    return learner


def _attend(learner: Learner, at: dt.datetime) -> Registration:
    session = SessionFactory(
        opportunity=OpportunityFactory(), starts_at=at, ends_at=at + dt.timedelta(hours=2)
    )
    return Registration.objects.create(
        learner=learner, session=session, status="confirmed", confirmed_at=at, attended=True, completed_at=at
    )


def test_only_learners_inactive_past_the_period_are_anonymised():
    gone = _learner(NOW - 5 * YEAR, NOW - 4 * YEAR, "غائب منذ زمن")
    certificate = certificate_issue(registration=_attend(gone, NOW - 4 * YEAR))
    signed_in = _learner(NOW - 5 * YEAR, NOW - YEAR, "دخل حديثا")
    attended = _learner(NOW - 5 * YEAR, None, "حضر حديثا")
    _attend(attended, NOW - YEAR)
    newcomer = _learner(NOW - YEAR, None, "جديد")

    run = apply_retention(now=NOW)

    assert run.learners_anonymised == 1
    gone.refresh_from_db()
    assert gone.full_name == "" and gone.mobile is None and gone.accommodation_needs == ""
    assert not gone.user.is_active and gone.user.email == ""
    # The certificate stays verifiable under the name it was issued to; attendance stays counted.
    assert Certificate.objects.get(pk=certificate.pk).learner_name == "غائب منذ زمن"
    assert Registration.objects.filter(learner=gone, attended=True).exists()
    for kept in (signed_in, attended, newcomer):
        kept.refresh_from_db()
        assert kept.full_name and kept.user.is_active, kept.full_name
    assert AuditEntry.objects.for_object(gone).filter(action=AuditAction.DELETE).exists()
    assert apply_retention(now=NOW).learners_anonymised == 0  # nothing left to do


def test_old_files_and_access_logs_go_records_and_recent_ones_stay(manager, settings):
    old_import = ImportRun.objects.create(
        kind="attendance",
        mode="check",
        filename="a.csv",
        file=ContentFile(b"m", name="a.csv"),
        created_by=manager,
    )
    new_import = ImportRun.objects.create(
        kind="attendance",
        mode="check",
        filename="b.csv",
        file=ContentFile(b"m", name="b.csv"),
        created_by=manager,
    )
    ImportRun.objects.filter(pk=old_import.pk).update(created_at=NOW - dt.timedelta(days=91))
    export = ExportJob.objects.create(
        kind="attendance", format="csv", created_by=manager, file=ContentFile(b"x", name="e.csv")
    )
    ExportJob.objects.filter(pk=export.pk).update(created_at=NOW - dt.timedelta(days=8))
    old_path = old_import.file.path
    learner = LearnerFactory()
    audit_personal_data_access(actor=manager, instance=learner, what="registrants", records=1)
    audit_personal_data_access(actor=manager, instance=learner, what="registrants", records=1)
    # (Ageing an entry goes round the audit log's guard on purpose: nothing else may.)
    oldest = AuditEntry.objects.filter(pk=AuditEntry.objects.order_by("pk").first().pk)
    QuerySet.update(oldest, timestamp=NOW - 3 * YEAR)

    dry = apply_retention(now=NOW, dry_run=True)
    assert dry.as_dict() == {
        "learners_anonymised": 0, "import_files_deleted": 1, "export_files_deleted": 1, "access_entries_deleted": 1,
        "host_requests_deleted": 0,
    }  # fmt: skip
    assert ImportRun.objects.get(pk=old_import.pk).file  # a dry run changes nothing

    apply_retention(now=NOW)
    import os

    assert not ImportRun.objects.get(pk=old_import.pk).file and not os.path.exists(old_path)
    assert ImportRun.objects.get(pk=new_import.pk).file
    assert not ExportJob.objects.get(pk=export.pk).file
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS).count() == 1


def test_the_command_reports_what_it_would_remove(capsys):
    _learner(NOW - 5 * YEAR, NOW - 4 * YEAR, "غائب")
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "Would remove: learners anonymised: 1" in out
    assert Learner.objects.filter(full_name="غائب").exists()


def test_the_audit_log_still_refuses_any_other_deletion(manager):
    from django.core.exceptions import PermissionDenied

    audit_personal_data_access(actor=manager, instance=LearnerFactory(), what="registrants", records=1)
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(action=AuditAction.ACCESS).delete()
    assert AuditEntry.objects.delete_expired_access(before=NOW - YEAR) == 0
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS).count() == 1


def test_the_privacy_notice_states_the_period(client, settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "inactive_learner": 4 * 365}
    assert "4 years" in client.get("/en/learn/privacy/").content.decode()
