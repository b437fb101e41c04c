"""The permission matrix of the partners registry: every write path × every role.

A coordinator changes only their own entity's records; a programme manager changes
everything; everyone else is refused (403) and anonymous visitors are sent to sign in.
Each refused request is also checked to have written nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from learningcity.core.models import AuditEntry
from learningcity.partners import services
from learningcity.partners.models import Agreement, Coordinator, Entity, Responsibility
from tests.conftest import client_for
from tests.factories import AgreementFactory, CoordinatorFactory

ROLES = ("anonymous", "learner", "viewer", "evaluator", "coordinator_a", "coordinator_b", "manager")


@dataclass(frozen=True)
class WritePath:
    name: str
    allowed: frozenset[str]


WRITE_PATHS = (
    WritePath("entity_create", frozenset({"manager"})),
    WritePath("entity_edit", frozenset({"manager", "coordinator_a"})),
    WritePath("coordinator_create", frozenset({"manager", "coordinator_a"})),
    WritePath("coordinator_edit", frozenset({"manager", "coordinator_a"})),
    WritePath("coordinator_delete", frozenset({"manager", "coordinator_a"})),
    WritePath("agreement_create", frozenset({"manager"})),
    WritePath("agreement_edit", frozenset({"manager"})),
    WritePath("responsibility_save", frozenset({"manager"})),
    WritePath("responsibility_delete", frozenset({"manager"})),
)


def _entity_post(entity: Entity, **changes: Any) -> dict[str, Any]:
    data = {
        "name_ar": entity.name_ar,
        "name_en": entity.name_en,
        "sector": entity.sector,
        "entity_type": entity.entity_type,
        "status": entity.status,
    }
    data.update(changes)
    return data


def _request(path: str, world: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    entity_a, coordinator_record, agreement, responsibility = (
        world["entity_a"],
        world["coordinator_record"],
        world["agreement"],
        world["responsibility"],
    )
    coordinator_post = {
        "full_name_ar": "منسقة جديدة",
        "gender": "f",
        "role_in_entity": "liaison",
        "is_active": "on",
    }
    return {
        "entity_create": (
            "/ar/partners/new/",
            {"name_ar": "جهة جديدة", "sector": "private", "entity_type": "company", "status": "active"},
        ),
        "entity_edit": (f"/ar/partners/{entity_a.pk}/edit/", _entity_post(entity_a, name_en="Edited")),
        "coordinator_create": (f"/ar/partners/{entity_a.pk}/coordinators/new/", coordinator_post),
        "coordinator_edit": (
            f"/ar/partners/coordinators/{coordinator_record.pk}/edit/",
            {**coordinator_post, "full_name_ar": "اسم معدل"},
        ),
        "coordinator_delete": (f"/ar/partners/coordinators/{coordinator_record.pk}/delete/", {}),
        "agreement_create": (
            "/ar/partners/agreements/new/",
            {
                "title_ar": "اتفاقية",
                "parties": [entity_a.pk, world["entity_b"].pk],
                "start_date": "2025-01-01",
            },
        ),
        "agreement_edit": (
            f"/ar/partners/agreements/{agreement.pk}/edit/",
            {
                "title_ar": "اتفاقية معدلة",
                "parties": [entity_a.pk, world["entity_b"].pk],
                "start_date": "2025-01-01",
            },
        ),
        "responsibility_save": (
            "/ar/partners/responsibilities/",
            {"sector": "academic", "description_ar": "اعتماد البرامج"},
        ),
        "responsibility_delete": (f"/ar/partners/responsibilities/{responsibility.pk}/delete/", {}),
    }[path]


def _state() -> tuple:
    """Everything a write path could change, to prove a refused request changed nothing."""
    return (
        list(Entity.objects.order_by("pk").values_list("name_en", "status")),
        list(Coordinator.objects.order_by("pk").values_list("full_name_ar", "is_active")),
        list(Agreement.objects.order_by("pk").values_list("title_ar")),
        list(Responsibility.objects.order_by("pk").values_list("sector", "description_ar")),
        AuditEntry.objects.count(),
    )


@pytest.fixture
def world(entity_a, entity_b, manager, coordinator_a, coordinator_b, evaluator, viewer, learner):
    return {
        "entity_a": entity_a,
        "entity_b": entity_b,
        "coordinator_record": CoordinatorFactory(entity=entity_a, full_name_ar="منسق قديم"),
        "agreement": AgreementFactory(parties=[entity_a, entity_b]),
        "responsibility": Responsibility.objects.create(sector="government", description_ar="وضع التشريعات"),
        "users": {
            "anonymous": None,
            "learner": learner,
            "viewer": viewer,
            "evaluator": evaluator,
            "coordinator_a": coordinator_a,
            "coordinator_b": coordinator_b,
            "manager": manager,
        },
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write_path", WRITE_PATHS, ids=lambda path: path.name)
def test_write_path_permission(world, write_path, role):
    url, data = _request(write_path.name, world)
    client = client_for(world["users"][role])
    before = _state()
    response = client.post(url, data)
    if role in write_path.allowed:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert _state() != before
    elif role == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        assert _state() == before
    else:
        assert response.status_code == 403
        assert _state() == before


@pytest.mark.parametrize("role", ROLES)
def test_edit_forms_are_shown_only_to_those_who_may_save_them(world, role):
    client = client_for(world["users"][role])
    entity_a = world["entity_a"]
    response = client.get(f"/ar/partners/{entity_a.pk}/edit/")
    expected = {"manager": 200, "coordinator_a": 200, "anonymous": 302}.get(role, 403)
    assert response.status_code == expected


def test_coordinator_cannot_edit_other_entity(world):
    client = client_for(world["users"]["coordinator_b"])
    entity_a = world["entity_a"]
    response = client.post(f"/ar/partners/{entity_a.pk}/edit/", _entity_post(entity_a, name_en="Hijacked"))
    assert response.status_code == 403
    entity_a.refresh_from_db()
    assert entity_a.name_en != "Hijacked"


def test_only_a_manager_changes_an_entitys_status(world):
    entity_a = world["entity_a"]
    client_for(world["users"]["coordinator_a"]).post(
        f"/ar/partners/{entity_a.pk}/edit/", _entity_post(entity_a, status="inactive")
    )
    entity_a.refresh_from_db()
    assert entity_a.status == "active"
    with pytest.raises(PermissionDenied):
        services.entity_update(
            entity=entity_a, data={"status": "inactive"}, by=world["users"]["coordinator_a"]
        )
    client_for(world["users"]["manager"]).post(
        f"/ar/partners/{entity_a.pk}/edit/", _entity_post(entity_a, status="inactive")
    )
    entity_a.refresh_from_db()
    assert entity_a.status == "inactive"


@pytest.mark.parametrize("role", ["learner", "viewer", "evaluator", "coordinator_b"])
def test_services_refuse_the_same_roles_as_the_pages(world, role):
    user, entity_a = world["users"][role], world["entity_a"]
    with pytest.raises(PermissionDenied):
        services.entity_update(entity=entity_a, data={"name_en": "x"}, by=user)
    with pytest.raises(PermissionDenied):
        services.coordinator_create(entity=entity_a, data={"full_name_ar": "x", "gender": "m"}, by=user)
    with pytest.raises(PermissionDenied):
        services.entity_create(data={"name_ar": "x", "sector": "private"}, by=user)


def test_coordinator_does_not_see_the_status_field(world):
    page = (
        client_for(world["users"]["coordinator_a"])
        .get(f"/ar/partners/{world['entity_a'].pk}/edit/")
        .content.decode()
    )
    assert 'name="status"' not in page
    page = (
        client_for(world["users"]["manager"])
        .get(f"/ar/partners/{world['entity_a'].pk}/edit/")
        .content.decode()
    )
    assert 'name="status"' in page


def test_only_managers_link_accounts_to_coordinators(world):
    url = f"/ar/partners/{world['entity_a'].pk}/coordinators/new/"
    assert 'name="user"' not in client_for(world["users"]["coordinator_a"]).get(url).content.decode()
    assert 'name="user"' in client_for(world["users"]["manager"]).get(url).content.decode()
