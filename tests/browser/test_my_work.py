"""A coordinator signs in on a phone and starts on what needs them: the offer waiting for their
decision is the first thing on the page and one tap from where they decide; axe-core finds
nothing serious in either language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from learningcity.collaboration.models import Need, NeedKind, Pledge
from tests.factories import (
    TEST_PASSWORD,
    ActionItemFactory,
    EntityFactory,
    InitiativeFactory,
    coordinator_user,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("language", "heading", "offers", "decide"),
    [
        ("ar", "ما ينتظرك", "عروض تنتظر قرارك", "قاعة تدريب للمبادرة"),
        ("en", "What needs you", "Offers waiting for your decision", "A training room for the initiative"),
    ],
)
def test_a_coordinator_starts_on_the_offer_waiting_for_them(phone, language, heading, offers, decide):
    owner, partner = EntityFactory(), EntityFactory()
    coordinator_user(owner, "coordinator")
    need = Need.objects.create(
        initiative=InitiativeFactory(owner_entity=owner),
        kind=NeedKind.VENUE,
        title_ar="قاعة تدريب للمبادرة",
        title_en="A training room for the initiative",
        quantity=1,
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    Pledge.objects.create(need=need, entity=partner, size=Decimal("1"))
    ActionItemFactory(owner_entity=owner, due_date=timezone.localdate() - dt.timedelta(days=2))

    phone.sign_in("coordinator", TEST_PASSWORD, language)
    page = phone.page
    assert page.url.endswith(f"/{language}/my-work/")
    assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    first_section = page.locator("main section").first
    assert offers in first_section.get_by_role("heading").inner_text()
    assert phone.serious_accessibility_violations() == []
    first_section.get_by_role("link", name=decide).click()
    page.wait_for_url(f"**{need.get_absolute_url()}".replace("/ar/", f"/{language}/"))
