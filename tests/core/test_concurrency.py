"""Optimistic locking: two people edit the same initiative or action item; the second save is
refused with what changed meanwhile, keeps what was typed, and goes through once looked at."""

import datetime as dt
import time

import pytest
from django.db import connection
from django.utils import timezone

from learningcity.accounts.models import Role
from learningcity.coordination.models import ActionItem
from learningcity.programme.models import Initiative
from tests.concurrency import at_the_same_moment
from tests.conftest import client_for
from tests.factories import ActionItemFactory, InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db


def form_data(page_form_fields, **changes):
    return {**page_form_fields, **changes}


def initial_data(response):
    """The edit form's values as the page sent them (what a browser would post back)."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def test_the_second_save_of_an_initiative_is_refused_with_what_changed(manager):
    initiative = InitiativeFactory(title_ar="مبادرة القراءة")
    url = f"/ar/initiatives/{initiative.pk}/edit/"
    first, second = client_for(manager), client_for(manager)
    first_form = initial_data(first.get(url))
    second_form = initial_data(second.get(url))

    assert first.post(url, {**first_form, "title_ar": "مبادرة القراءة للجميع"}).status_code == 302
    refused = second.post(url, {**second_form, "title_ar": "مبادرة الكتاب"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "لم تُحفظ تغييراتك" in page and "manager" in page
    assert 'value="مبادرة الكتاب"' in page  # what the second person typed is kept
    assert Initiative.objects.get(pk=initiative.pk).title_ar == "مبادرة القراءة للجميع"

    # Having looked, the second person saves again and their version is kept.
    again = initial_data(refused)
    assert second.post(url, again).status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).title_ar == "مبادرة الكتاب"


def test_the_second_save_of_an_action_item_is_refused(manager):
    item = ActionItemFactory(title_ar="إعداد التقرير", due_date=timezone.localdate() + dt.timedelta(days=9))
    url = f"/ar/action-items/{item.pk}/edit/"
    first, second = client_for(manager), client_for(manager)
    first_form, second_form = initial_data(first.get(url)), initial_data(second.get(url))
    assert first.post(url, {**first_form, "title_ar": "إعداد التقرير النهائي"}).status_code == 302
    refused = second.post(url, {**second_form, "title_ar": "مراجعة التقرير"})
    assert refused.status_code == 400 and "لم تُحفظ تغييراتك" in refused.content.decode()
    assert ActionItem.objects.get(pk=item.pk).title_ar == "إعداد التقرير النهائي"


def test_saving_without_anyone_else_in_between_is_not_a_conflict(manager):
    initiative = InitiativeFactory()
    url = f"/ar/initiatives/{initiative.pk}/edit/"
    client = client_for(manager)
    data = initial_data(client.get(url))
    assert client.post(url, {**data, "title_ar": "عنوان أول"}).status_code == 302
    data = initial_data(client.get(url))
    assert client.post(url, {**data, "title_ar": "عنوان ثان"}).status_code == 302


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL for concurrent transactions")
@pytest.mark.parametrize("kind", ["initiative", "action_item"])
def test_simultaneous_saves_keep_exactly_one_and_refuse_the_others(kind, monkeypatch):
    """Four people press save at the same moment, each on the form they opened before anyone
    saved: one save lands, the other three are told of the conflict; nothing is lost silently.
    (Checked: without the row lock in check_unchanged, several saves go through.)"""
    from learningcity.coordination.services import actions as action_item_services
    from learningcity.core import concurrency
    from learningcity.programme.services import initiatives as initiative_services

    manager = UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    if kind == "initiative":
        record = InitiativeFactory(title_ar="مبادرة القراءة")
        url, model = f"/ar/initiatives/{record.pk}/edit/", Initiative
    else:
        record = ActionItemFactory(
            title_ar="إعداد التقرير", due_date=timezone.localdate() + dt.timedelta(days=9)
        )
        url, model = f"/ar/action-items/{record.pk}/edit/", ActionItem
    clients = [client_for(manager) for _ in range(4)]
    forms = [initial_data(client.get(url)) for client in clients]

    # Widen the window between reading the version and writing, as a slow request would.
    real_check = concurrency.check_unchanged

    def slow_check(*args, **kwargs):
        result = real_check(*args, **kwargs)
        time.sleep(0.05)
        return result

    for module in (initiative_services, action_item_services):
        monkeypatch.setattr(module, "check_unchanged", slow_check)
    responses = at_the_same_moment(
        [
            lambda index=index: clients[index].post(url, {**forms[index], "title_ar": f"عنوان {index}"})
            for index in range(len(clients))
        ]
    )
    statuses = [response.status_code for response in responses]

    assert sorted(statuses) == [302, 400, 400, 400]
    saved = model.objects.get(pk=record.pk).title_ar
    assert saved in {f"عنوان {index}" for index in range(len(clients))}
