"""The monthly city report: on the first run of each month (the daily jobs), last month's
report is generated once per place and language that someone subscribed to, archived, and its
subscribers are told where to download it. A missed day is caught up on the next run; a
month already archived is never generated or announced twice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from learningcity.notifications.services import notify
from learningcity.reports.city import ReportScope, city_report
from learningcity.reports.documents import city_report_pdf
from learningcity.reports.models import ArchivedReport, ReportKind, ReportSubscription


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def send_monthly_reports(*, today: dt.date | None = None) -> int:
    """Generate and announce the reports still missing for last month; returns how many."""
    start, end = previous_month(today or timezone.localdate())
    audiences: dict[tuple, list] = defaultdict(list)
    for subscription in ReportSubscription.objects.select_related("user", "region", "learning_city"):
        place = (subscription.region, subscription.learning_city, subscription.language)
        audiences[place].append(subscription.user)
    generated = 0
    for (region, city, language), users in audiences.items():
        already = ArchivedReport.objects.filter(
            kind=ReportKind.CITY,
            scheduled=True,
            region=region,
            learning_city=city,
            period_start=start,
            language=language,
        ).exists()
        if already:
            continue
        scope = ReportScope(region=region, learning_city=city, start=start, end=end)
        content = city_report_pdf(city_report(scope), language)
        archived = ArchivedReport(
            kind=ReportKind.CITY,
            region=region,
            learning_city=city,
            period_start=start,
            period_end=end,
            language=language,
            format="pdf",
            size=len(content),
            scheduled=True,
        )
        archived.file.save(archived.filename(), ContentFile(content), save=False)
        archived.save()
        with translation.override(language):
            notify(
                recipients=users,
                kind="report.monthly",
                title=_("The monthly report for %(place)s is ready") % {"place": scope.name},
                body=_("The city progress report for %(month)s can be downloaded from the report archive.")
                % {"month": f"{start:%Y-%m}"},
                url=reverse("reports:archive_download", args=[archived.pk]),
            )
        generated += 1
    return generated
