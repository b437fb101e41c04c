"""The reports' periodic job: last month's reports for everyone subscribed."""

from __future__ import annotations

from django_tasks import task

from learningcity.core.tasks import periodic


@periodic("daily")
@task()
def send_monthly_reports() -> int:
    from learningcity.reports.scheduled import send_monthly_reports as send

    return send()
