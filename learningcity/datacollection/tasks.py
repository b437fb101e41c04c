"""Data collection's periodic job: reminding the reporting entities of forms due soon or overdue."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from learningcity.core.tasks import periodic


@periodic("daily")
@task()
def send_data_form_reminders() -> dict:
    from learningcity.datacollection.reminders import send_form_reminders

    run = send_form_reminders(today=timezone.localdate(), days_before=settings.DATA_FORM_REMINDER_DAYS)
    return {"due_soon": run.due_soon, "overdue": run.overdue}
