"""Where each person starts after signing in: what needs them, not a bare account page.

A learner goes to "my learning" (what is next for them). A partner coordinator sees what waits
on their entities: offers on their initiatives' needs waiting for their decision, overdue and
soon-due action items, indicator values to report and values returned to them. A programme
manager sees the exceptions across the programme: overdue action items, initiatives at risk,
values and contributions waiting for review, entities late in reporting. Evaluators and
leadership see the same exceptions without the review queue, which is not theirs to clear.

It reads every area at once, like the home page, so it lives at the project level.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from learningcity.collaboration.models import Pledge, PledgeStatus, Practice, ReviewStatus, Story
from learningcity.coordination.models import ActionItem
from learningcity.datacollection import selectors as collection
from learningcity.festivals.models import EventStatus, FestivalEvent, HostSignUp, HostStatus
from learningcity.indicators.calc import period_label
from learningcity.indicators.held import without_held
from learningcity.indicators.models import Measurement, MeasurementStatus
from learningcity.indicators.selectors import freshness, verification_queue
from learningcity.partners.permissions import coordinated_entity_ids
from learningcity.programme.selectors import at_risk

SHOWN = 5  # rows per section; the section's link leads to all of them
DUE_SOON_DAYS = 14


@dataclass
class Section:
    """One kind of thing needing attention; the template lays out rows by `key`."""

    key: str
    count: int
    rows: list[Any] = field(default_factory=list)
    see_all: str = ""


def _tracker(name: str, **filters: Any) -> str:
    return f"{reverse(name)}?{urlencode(filters)}" if filters else reverse(name)


def _action_items(entity_ids: frozenset[int] | None, today: dt.date) -> list[Section]:
    items = ActionItem.objects.select_related("owner_entity", "meeting")
    tracker = "coordination:action_item_list"
    if entity_ids is not None:
        items = items.filter(owner_entity_id__in=entity_ids)
        tracker = "coordination:my_action_items"
    overdue = items.overdue(today).order_by("due_date", "pk")
    soon = items.still_open().filter(due_date__gte=today, due_date__lte=today + dt.timedelta(DUE_SOON_DAYS))
    soon = soon.order_by("due_date", "pk")
    return [
        Section("overdue", overdue.count(), list(overdue[:SHOWN]), _tracker(tracker, overdue="on")),
        Section(
            "due_soon",
            soon.count(),
            list(soon[:SHOWN]),
            _tracker(
                tracker, due_from=today.isoformat(), due_to=(today + dt.timedelta(DUE_SOON_DAYS)).isoformat()
            ),
        ),
    ]


def _offers_waiting(entity_ids: frozenset[int]) -> Section:
    """Offers on their initiatives' open needs that only the owner entity can accept or decline."""
    pledges = (
        Pledge.objects.filter(
            status=PledgeStatus.OFFERED,
            need__initiative__owner_entity_id__in=entity_ids,
            need__closed_at__isnull=True,
        )
        .select_related("entity", "need__initiative")
        .order_by("created_at", "pk")
    )
    return Section("offers", pledges.count(), list(pledges[:SHOWN]), reverse("collaboration:need_list"))


def _values_to_report(entity_ids: frozenset[int], today: dt.date) -> list[Section]:
    late = [
        {**row, "period": period_label(row["expected"], row["indicator"].frequency)}
        for row in freshness(today=today)["rows"]
        if not row["on_time"] and row["indicator"].owner_entity_id in entity_ids
    ]
    # A form's values come back with their form, which "forms to fill" lists once.
    returned = (
        without_held(
            Measurement.objects.filter(
                status=MeasurementStatus.RETURNED, indicator__owner_entity_id__in=entity_ids
            )
        )
        .select_related("indicator")
        .order_by("-period_start", "pk")
    )
    return [
        Section("to_report", len(late), late[:SHOWN], reverse("indicators:freshness")),
        Section("returned_values", returned.count(), list(returned[:SHOWN]), reverse("indicators:list")),
    ]


def _at_risk(today: dt.date) -> Section:
    rows = at_risk(today=today)
    return Section("at_risk", len(rows), rows[:SHOWN], reverse("programme:at_risk"))


def _waiting_for_review() -> Section:
    values = verification_queue().count()
    practices = Practice.objects.filter(status=ReviewStatus.SUBMITTED).count()
    stories = Story.objects.filter(status=ReviewStatus.SUBMITTED).count()
    events = FestivalEvent.objects.filter(status=EventStatus.SUBMITTED).count()
    hosts = HostSignUp.objects.filter(status=HostStatus.PENDING).count()
    rows = [
        {"kind": kind, "count": count, "url": reverse(url)}
        for kind, count, url in (
            ("values", values, "indicators:verification"),
            ("practices", practices, "collaboration:practice_list"),
            ("stories", stories, "collaboration:story_list"),
            ("festival_events", events, "festivals:list"),
            ("festival_hosts", hosts, "festivals:host_list"),
        )
        if count
    ]
    return Section("review", values + practices + stories + events + hosts, rows)


def _late_reporting(today: dt.date) -> Section:
    entities = [
        row
        for row in freshness(today=today)["entities"]
        if row["entity"] is not None and row["score"] is not None and row["score"] < 100
    ]
    return Section("late_entities", len(entities), entities[:SHOWN], reverse("indicators:freshness"))


def _forms_to_fill(user: Any, today: dt.date) -> Section:
    slots = collection.forms_to_fill(user, today)
    return Section("forms_to_fill", len(slots), slots[:SHOWN], reverse("datacollection:to_fill"))


def _forms_to_approve(user: Any) -> Section:
    forms = collection.forms_to_approve(user)
    return Section("forms_to_approve", len(forms), forms[:SHOWN], reverse("datacollection:to_approve"))


def sections_for(user: Any, today: dt.date | None = None) -> list[Section]:
    """What needs `user`, most pressing first; empty sections are left out."""
    today = today or timezone.localdate()
    if user.is_programme_manager:
        sections = [
            *_action_items(None, today)[:1],
            _at_risk(today),
            _waiting_for_review(),
            _forms_to_approve(user),
            _late_reporting(today),
        ]
    elif user.is_coordinator:
        entities = coordinated_entity_ids(user)
        sections = [
            _offers_waiting(entities),
            *_action_items(entities, today),
            _forms_to_fill(user, today),
            *_values_to_report(entities, today),
            _forms_to_approve(user),
        ]
    else:
        sections = [
            *_action_items(None, today)[:1],
            _forms_to_approve(user),
            _at_risk(today),
            _late_reporting(today),
        ]
    return [section for section in sections if section.count]


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff_member:
        return redirect("catalogue:my_learning")
    return render(request, "my_work.html", {"sections": sections_for(request.user)})
