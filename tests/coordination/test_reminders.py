import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from learningcity.coordination.models import ActionItem, DigestLog, ReminderLog
from learningcity.coordination.reminders import send_reminders, week_of
from learningcity.notifications.models import Notification
from tests.factories import ActionItemFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def items(meeting, entity_a, coordinator_a, manager, today):
    ActionItem.objects.filter(meeting=meeting).delete()
    return {
        "soon": ActionItemFactory(
            meeting=meeting, owner_entity=entity_a, due_date=today + dt.timedelta(days=2)
        ),
        "later": ActionItemFactory(
            meeting=meeting, owner_entity=entity_a, due_date=today + dt.timedelta(days=20)
        ),
        "late": ActionItemFactory(
            meeting=meeting, owner_entity=entity_a, due_date=today - dt.timedelta(days=1)
        ),
        "done_late": ActionItemFactory(
            meeting=meeting, owner_entity=entity_a, due_date=today - dt.timedelta(days=5), status="done"
        ),
    }


def _run(**options):
    out = io.StringIO()
    call_command("send_reminders", stdout=out, **options)
    return out.getvalue()


def test_reminders_are_sent_once(items, today, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _run(days_before=3)
    assert "1 due soon, 1 overdue" in first and "digest sent" in first
    kinds = sorted(Notification.objects.values_list("kind", "recipient__username"))
    assert kinds == [
        ("action_item.due_soon", "coordinator_a"),
        ("action_item.overdue", "coordinator_a"),
        ("action_item.weekly_digest", "manager"),
    ]
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        second = _run(days_before=3)
    assert "0 due soon, 0 overdue" in second and "not sent" in second
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == sent


def test_a_new_due_date_is_a_new_reminder(items, today):
    _run(days_before=3)
    late = items["late"]
    late.due_date = today - dt.timedelta(days=1) + dt.timedelta(days=0)
    ActionItem.objects.filter(pk=late.pk).update(due_date=today + dt.timedelta(days=1))
    assert "1 due soon, 0 overdue" in _run(days_before=3)
    assert ReminderLog.objects.filter(action_item=late).count() == 2


def test_reminder_window_is_configurable(items):
    assert "2 due soon" in _run(days_before=30)


def test_weekly_digest_once_per_working_week(items, today):
    # The first Sunday on or after today: the late item (due yesterday) is overdue by then,
    # whatever day of the week the suite runs (taking the Sunday before failed on Mondays).
    sunday = today + dt.timedelta(days=(6 - today.weekday()) % 7)
    assert week_of(sunday) == week_of(sunday + dt.timedelta(days=6)) != week_of(sunday + dt.timedelta(days=7))
    assert send_reminders(today=sunday, days_before=3).digest_sent
    assert not send_reminders(today=sunday + dt.timedelta(days=4), days_before=3).digest_sent  # Thursday
    assert send_reminders(today=sunday + dt.timedelta(days=7), days_before=3).digest_sent
    assert DigestLog.objects.count() == 2
    digest = Notification.objects.filter(kind="action_item.weekly_digest").first()
    assert items["late"].title_ar in digest.body


def test_bad_date_option_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run(date="14/12/2025")
