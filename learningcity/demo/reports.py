"""Demo reports: a GNLC progress report draft with the overview written, leadership
subscribed to the monthly report, and last month's report in the archive."""

from __future__ import annotations

import datetime as dt
from typing import Any

from learningcity.core.models import Region
from learningcity.core.reference import MADINAH_REGION
from learningcity.reports.gnlc import OVERVIEW_KEY
from learningcity.reports.models import GnlcReport, ReportSubscription
from learningcity.reports.scheduled import send_monthly_reports
from learningcity.reports.services import gnlc_narratives_save

OVERVIEW_AR = (
    "تعمل منطقة المدينة المنورة على بناء مدن تعلم تجمع القطاعين العام والخاص والقطاع غير الربحي "
    "حول خارطة طريق من خمسة محاور، وتتابع قرارات لقاءاتها التنسيقية حتى التنفيذ."
)
OVERVIEW_EN = (
    "The Madinah region is building learning cities that bring the public, private and non-profit "
    "sectors together around a five-axis roadmap, and follows its coordination meetings' decisions "
    "through to completion."
)


def create_reports(users: dict[str, Any], today: dt.date) -> GnlcReport:
    region = Region.objects.get(code=MADINAH_REGION["code"])
    report = GnlcReport.objects.create(
        region=region,
        period_start=today - dt.timedelta(days=729),  # two years, whatever the day (29 February too)
        period_end=today,
        created_by=users["manager"],
    )
    gnlc_narratives_save(
        report=report, narratives={OVERVIEW_KEY: {"ar": OVERVIEW_AR, "en": OVERVIEW_EN}}, by=users["manager"]
    )
    ReportSubscription.objects.create(user=users["viewer"], region=region, learning_city=None, language="ar")
    send_monthly_reports(today=today)
    return report
