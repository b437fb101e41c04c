"""The platform's periodic work as background jobs: reminders, computed indicators, webhook
retries, the catalogue's soonest-first order as sessions begin, the retention of personal data.
Each app declares its own in its tasks module with `@periodic("daily")` or `@periodic("hourly")`
(imported by its AppConfig.ready(), so core names no feature app); `learningcity enqueue_jobs
daily|hourly` (from cron or a timer) puts them on the queue and the worker runs them, so the
web processes never do."""

from __future__ import annotations

from collections.abc import Callable

from django_tasks import task
from django_tasks.base import Task

SCHEDULES: dict[str, list[Task]] = {"daily": [], "hourly": []}


def periodic(schedule: str) -> Callable[[Task], Task]:
    def register(job: Task) -> Task:
        SCHEDULES[schedule].append(job)
        return job

    return register


@periodic("daily")
@task()
def apply_retention() -> dict:
    from learningcity.core.retention import apply_retention as apply

    return apply().as_dict()
