"""Reminders about data set forms: before they are due and once overdue, each sent once."""

import datetime as dt

from learningcity.datacollection import places as where
from learningcity.datacollection import services
from learningcity.datacollection.reminders import send_form_reminders
from learningcity.notifications.models import Notification


def test_reminders_go_before_the_due_date_and_when_overdue_once(data_set, places, last_period, coordinator_a):
    due = where.due_date(data_set, last_period)
    # Two governorates: one form each for the last period, due on the same day.
    run = send_form_reminders(today=due - dt.timedelta(days=10), days_before=5)
    # Not yet due soon; the two periods before it are overdue already (two places each).
    assert (run.due_soon, run.overdue) == (0, 4)
    run = send_form_reminders(today=due - dt.timedelta(days=3), days_before=5)
    assert (run.due_soon, run.overdue) == (2, 0)
    assert send_form_reminders(today=due - dt.timedelta(days=2), days_before=5).due_soon == 0
    reminded = Notification.objects.filter(recipient=coordinator_a, kind="data_form.due_soon")
    assert reminded.count() == 2
    # One is submitted in time; only the other becomes overdue.
    services.form_save(
        data_set=data_set, period_start=last_period, place=places["first"],
        entries={"LRN": "5", "CMP": "4"}, submit=True, by=coordinator_a,
    )  # fmt: skip
    run = send_form_reminders(today=due + dt.timedelta(days=1), days_before=5)
    overdue = Notification.objects.filter(recipient=coordinator_a, kind="data_form.overdue")
    assert run.overdue == 1
    assert overdue.count() == 5  # 3 periods × 2 places, less the one submitted in time
    assert send_form_reminders(today=due + dt.timedelta(days=2), days_before=5).overdue == 0


def test_nobody_is_reminded_of_an_inactive_data_set(data_set, last_period):
    data_set.is_active = False
    data_set.save()
    due = where.due_date(data_set, last_period)
    assert send_form_reminders(today=due + dt.timedelta(days=1), days_before=5).overdue == 0
