"""The platform's periodic work as background jobs: reminders, computed indicators, webhook
retries, the catalogue's soonest-first order as sessions begin, the retention of personal data. `learningcity enqueue_jobs daily|hourly` (from cron or a timer) puts them on the
queue; the worker runs them, so the web processes never do."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def send_action_item_reminders() -> dict:
    from learningcity.coordination.reminders import send_reminders

    run = send_reminders(today=timezone.localdate(), days_before=settings.ACTION_ITEM_REMINDER_DAYS)
    return {"due_soon": run.due_soon, "overdue": run.overdue, "digest_sent": run.digest_sent}


@task()
def compute_indicators() -> dict:
    from learningcity.indicators.compute import compute_indicators as compute

    return compute(as_of=timezone.localdate())


@task()
def send_session_reminders() -> int:
    from learningcity.catalogue.services.registrations import session_reminders_send

    return session_reminders_send(hours_before=settings.SESSION_REMINDER_HOURS)


@task()
def refresh_upcoming_sessions() -> int:
    from learningcity.catalogue.services.upcoming import refresh_upcoming_sessions as refresh

    return refresh()


@task()
def retry_webhooks() -> int:
    from learningcity.exchange.webhooks import retry_due

    return retry_due()


@task()
def send_monthly_reports() -> int:
    from learningcity.reports.scheduled import send_monthly_reports as send

    return send()


@task()
def apply_retention() -> dict:
    from learningcity.core.retention import apply_retention as apply

    return apply().as_dict()


@task()
def embed_changed_opportunities() -> int:
    from learningcity.catalogue.search.semantic import embed_changed, enabled

    return embed_changed() if enabled() else 0


SCHEDULES = {
    "daily": (send_action_item_reminders, compute_indicators, send_monthly_reports, apply_retention),
    "hourly": (
        send_session_reminders,
        refresh_upcoming_sessions,
        retry_webhooks,
        embed_changed_opportunities,
    ),
}
