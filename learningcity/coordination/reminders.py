"""Reminders about action items: before the due date, once overdue, and a weekly digest of
overdue items for programme managers. Each is sent once — the logs make a second run on
the same day (or a run from a second worker) send nothing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from learningcity.accounts.selectors import programme_managers
from learningcity.coordination.models import ActionItem, DigestLog, ReminderKind, ReminderLog
from learningcity.coordination.services.actions import owner_users
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify


@dataclass
class ReminderRun:
    due_soon: int = 0
    overdue: int = 0
    digest_sent: bool = False


def _not_yet_reminded(items, kind: str):  # QuerySet in, QuerySet out
    sent = ReminderLog.objects.filter(action_item=OuterRef("pk"), kind=kind, due_date=OuterRef("due_date"))
    return items.filter(~Exists(sent))


def _remind(item: ActionItem, kind: str, title: Any) -> bool:
    try:
        with transaction.atomic():
            ReminderLog.objects.create(action_item=item, kind=kind, due_date=item.due_date)
            notify(
                recipients=owner_users(item),
                kind=f"action_item.{kind}",
                title=said(title, title=Named(item, "title")),
                body=f"{item.owner_entity.name_ar} — {item.due_date.isoformat()}",
                url=item.get_absolute_url(),
            )
    except IntegrityError:  # another run got there first
        return False
    return True


def send_due_reminders(*, today: dt.date, days_before: int) -> ReminderRun:
    run = ReminderRun()
    open_items = ActionItem.objects.still_open().select_related("owner_entity", "owner_person__user")
    due_soon = _not_yet_reminded(
        open_items.filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days=days_before)),
        ReminderKind.DUE_SOON,
    )
    due_soon_title = _("Reminder: action item due soon: %(title)s")
    for item in due_soon:
        run.due_soon += _remind(item, ReminderKind.DUE_SOON, due_soon_title)
    overdue_title = _("Overdue action item: %(title)s")
    for item in _not_yet_reminded(open_items.overdue(today), ReminderKind.OVERDUE):
        run.overdue += _remind(item, ReminderKind.OVERDUE, overdue_title)
    return run


def week_of(day: dt.date) -> str:
    """The working week a day falls in, named by its Sunday: the Saudi working week runs
    Sunday to Thursday, so ISO weeks (Monday first) would split it."""
    sunday = day - dt.timedelta(days=(day.weekday() + 1) % 7)
    return sunday.isoformat()


def send_weekly_digest(*, today: dt.date) -> bool:
    """The week's digest of overdue items by entity, to every programme manager; once a week."""
    overdue = (
        ActionItem.objects.overdue(today)
        .select_related("owner_entity")
        .order_by("owner_entity__name_ar", "due_date")
    )
    by_entity: dict[str, list[ActionItem]] = defaultdict(list)
    for item in overdue:
        by_entity[item.owner_entity.name_ar].append(item)
    try:
        with transaction.atomic():
            DigestLog.objects.create(period=week_of(today))
            if by_entity:
                lines = []
                for entity_name, items in by_entity.items():
                    lines.append(f"{entity_name}: {len(items)}")
                    lines.extend(f"  - {item.title_ar} ({item.due_date.isoformat()})" for item in items)
                managers = programme_managers()
                notify(
                    recipients=managers,
                    kind="action_item.weekly_digest",
                    title=said(
                        ngettext_lazy(
                            "Weekly digest: %(count)s overdue action item",
                            "Weekly digest: %(count)s overdue action items",
                            "count",
                        ),
                        count=len(overdue),
                    ),
                    body="\n".join(lines),
                    url=_overdue_tracker_url(),
                )
    except IntegrityError:
        return False
    return bool(by_entity)


def _overdue_tracker_url() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return f"{reverse('coordination:action_item_list')}?overdue=on"


def send_reminders(*, today: dt.date, days_before: int) -> ReminderRun:
    run = send_due_reminders(today=today, days_before=days_before)
    run.digest_sent = send_weekly_digest(today=today)
    return run
