"""The worker's side of the outbound-message pipeline (outbox.py)."""

from __future__ import annotations

from django_tasks import task

from learningcity.core.tasks import periodic


@task()
def deliver_messages(message_ids: list[int]) -> dict[str, int]:
    from learningcity.notifications.outbox import deliver

    return deliver(message_ids)


@periodic("hourly")
@task()
def deliver_due_messages() -> dict[str, int]:
    from learningcity.notifications.outbox import deliver_due

    return deliver_due()
