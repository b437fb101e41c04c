"""Where each person starts after signing in (learningcity/my_work.py): a coordinator sees what
waits on their own entities and nobody else's, a manager the programme's exceptions, a learner
goes to "my learning"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learningcity.collaboration.models import Need, NeedKind, Pledge
from learningcity.programme.models import Challenge
from tests.conftest import client_for
from tests.factories import TEST_PASSWORD, ActionItemFactory, IndicatorFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


def _offer_on(initiative, by_entity, title="تمويل حقائب تدريبية") -> Pledge:
    need = Need.objects.create(
        initiative=initiative,
        kind=NeedKind.FUNDING,
        title_ar=title,
        title_en="Training kits funding",
        amount=Decimal("50000"),
        deadline=_today() + dt.timedelta(days=20),
    )
    return Pledge.objects.create(need=need, entity=by_entity, size=Decimal("10000"))


def _page(user, language="ar"):
    response = client_for(user).get(f"/{language}/my-work/")
    assert response.status_code == 200
    return response.content.decode()


def test_signing_in_leads_staff_to_what_needs_them_and_learners_to_my_learning(
    client, coordinator_a, learner
):
    response = client.post("/ar/accounts/login/", {"username": "coordinator_a", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/ar/my-work/"
    response = client_for(learner).get("/en/my-work/")
    assert response.status_code == 302 and response["Location"] == "/en/learn/my-learning/"


def test_a_coordinator_sees_offers_overdue_and_due_items_and_values_of_their_entities_only(
    coordinator_a, entity_a, entity_b
):
    mine = InitiativeFactory(owner_entity=entity_a)
    theirs = InitiativeFactory(owner_entity=entity_b)
    _offer_on(mine, entity_b, "قاعة تدريب لمبادرتنا")
    _offer_on(theirs, entity_a, "عرض على مبادرة غيرنا")
    ActionItemFactory(
        owner_entity=entity_a, title_ar="مهمة فات موعدها", due_date=_today() - dt.timedelta(days=3)
    )
    ActionItemFactory(owner_entity=entity_a, title_ar="مهمة قريبة", due_date=_today() + dt.timedelta(days=5))
    ActionItemFactory(owner_entity=entity_a, title_ar="مهمة بعيدة", due_date=_today() + dt.timedelta(days=60))
    ActionItemFactory(
        owner_entity=entity_b, title_ar="مهمة جهة أخرى", due_date=_today() - dt.timedelta(days=3)
    )
    IndicatorFactory(owner_entity=entity_a, name_ar="عدد المتدربين")
    IndicatorFactory(owner_entity=entity_b, name_ar="مؤشر جهة أخرى")

    page = _page(coordinator_a)
    for shown in (
        "عروض تنتظر قرارك",
        "قاعة تدريب لمبادرتنا",
        "مهمة فات موعدها",
        "مهمة قريبة",
        "عدد المتدربين",
    ):
        assert shown in page, shown
    for hidden in ("عرض على مبادرة غيرنا", "مهمة بعيدة", "مهمة جهة أخرى", "مؤشر جهة أخرى"):
        assert hidden not in page, hidden
    # The decision waiting on them comes first.
    assert page.index('data-testid="section-offers"') < page.index('data-testid="section-overdue"')


def test_a_coordinator_with_nothing_waiting_is_told_so(coordinator_a):
    page = _page(coordinator_a, "en")
    assert "Nothing is waiting for you" in page


def test_a_manager_sees_the_exceptions_across_the_programme(manager, entity_a, entity_b):
    ActionItemFactory(
        owner_entity=entity_b, title_ar="مهمة متأخرة لدى الشريك", due_date=_today() - dt.timedelta(days=9)
    )
    ActionItemFactory(
        owner_entity=entity_a, title_ar="مهمة لم يحن موعدها", due_date=_today() + dt.timedelta(days=5)
    )
    initiative = InitiativeFactory(owner_entity=entity_a, title_ar="مبادرة تواجه تحديًا")
    Challenge.objects.create(
        initiative=initiative, title="تعذر الوصول إلى القاعة", category="logistics", severity="critical"
    )

    page = _page(manager)
    assert "مهمة متأخرة لدى الشريك" in page
    assert "مهمة لم يحن موعدها" not in page  # due soon is the coordinator's to plan, not an exception
    assert "مبادرة تواجه تحديًا" in page and "تحدٍّ ميداني خطير" in page


def test_the_page_costs_the_same_queries_however_much_is_waiting(coordinator_a, entity_a, entity_b):
    initiative = InitiativeFactory(owner_entity=entity_a)
    _offer_on(initiative, entity_b)
    ActionItemFactory(owner_entity=entity_a, due_date=_today() - dt.timedelta(days=3))
    IndicatorFactory(owner_entity=entity_a)
    client = client_for(coordinator_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/ar/my-work/").status_code == 200
        return len(captured)

    before = queries()
    for _ in range(8):
        _offer_on(initiative, entity_b)
        ActionItemFactory(owner_entity=entity_a, due_date=_today() - dt.timedelta(days=3))
        IndicatorFactory(owner_entity=entity_a)
    assert queries() == before


def test_a_coordinator_sees_the_forms_due_and_an_approver_the_forms_waiting(
    coordinator_a, entity_a, viewer, manager
):
    from learningcity.datacollection import services
    from learningcity.datacollection.models import Approver, DataSet
    from learningcity.indicators import calc
    from learningcity.my_work import sections_for
    from tests.factories import GovernorateFactory, IndicatorFactory

    today = timezone.localdate()
    last = calc.last_complete_period(today, "monthly")
    governorate = GovernorateFactory()
    indicator = IndicatorFactory(owner_entity=entity_a)
    data_set = DataSet.objects.create(code="m", name_ar="شهرية", frequency="monthly", opens_on=last)
    data_set.indicators.set([indicator])
    data_set.entities.set([entity_a])
    data_set.governorates.set([governorate])
    sections = {section.key: section for section in sections_for(coordinator_a, today)}
    assert sections["forms_to_fill"].count == 1
    Approver.objects.create(scope=f"governorate:{governorate.pk}", user=viewer)
    services.form_save(
        data_set=data_set, period_start=last, place=governorate, entries={indicator.code: "5"}, submit=True,
        by=coordinator_a,
    )  # fmt: skip
    assert "forms_to_fill" not in {section.key for section in sections_for(coordinator_a, today)}
    waiting = {section.key: section for section in sections_for(viewer, today)}["forms_to_approve"]
    assert waiting.count == 1
    page = client_for(viewer).get("/en/my-work/")
    assert "Forms to approve" in page.content.decode()
