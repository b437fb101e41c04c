"""Coordination's periodic job: reminding owners of action items due soon or overdue."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from learningcity.core.tasks import periodic


@periodic("daily")
@task()
def send_action_item_reminders() -> dict:
    from learningcity.coordination.reminders import send_reminders

    run = send_reminders(today=timezone.localdate(), days_before=settings.ACTION_ITEM_REMINDER_DAYS)
    return {"due_soon": run.due_soon, "overdue": run.overdue, "digest_sent": run.digest_sent}
