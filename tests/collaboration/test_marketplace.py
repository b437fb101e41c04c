"""The partnership marketplace: publishing needs, pledge arithmetic (never more than the need
still lacks, never after the deadline), the owner's decision and what an accepted pledge
becomes (the initiative's funding or an allocated resource, counted in the sector figures)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learningcity.collaboration.models import Need, NeedKind, Pledge, PledgeStatus
from learningcity.collaboration.selectors import contributions_by_sector
from learningcity.collaboration.services import marketplace as services
from learningcity.core.models import AuditEntry
from learningcity.notifications.models import Notification
from learningcity.partners.models import Sector
from learningcity.programme.models import InitiativeFunding, ResourceRequest, ResourceRequestStatus
from learningcity.reports.city import ReportScope, city_report
from tests.collaboration.conftest import queries_for
from tests.conftest import client_for
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def initiative(entity_a):
    return InitiativeFactory(owner_entity=entity_a)


def _need(initiative, kind=NeedKind.FUNDING, **values) -> Need:
    size = (
        {"amount": Decimal("100000")} if kind in (NeedKind.FUNDING, NeedKind.SPONSORSHIP) else {"quantity": 3}
    )
    defaults = {
        "title_ar": "تمويل برنامج تدريب",
        "title_en": "Training funding",
        "deadline": TODAY() + dt.timedelta(days=10),
    }
    return Need.objects.create(initiative=initiative, kind=kind, **{**defaults, **size, **values})


def test_the_owner_publishes_a_need_and_a_partner_cannot(coordinator_a, coordinator_b, initiative):
    form = {
        "initiative": initiative.pk, "kind": "funding", "title_ar": "تمويل حقائب تدريبية", "amount": "50000",
        "deadline": (TODAY() + dt.timedelta(days=20)).isoformat(),
    }  # fmt: skip
    assert client_for(coordinator_b).post("/ar/marketplace/needs/new/", form).status_code == 403
    response = client_for(coordinator_a).post("/ar/marketplace/needs/new/", form)
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    assert need.size == Decimal("50000") and need.created_by == coordinator_a
    assert AuditEntry.objects.for_object(need).exists()


def test_a_need_says_how_much_and_has_a_future_deadline(coordinator_a, initiative):
    client = client_for(coordinator_a)
    form = {
        "initiative": initiative.pk,
        "kind": "funding",
        "title_ar": "تمويل",
        "deadline": TODAY().isoformat(),
    }
    response = client.post("/ar/marketplace/needs/new/", form)
    assert response.status_code == 400 and "يُرجى ذكر مقدار التمويل اللازم" in response.content.decode()
    past = {**form, "amount": "100", "deadline": (TODAY() - dt.timedelta(days=1)).isoformat()}
    response = client.post("/ar/marketplace/needs/new/", past)
    assert response.status_code == 400 and not Need.objects.exists()
    assert 'value="تمويل"' in response.content.decode()  # what was typed is kept


def test_a_private_partner_pledges_and_the_owner_is_told(coordinator_a, coordinator_b, entity_b, initiative):
    need = _need(initiative)
    response = client_for(coordinator_b).post(
        f"/ar/marketplace/needs/{need.pk}/pledge/", {"entity": entity_b.pk, "size": "40000", "note": "دعم"}
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert (pledge.entity, pledge.size, pledge.status) == (entity_b, Decimal("40000"), PledgeStatus.OFFERED)
    assert Notification.objects.filter(recipient=coordinator_a, kind="pledge.offered").exists()
    # An offer is not counted until accepted.
    assert services.remaining(need) == Decimal("100000")


def test_a_pledge_larger_than_what_is_left_is_refused_and_nothing_is_saved(
    coordinator_a, coordinator_b, entity_b, initiative
):
    need = _need(initiative)
    first = services.pledge_offer(need=need, entity=entity_b, size=Decimal("70000"), by=coordinator_b)
    services.pledge_decide(pledge=first, accept=True, by=coordinator_a)
    response = client_for(coordinator_b).post(
        f"/ar/marketplace/needs/{need.pk}/pledge/", {"entity": entity_b.pk, "size": "30000.01"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "أكبر مما" in page and "30,000.00" in page.replace("٬", ",")
    assert Pledge.objects.count() == 1
    # Exactly what is left is fine.
    services.pledge_offer(need=need, entity=entity_b, size=Decimal("30000"), by=coordinator_b)


def test_an_accepted_offer_is_checked_again_against_what_is_left(
    coordinator_a, coordinator_b, entity_b, initiative
):
    need = _need(initiative)
    one = services.pledge_offer(need=need, entity=entity_b, size=Decimal("60000"), by=coordinator_b)
    two = services.pledge_offer(need=need, entity=entity_b, size=Decimal("60000"), by=coordinator_b)
    services.pledge_decide(pledge=one, accept=True, by=coordinator_a)
    with pytest.raises(ValidationError):
        services.pledge_decide(pledge=two, accept=True, by=coordinator_a)
    two.refresh_from_db()
    assert two.status == PledgeStatus.OFFERED
    assert InitiativeFunding.objects.count() == 1


def test_no_offer_after_the_deadline_or_once_closed(coordinator_a, coordinator_b, entity_b, initiative):
    need = _need(initiative, deadline=TODAY() - dt.timedelta(days=1))
    response = client_for(coordinator_b).post(
        f"/ar/marketplace/needs/{need.pk}/pledge/", {"entity": entity_b.pk, "size": "10"}
    )
    assert response.status_code == 400 and "الموعد" in response.content.decode()
    open_need = _need(initiative)
    services.need_close(need=open_need, by=coordinator_a)
    with pytest.raises(ValidationError):
        services.pledge_offer(need=open_need, entity=entity_b, size=Decimal("10"), by=coordinator_b)
    assert not Pledge.objects.exists()


def test_no_pledge_for_another_entity_or_to_ones_own_initiative(
    coordinator_a, coordinator_b, entity_a, initiative
):
    need = _need(initiative)
    with pytest.raises(PermissionDenied):
        services.pledge_offer(need=need, entity=entity_a, size=Decimal("10"), by=coordinator_b)
    # The owner's coordinator sees no pledge form on their own need.
    assert (
        client_for(coordinator_a)
        .post(f"/ar/marketplace/needs/{need.pk}/pledge/", {"entity": entity_a.pk, "size": "10"})
        .status_code
        == 403
    )
    assert not Pledge.objects.exists()


def test_accepted_funding_becomes_the_initiatives_funding_and_counts_for_the_sector(
    coordinator_a, coordinator_b, entity_b, initiative
):
    need = _need(initiative)
    pledge = services.pledge_offer(need=need, entity=entity_b, size=Decimal("25000"), by=coordinator_b)
    client_for(coordinator_a).post(f"/ar/marketplace/pledges/{pledge.pk}/decide/", {"decision": "accept"})
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.ACCEPTED and pledge.funding is not None
    assert (pledge.funding.initiative, pledge.funding.source, pledge.funding.amount) == (
        initiative, entity_b, Decimal("25000")
    )  # fmt: skip
    assert Notification.objects.filter(recipient=coordinator_b, kind="pledge.decided").exists()
    # The pledging entity is now one of the initiative's partners (a funder).
    assert initiative.partners.get(entity=entity_b).role == "funder"
    private = next(s for s in contributions_by_sector() if s.sector == Sector.PRIVATE)
    assert (private.funding_pledged, private.funding_delivered, private.entities) == (Decimal("25000"), 0, 1)
    # The leadership report's partner figures count it as the private sector's funding.
    city = initiative.learning_city
    scope = ReportScope(
        region=city.governorate.region, learning_city=city, start=TODAY() - dt.timedelta(days=30), end=TODAY()
    )
    report = city_report(scope)
    report_private = next(s for s in report.sectors if s.sector == Sector.PRIVATE)
    assert report_private.funding == Decimal("25000")
    services.pledge_mark_delivered(pledge=pledge, by=coordinator_a)
    private = next(s for s in contributions_by_sector() if s.sector == Sector.PRIVATE)
    assert private.funding_delivered == Decimal("25000")


def test_an_accepted_venue_becomes_an_approved_allocation_of_the_partners_resource(
    coordinator_a, coordinator_b, entity_b, initiative
):
    need = _need(
        initiative, kind=NeedKind.VENUE, quantity=1, needed_from=TODAY() + dt.timedelta(days=15),
        needed_until=TODAY() + dt.timedelta(days=16),
    )  # fmt: skip
    pledge = services.pledge_offer(
        need=need, entity=entity_b, size=Decimal("1"), note="قاعة 40 مقعدًا", by=coordinator_b
    )
    services.pledge_decide(pledge=pledge, accept=True, by=coordinator_a)
    request = ResourceRequest.objects.select_related("resource").get()
    assert request.status == ResourceRequestStatus.APPROVED and request.initiative == initiative
    assert request.resource.owner_entity == entity_b and request.resource.kind == "venue"
    assert (request.start_date, request.end_date) == (need.needed_from, need.needed_until)
    assert not InitiativeFunding.objects.exists()
    private = next(s for s in contributions_by_sector() if s.sector == Sector.PRIVATE)
    assert private.resources_pledged == 1 and private.funding_pledged == 0


def test_a_counted_need_is_pledged_in_whole_numbers(coordinator_b, entity_b, initiative):
    need = _need(initiative, kind=NeedKind.TRAINERS, quantity=4)
    with pytest.raises(ValidationError):
        services.pledge_offer(need=need, entity=entity_b, size=Decimal("1.5"), by=coordinator_b)


def test_only_the_owner_decides_and_a_decision_is_final(coordinator_a, coordinator_b, entity_b, initiative):
    need = _need(initiative)
    pledge = services.pledge_offer(need=need, entity=entity_b, size=Decimal("5"), by=coordinator_b)
    assert (
        client_for(coordinator_b)
        .post(f"/ar/marketplace/pledges/{pledge.pk}/decide/", {"decision": "accept"})
        .status_code
        == 403
    )
    services.pledge_decide(pledge=pledge, accept=False, note="اكتمل التمويل", by=coordinator_a)
    response = client_for(coordinator_a).post(
        f"/ar/marketplace/pledges/{pledge.pk}/decide/", {"decision": "accept"}, follow=True
    )
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.DECLINED and not InitiativeFunding.objects.exists()
    assert "سبق" in response.content.decode()


def test_the_pledging_entity_withdraws_an_offer_awaiting_a_decision(
    coordinator_a, coordinator_b, entity_b, initiative
):
    need = _need(initiative)
    pledge = services.pledge_offer(need=need, entity=entity_b, size=Decimal("5"), by=coordinator_b)
    assert client_for(coordinator_a).post(f"/ar/marketplace/pledges/{pledge.pk}/withdraw/").status_code == 403
    client_for(coordinator_b).post(f"/ar/marketplace/pledges/{pledge.pk}/withdraw/")
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.WITHDRAWN


def test_the_marketplace_filters_needs_and_keeps_its_query_count(coordinator_b, entity_b, initiative):
    _need(initiative)
    _need(initiative, kind=NeedKind.VOLUNTEERS, quantity=20, title_ar="متطوعون للمعرض")
    client = client_for(coordinator_b)
    volunteers = client.get("/ar/marketplace/?kind=volunteers").content.decode()
    assert "متطوعون للمعرض" in volunteers and "تمويل برنامج تدريب" not in volunteers
    client.get("/ar/marketplace/")
    few = queries_for(client, "/ar/marketplace/")
    for number in range(20):
        _need(InitiativeFactory(), title_ar=f"حاجة {number}")
    assert queries_for(client, "/ar/marketplace/") == few


def test_needs_are_found_by_their_words_or_their_initiatives(coordinator_b, initiative):
    _need(initiative, title_ar="قاعة للتدريب المسائي", kind=NeedKind.VENUE)
    _need(InitiativeFactory(title_ar="الأسرة المتعلمة"), title_ar="تمويل مطبوعات")
    client = client_for(coordinator_b)
    page = client.get("/ar/marketplace/", {"q": "القاعه"}).content.decode()
    assert "قاعة للتدريب المسائي" in page and "تمويل مطبوعات" not in page
    page = client.get("/ar/marketplace/", {"q": "اسره"}).content.decode()
    assert "تمويل مطبوعات" in page and "قاعة للتدريب المسائي" not in page


def test_the_initiative_page_lists_its_needs_and_lets_its_owner_publish_one(
    coordinator_a, coordinator_b, initiative
):
    need = _need(initiative)
    page = client_for(coordinator_a).get(initiative.get_absolute_url()).content.decode()
    assert (
        need.get_absolute_url() in page and f"/ar/marketplace/needs/new/?initiative={initiative.pk}" in page
    )
    page = client_for(coordinator_b).get(initiative.get_absolute_url()).content.decode()
    assert need.get_absolute_url() in page and "/ar/marketplace/needs/new/" not in page
    form = (
        client_for(coordinator_a)
        .get(f"/ar/marketplace/needs/new/?initiative={initiative.pk}")
        .content.decode()
    )
    assert f'<option value="{initiative.pk}" selected>' in form


def test_the_partners_page_shows_its_contribution_to_the_programme_staff(
    coordinator_a, coordinator_b, entity_b, initiative
):
    need = _need(initiative)
    pledge = services.pledge_offer(need=need, entity=entity_b, size=Decimal("25000"), by=coordinator_b)
    services.pledge_decide(pledge=pledge, accept=True, by=coordinator_a)
    services.pledge_offer(need=need, entity=entity_b, size=Decimal("1000"), by=coordinator_b)
    page = client_for(coordinator_a).get(entity_b.get_absolute_url()).content.decode()
    assert "الإسهام في البرنامج" in page and "25,000" in page and "عروض بانتظار القرار: 1" in page
    assert "الإسهام في البرنامج" not in client_for(None).get(entity_b.get_absolute_url()).content.decode()
