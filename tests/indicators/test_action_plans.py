"""From a red indicator to action: an action plan's story, partners and actions, the actions
followed in the tracker like any other action item."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from learningcity.coordination.models import ActionItem
from learningcity.indicators import services
from learningcity.notifications.models import Notification
from tests.conftest import client_for


def _plan(indicator, by, entity):
    return services.action_plan_save(
        indicator=indicator,
        data={"story_ar": "تراجع الالتحاق بعد نقل المراكز", "what_works_ar": "فصول مسائية قريبة"},
        partners=[entity],
        by=by,
    )


def test_the_owner_entity_writes_the_plan_and_a_manager_adds_actions(
    indicator, coordinator_a, coordinator_b, manager, entity_a, entity_b
):
    plan = _plan(indicator, coordinator_a, entity_b)
    with pytest.raises(PermissionDenied):
        _plan(indicator, coordinator_b, entity_b)
    due = dt.date(2027, 1, 31)
    with pytest.raises(PermissionDenied):
        services.action_plan_add_action(
            plan=plan,
            data={"title_ar": "فتح فصل مسائي", "owner_entity": entity_b, "due_date": due},
            by=coordinator_a,
        )
    item = services.action_plan_add_action(
        plan=plan, data={"title_ar": "فتح فصل مسائي", "owner_entity": entity_b, "due_date": due}, by=manager
    )
    assert item.meeting is None and list(plan.actions.all()) == [item]
    # Followed like any other: in the tracker, and its entity told.
    assert Notification.objects.filter(kind="action_item.assigned").exists()
    tracker = client_for(manager).get("/ar/action-items/").content.decode()
    assert "فتح فصل مسائي" in tracker


def test_the_pages_show_the_plan_and_keep_a_refused_action(indicator, coordinator_a, manager, entity_a):
    plan = _plan(indicator, coordinator_a, entity_a)
    page = client_for(manager).get(f"/en/indicators/{indicator.pk}/").content.decode()
    assert plan.get_absolute_url() in page
    answer = client_for(manager).post(
        f"/en/indicators/plans/{plan.pk}/actions/",
        {"title_ar": "إجراء دون موعد", "owner_entity": entity_a.pk},
    )
    assert answer.status_code == 400
    assert "إجراء دون موعد" in answer.content.decode()
    assert not ActionItem.objects.exists()
    answer = client_for(coordinator_a).post(
        f"/en/indicators/{indicator.pk}/plans/new/", {"story_ar": "", "what_works_ar": "شيء"}
    )
    assert answer.status_code == 400 and "شيء" in answer.content.decode()
