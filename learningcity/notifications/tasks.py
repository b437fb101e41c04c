"""The worker's side of the outbound-message pipeline (outbox.py)."""

from __future__ import annotations

from django_tasks import task

from learningcity.core.tasks import periodic


@task()
def deliver_messages(message_ids: list[int]) -> dict[str, int]:
    from learningcity.notifications.outbox import deliver

    return deliver(message_ids)


@task()
def send_announcement(announcement_id: int) -> int:
    from learningcity.notifications.announcements import announcement_fan_out

    return announcement_fan_out(announcement_id=announcement_id)


@periodic("hourly")
@task()
def deliver_due_messages() -> dict[str, int]:
    from learningcity.notifications.outbox import deliver_due

    return deliver_due()
