"""Every write of the reports area: GNLC report packs and their narratives, monthly-report
subscriptions (the generated files are written by reports.scheduled)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from learningcity.accounts.models import User
from learningcity.core.audit import audit_record
from learningcity.core.models import AuditAction, LearningCity, Region
from learningcity.core.permissions import is_manager, require
from learningcity.core.places import require_city_in_region
from learningcity.core.services import model_create, model_delete
from learningcity.reports.models import GnlcReport, GnlcReportVersion, ReportSubscription


@transaction.atomic
def gnlc_report_create(*, region: Region, data: dict[str, Any], by: User) -> GnlcReport:
    require(is_manager(by))
    require_city_in_region(data.get("learning_city"), region)
    return model_create(instance=GnlcReport(region=region, created_by=by, **data), by=by)


@transaction.atomic
def gnlc_narratives_save(
    *, report: GnlcReport, narratives: dict[str, dict[str, str]], by: User
) -> GnlcReportVersion | None:
    """Keep the narratives as a new version; saving without a change makes no version."""
    require(is_manager(by))
    report = GnlcReport.objects.select_for_update().get(pk=report.pk)
    cleaned = {
        key: {language: text.strip() for language, text in texts.items() if text.strip()}
        for key, texts in narratives.items()
    }
    cleaned = {key: texts for key, texts in cleaned.items() if texts}
    if cleaned == report.narratives:
        return None
    changed = sorted(
        key for key in set(cleaned) | set(report.narratives) if cleaned.get(key) != report.narratives.get(key)
    )
    report.version += 1
    report.narratives = cleaned
    report.save(update_fields=["narratives", "version", "updated_at"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        instance=report,
        changes={"version": [report.version - 1, report.version], "sections": [None, ", ".join(changed)]},
    )
    return GnlcReportVersion.objects.create(
        report=report, number=report.version, narratives=cleaned, saved_by=by
    )


@transaction.atomic
def subscription_create(
    *, user: User, region: Region, learning_city: LearningCity | None, language: str
) -> ReportSubscription:
    """`user` receives the monthly report (of one learning city, or of its whole region)."""
    require(user.is_staff_member)
    require_city_in_region(learning_city, region)
    subscription = ReportSubscription(
        user=user, region=region, learning_city=learning_city, language=language
    )
    return model_create(instance=subscription, by=user)


@transaction.atomic
def subscription_delete(*, subscription: ReportSubscription, by: User) -> None:
    require(subscription.user_id == by.pk)
    model_delete(instance=subscription, by=by)
