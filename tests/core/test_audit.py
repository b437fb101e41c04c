import pytest
from django.core.exceptions import PermissionDenied

from learningcity.core.models import AuditAction, AuditEntry
from learningcity.partners import services
from learningcity.partners.models import Entity, Sector
from tests.conftest import client_for
from tests.factories import GovernorateFactory


@pytest.fixture
def created_entity(manager):
    return services.entity_create(
        data={"name_ar": "جامعة طيبة", "name_en": "Taibah University", "sector": Sector.ACADEMIC},
        governorates=[GovernorateFactory(name_ar="المدينة المنورة")],
        by=manager,
    )


def test_create_is_logged_with_actor_and_values(created_entity, manager):
    entry = AuditEntry.objects.for_object(created_entity).get()
    assert entry.action == AuditAction.CREATE
    assert entry.actor == manager
    assert entry.actor_label == "manager"
    assert entry.changes["name_ar"] == [None, "جامعة طيبة"]
    assert entry.changes["governorates"] == [None, ["المدينة المنورة"]]


def test_an_account_removed_leaves_its_entries_naming_who_it_was(created_entity, manager):
    # The actor is a link Django keeps, with no constraint in the database (core/models.py):
    # its deletion collector must still let go of the account and keep the entry.
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import ProtectedError

    manager.delete()
    entry = AuditEntry.objects.for_object(created_entity).get()
    assert entry.actor_id is None
    assert entry.actor_label == "manager"
    with pytest.raises(ProtectedError):  # nor can the record type an entry names go
        ContentType.objects.get_for_model(Entity).delete()


def test_update_logs_only_changed_fields_before_and_after(created_entity, manager):
    services.entity_update(
        entity=created_entity, data={"name_en": "Taibah University (TU)", "name_ar": "جامعة طيبة"}, by=manager
    )
    entry = AuditEntry.objects.for_object(created_entity).filter(action=AuditAction.UPDATE).get()
    assert entry.changes == {"name_en": ["Taibah University", "Taibah University (TU)"]}


def test_update_without_changes_writes_nothing(created_entity, manager):
    services.entity_update(entity=created_entity, data={"name_ar": "جامعة طيبة"}, by=manager)
    assert AuditEntry.objects.for_object(created_entity).count() == 1


def test_delete_is_logged_and_keeps_the_label(manager, entity_a):
    coordinator_id = entity_a.coordinators.create(full_name_ar="نورة", gender="f").pk
    coordinator = entity_a.coordinators.get(pk=coordinator_id)
    services.coordinator_delete(coordinator=coordinator, by=manager)
    entry = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert entry.object_id == str(coordinator_id)
    assert entry.object_label == "نورة"
    assert entry.changes["full_name_ar"] == ["نورة", None]


def test_failed_write_leaves_no_entry(manager):
    with pytest.raises(Exception):  # noqa: B017 - any validation error
        services.entity_create(data={"name_ar": "", "sector": "nonsense"}, by=manager)
    assert not AuditEntry.objects.exists()
    assert not Entity.objects.exists()


def test_entries_cannot_be_changed_or_deleted(created_entity):
    entry = AuditEntry.objects.get()
    entry.object_label = "forged"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.update(object_label="forged")
    assert AuditEntry.objects.get().object_label == "جامعة طيبة"


def test_web_request_records_channel_and_request_id(manager, entity_a):
    client = client_for(manager)
    response = client.post(
        f"/ar/partners/{entity_a.pk}/edit/",
        {
            "name_ar": "اسم جديد",
            "name_en": "New name",
            "sector": "government",
            "entity_type": "other",
            "status": "active",
        },
        HTTP_X_REQUEST_ID="req-123",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.for_object(entity_a).get()
    assert (entry.channel, entry.request_id) == ("web", "req-123")
    assert response["X-Request-ID"] == "req-123"


def test_audit_log_page_filters(created_entity, manager, entity_a):
    client = client_for(manager)
    page = client.get("/en/audit/", {"action": "create", "actor": "manager"}).content.decode()
    # Labels are kept in Arabic: isolated, so an English page does not reorder the dates and
    # numbers they end with.
    assert "<bdi>جامعة طيبة</bdi>" in page
    page = client.get("/en/audit/", {"action": "delete"}).content.decode()
    assert "جامعة طيبة" not in page
    page = client.get("/en/audit/", {"since": "not a date"}).content.decode()
    assert "Enter a date" in page


def test_back_office_has_no_way_to_change_the_log(created_entity, manager):
    client = client_for(manager)
    entry = AuditEntry.objects.get()
    assert client.get("/ar/admin/core/auditentry/").status_code == 200
    assert client.get("/ar/admin/core/auditentry/add/").status_code == 403
    assert client.post(f"/ar/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.count() == 1


def test_back_office_changes_are_audited(manager, entity_a):
    client = client_for(manager)
    response = client.post(
        f"/ar/admin/partners/entity/{entity_a.pk}/change/",
        {
            "name_ar": entity_a.name_ar,
            "name_en": "Changed in the back office",
            "acronym": "",
            "sector": entity_a.sector,
            "entity_type": entity_a.entity_type,
            "status": entity_a.status,
            "description_ar": "",
            "description_en": "",
            "email": "",
            "phone": "",
            "website": "",
            "address": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.for_object(entity_a).get()
    assert entry.channel == "admin"
    assert entry.changes["name_en"][1] == "Changed in the back office"
