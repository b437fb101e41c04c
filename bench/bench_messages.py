"""An announcement to 10,000 coordinators: how long the manager waits, and how many messages per
second the worker then sends through the outbound pipeline (notifications/outbox.py) — beside
a bare `send_mail` loop over the same addresses in the same run, the floor of any e-mail
sending. Mail goes to Django's in-memory back-end, so the figures are the platform's own cost,
not a mail server's.

    .venv/bin/python bench/bench_messages.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/learningcity_bench .venv/bin/python bench/bench_messages.py
"""

from __future__ import annotations

import time

from common import data_line, report, scale_database

COORDINATORS = 10_000


def main() -> None:
    vendor, seeded, size = scale_database()
    from django.conf import settings
    from django.core import mail
    from django.core.mail import send_mail
    from django.db import transaction
    from django.test.utils import override_settings

    from learningcity.accounts.models import Role, User
    from learningcity.notifications.announcements import announcement_fan_out, announcement_send
    from learningcity.notifications.models import Announcement, Notification, OutboundMessage
    from learningcity.notifications.outbox import deliver
    from learningcity.partners.models import Coordinator, Entity

    entities = list(Entity.objects.order_by("pk").values_list("pk", flat=True))
    User.objects.bulk_create(
        [
            User(username=f"bench-coordinator-{n}", email=f"bench-{n}@example.sa", role=Role.COORDINATOR)
            for n in range(COORDINATORS)
        ],
        batch_size=2000,
    )
    users = list(User.objects.filter(username__startswith="bench-coordinator-"))
    Coordinator.objects.bulk_create(
        [
            Coordinator(
                entity_id=entities[n % len(entities)], user=user, full_name_ar=user.username, gender="m"
            )
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )
    manager = User.objects.create(username="bench-manager", role=Role.PROGRAMME_MANAGER)
    last_before = OutboundMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
    ):
        # What the manager waits for: the service and its commit (the fan-out job is queued on commit).
        started = time.perf_counter()
        with transaction.atomic():
            announcement = announcement_send(
                data={"title_ar": "إعلان للقياس", "body_ar": "نص الإعلان", "audience": "all"}, by=manager
            )
        request_seconds = time.perf_counter() - started
        # The worker, first: receipts, notifications and messages for every recipient.
        began = time.perf_counter()
        recipients = announcement_fan_out(announcement_id=announcement.pk)
        fan_out_seconds = time.perf_counter() - began
        ids = list(
            OutboundMessage.objects.filter(pk__gt=last_before).order_by("pk").values_list("pk", flat=True)
        )
        # Then every message through the pipeline (claim, render, send, record), as the jobs do.
        mail.outbox = []
        began = time.perf_counter()
        for start in range(0, len(ids), 200):
            deliver(ids[start : start + 200])
        pipeline_seconds = time.perf_counter() - began
        delivered = len(mail.outbox)

        # Baseline: a bare send_mail loop over the same addresses.
        addresses = [user.email for user in users]
        mail.outbox = []
        began = time.perf_counter()
        for address in addresses:
            send_mail("إعلان للقياس", "نص الإعلان", None, [address])
        floor_seconds = time.perf_counter() - began

    # Leave the benchmark database as it was.
    from django_tasks_db.models import DBTaskResult

    OutboundMessage.objects.filter(pk__in=ids).delete()
    Notification.objects.filter(kind="announcement.sent", title="إعلان للقياس").delete()
    DBTaskResult.objects.filter(task_path="learningcity.notifications.tasks.deliver_messages").delete()
    Announcement.objects.filter(pk=announcement.pk).delete()
    Coordinator.objects.filter(user__username__startswith="bench-coordinator-").delete()
    User.objects.filter(username__startswith="bench-").delete()

    per_second, floor_per_second = delivered / pipeline_seconds, len(addresses) / floor_seconds
    lines = [
        data_line(size, seeded),
        f"An announcement to all partners: {COORDINATORS:,} coordinators with an e-mail address "
        f"(plus the data set's own); mail to Django's in-memory back-end ({settings.TASKS_BACKEND} queue).",
        "",
        "| Work | messages | seconds | messages/s | vs bare send_mail |",
        "|---|---|---|---|---|",
        f"| the manager's request: the announcement written, its fan-out queued | | {request_seconds:.3f} | | |",
        f"| the worker's fan-out: {recipients:,} receipts and notifications, {len(ids):,} messages written | "
        f"{len(ids):,} | {fan_out_seconds:.1f} | {len(ids) / fan_out_seconds:,.0f} | |",
        f"| the worker: outbound pipeline (claim, HTML and text e-mail, send, record) | {delivered:,} | "
        f"{pipeline_seconds:.1f} | {per_second:,.0f} | {per_second / floor_per_second:.2f}× |",
        f"| baseline: a bare `send_mail` loop, same addresses | {len(addresses):,} | {floor_seconds:.1f} | "
        f"{floor_per_second:,.0f} | |",
    ]
    report("Outbound messages: an announcement to 10,000 coordinators", vendor, lines)


if __name__ == "__main__":
    main()
