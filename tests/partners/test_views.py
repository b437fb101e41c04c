import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learningcity.core.models import AuditEntry
from learningcity.partners.models import Entity
from tests.conftest import client_for
from tests.factories import CoordinatorFactory, EntityFactory, GovernorateFactory


def test_list_shows_entities_and_filters_by_sector(client, entity_a, entity_b):
    page = client.get("/ar/partners/").content.decode()
    assert entity_a.name_ar in page and entity_b.name_ar in page
    page = client.get("/ar/partners/", {"sector": "private"}).content.decode()
    assert entity_b.name_ar in page and entity_a.name_ar not in page


def test_list_filters_by_governorate(client, db):
    yanbu = GovernorateFactory(name_ar="ينبع")
    EntityFactory(name_ar="جهة في ينبع", governorates=[yanbu])
    EntityFactory(name_ar="جهة أخرى")
    page = client.get("/ar/partners/", {"governorate": yanbu.pk}).content.decode()
    assert "جهة في ينبع" in page and "جهة أخرى" not in page


def test_search_with_variant_spelling(client, entity_a, entity_b):
    page = client.get("/ar/partners/", {"q": "مدينه طيبه"}).content.decode()
    assert entity_a.name_ar in page and entity_b.name_ar not in page


def test_htmx_request_gets_only_the_results(client, entity_a):
    response = client.get("/ar/partners/", {"q": "طيبة"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert entity_a.name_ar in page
    assert "<html" not in page


def test_detail_hides_coordinator_contacts_from_the_public(client, entity_a, viewer):
    CoordinatorFactory(entity=entity_a, email="private.person@example.sa")
    assert "private.person@example.sa" not in client.get(f"/ar/partners/{entity_a.pk}/").content.decode()
    assert (
        "private.person@example.sa" in client_for(viewer).get(f"/ar/partners/{entity_a.pk}/").content.decode()
    )


def test_detail_of_missing_entity_is_404(client, db):
    assert client.get("/ar/partners/999999/").status_code == 404


def test_manager_creates_an_entity(manager):
    client = client_for(manager)
    governorate = GovernorateFactory()
    response = client.post(
        "/ar/partners/new/",
        {
            "name_ar": "جمعية المدينة للعمل التطوعي",
            "name_en": "Madinah Volunteering Association",
            "sector": "nonprofit",
            "entity_type": "association",
            "status": "active",
            "governorates": [governorate.pk],
            "phone": "٠١٤٨٦١٢٣٤٥",
        },
    )
    entity = Entity.objects.get(name_en="Madinah Volunteering Association")
    assert response["Location"] == f"/ar/partners/{entity.pk}/"
    assert list(entity.governorates.all()) == [governorate]
    assert AuditEntry.objects.for_object(entity).exists()


def test_invalid_form_keeps_what_was_typed_and_explains_in_arabic(manager):
    client = client_for(manager)
    page = client.post(
        "/ar/partners/new/",
        {
            "name_ar": "جهة بهاتف خاطئ",
            "sector": "private",
            "entity_type": "company",
            "status": "active",
            "phone": "abc",
            "email": "not-an-email",
        },
    ).content.decode()
    assert 'value="جهة بهاتف خاطئ"' in page
    assert "رقم هاتف" in page
    assert 'aria-invalid="true"' in page
    assert not Entity.objects.exists()


def test_invalid_logo_is_refused(manager):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(manager)
    page = client.post(
        "/en/partners/new/",
        {
            "name_ar": "جهة",
            "sector": "private",
            "entity_type": "company",
            "status": "active",
            "logo": SimpleUploadedFile("logo.png", b"not an image"),
        },
    ).content.decode()
    assert "not an image that can be opened" in page
    assert not Entity.objects.exists()


def test_agreement_dates_are_validated(manager, entity_a, entity_b):
    client = client_for(manager)
    page = client.post(
        "/en/partners/agreements/new/",
        {
            "title_ar": "اتفاقية",
            "parties": [entity_a.pk, entity_b.pk],
            "start_date": "2025-06-01",
            "end_date": "2025-01-01",
        },
    ).content.decode()
    assert "The end date cannot be before the start date." in page


def test_agreement_accepts_hijri_dates_and_needs_two_parties(manager, entity_a, entity_b):
    client = client_for(manager)
    page = client.post(
        "/en/partners/agreements/new/",
        {"title_ar": "اتفاقية", "parties": [entity_a.pk], "start_date": "1447-06-23"},
    ).content.decode()
    assert "at least two parties" in page
    response = client.post(
        "/en/partners/agreements/new/",
        {"title_ar": "اتفاقية", "parties": [entity_a.pk, entity_b.pk], "start_date": "1447-06-23"},
    )
    assert response.status_code == 302
    assert str(entity_a.agreements.get().start_date) == "2025-12-14"


def test_responsibility_matrix_shows_sectors(client, db):
    from learningcity.partners.reference import seed_responsibilities

    seed_responsibilities()
    page = client.get("/ar/partners/responsibilities/").content.decode()
    assert "وضع التشريعات وتسهيل الإجراءات الإدارية المشتركة." in page
    assert "توفير الدعم اللوجستي وتمويل البرامج التدريبية المتخصصة." in page


def test_responsibility_save_replaces_the_cell(manager):
    client = client_for(manager)
    client.post("/ar/partners/responsibilities/", {"sector": "academic", "description_ar": "أول"})
    client.post("/ar/partners/responsibilities/", {"sector": "academic", "description_ar": "ثان"})
    from learningcity.partners.models import Responsibility

    assert list(Responsibility.objects.values_list("description_ar", flat=True)) == ["ثان"]


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("user_fixture", [None, "manager"])
def test_partner_list_query_count_does_not_grow_with_entities(request, db, user_fixture):
    user = request.getfixturevalue(user_fixture) if user_fixture else None
    client = client_for(user)
    governorates = [GovernorateFactory() for _ in range(3)]

    def add(count):
        for _ in range(count):
            entity = EntityFactory(governorates=governorates)
            CoordinatorFactory(entity=entity)

    add(2)
    few = _count_queries(client, "/ar/partners/")
    add(20)
    many = _count_queries(client, "/ar/partners/")
    assert few == many


def test_partner_detail_query_count_does_not_grow_with_coordinators(db, manager, entity_a, entity_b):
    from tests.factories import AgreementFactory

    client = client_for(manager)
    CoordinatorFactory(entity=entity_a)
    AgreementFactory(parties=[entity_a, entity_b])
    client.get(f"/ar/partners/{entity_a.pk}/")  # warm per-process caches (content types)
    few = _count_queries(client, f"/ar/partners/{entity_a.pk}/")
    for _ in range(10):
        CoordinatorFactory(entity=entity_a)
        AgreementFactory(parties=[entity_a, entity_b])
    many = _count_queries(client, f"/ar/partners/{entity_a.pk}/")
    assert few == many
