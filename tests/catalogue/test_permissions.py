"""The catalogue's permission matrix: every write path × every role. The provider entity's
coordinators (and managers) keep its opportunities, sessions, attendance, completion and
certificates; a learner registers and cancels only their own registrations; everyone else is
refused and nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.catalogue.models import Certificate, Opportunity, Registration, Session
from learningcity.catalogue.services.registrations import registration_create
from learningcity.core.models import AuditEntry
from tests.conftest import client_for
from tests.factories import LearnerFactory, SessionFactory
from tests.permission_matrix import check_write

ROLES = ("anonymous", "learner", "viewer", "evaluator", "coordinator_a", "coordinator_b", "manager")
PROVIDER = {"manager", "coordinator_a"}
ALLOWED = {
    "opportunity_create": PROVIDER,
    "opportunity_edit": PROVIDER,
    "opportunity_status": PROVIDER,
    "session_add": PROVIDER,
    "session_edit": PROVIDER,
    "session_cancel": PROVIDER,
    "attendance": PROVIDER,
    "completion": PROVIDER,
    "certificate_revoke": PROVIDER,
    "registration_cancel": PROVIDER | {"learner"},
}
# coordinator_b may add opportunities, but only for entity B: entity A is not among the choices.
REFUSED_WITH_400 = {("opportunity_create", "coordinator_b")}


@pytest.fixture
def world(manager, entity_a, coordinator_a, coordinator_b, evaluator, viewer, learner, opportunity):
    me = LearnerFactory(user=learner)
    upcoming = SessionFactory(opportunity=opportunity, capacity=5)
    mine = registration_create(learner=me, session=upcoming)
    started = timezone.now() - dt.timedelta(hours=3)
    past = SessionFactory(opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2))
    other = LearnerFactory()
    attended = Registration.objects.create(
        learner=other, session=past, status="confirmed", confirmed_at=started, attended=True
    )
    done = Registration.objects.create(
        learner=LearnerFactory(), session=past, status="confirmed", confirmed_at=started, attended=True,
        completed_at=timezone.now(),
    )  # fmt: skip
    from learningcity.catalogue.services.certificates import certificate_issue

    certificate = certificate_issue(registration=done)
    return {
        "opportunity": opportunity,
        "upcoming": upcoming,
        "past": past,
        "mine": mine,
        "attended": attended,
        "certificate": certificate,
        "entity_a": entity_a,
        "users": {
            "anonymous": None,
            "learner": learner,
            "viewer": viewer,
            "evaluator": evaluator,
            "coordinator_a": coordinator_a,
            "coordinator_b": coordinator_b,
            "manager": manager,
        },  # fmt: skip
    }


def _request(path: str, world: dict) -> tuple[str, dict]:
    opportunity = world["opportunity"]
    form = {
        "title_ar": "فرصة جديدة", "description_ar": "وصف", "opportunity_type": "workshop",
        "provider": world["entity_a"].pk, "learning_city": opportunity.learning_city_id,
        "governorate": opportunity.governorate_id, "fee": "0", "audience_sex": "everyone", "level": "all",
        "language": "ar", "hours": "3", "credential": "attendance",
    }  # fmt: skip
    day = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    session_form = {
        "day": day,
        "start_time": "17:00",
        "end_time": "19:00",
        "capacity": "30",
        "audience_sex": "",
    }
    return {
        "opportunity_create": ("/ar/opportunities/manage/new/", form),
        "opportunity_edit": (
            f"/ar/opportunities/manage/{opportunity.pk}/edit/",
            {**form, "title_ar": "معدلة"},
        ),
        "opportunity_status": (f"/ar/opportunities/manage/{opportunity.pk}/status/", {"status": "closed"}),
        "session_add": (f"/ar/opportunities/manage/{opportunity.pk}/sessions/", session_form),
        "session_edit": (
            f"/ar/opportunities/manage/sessions/{world['upcoming'].pk}/edit/",
            {**session_form, "capacity": "40"},
        ),
        "session_cancel": (f"/ar/opportunities/manage/sessions/{world['upcoming'].pk}/cancel/", {}),
        "attendance": (
            f"/ar/opportunities/manage/sessions/{world['past'].pk}/attendance/",
            {"registration": [world["attended"].pk]},  # unticked: marks them absent
        ),
        "completion": (
            f"/ar/opportunities/manage/sessions/{world['past'].pk}/complete/",
            {"complete": [world["attended"].pk]},
        ),
        "certificate_revoke": (
            f"/ar/certificates/{world['certificate'].uuid}/revoke/",
            {"reason": "خطأ في الاسم"},
        ),
        "registration_cancel": (f"/ar/learn/registrations/{world['mine'].pk}/cancel/", {}),
    }[path]


def _state() -> tuple:
    return (
        list(Opportunity.objects.order_by("pk").values_list("title_ar", "status")),
        list(Session.objects.order_by("pk").values_list("capacity", "status")),
        list(Registration.objects.order_by("pk").values_list("status", "attended", "completed_at")),
        list(Certificate.objects.order_by("pk").values_list("revoked_at", flat=True)),
        AuditEntry.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", sorted(ALLOWED))
def test_write_path_permission(world, path, role):
    url, data = _request(path, world)
    check_write(
        user=world["users"][role], role=role, path=path, url=url, data=data, allowed=ALLOWED[path],
        state=_state, refused_with_400=(path, role) in REFUSED_WITH_400,
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_only_a_learner_account_can_register(world, role):
    url = f"/ar/opportunities/sessions/{world['upcoming'].pk}/register/"
    learner_user = world["users"]["learner"]
    Registration.objects.filter(learner__user=learner_user).delete()
    before = Registration.objects.count()
    response = client_for(world["users"][role]).post(url)
    if role == "learner":
        assert response.status_code == 302 and "/learn/registrations/" in response["Location"]
        assert Registration.objects.count() == before + 1
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert Registration.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["viewer", "evaluator", "coordinator_b", "learner"])
def test_provider_pages_are_closed_to_everyone_but_the_provider(world, role):
    client = client_for(world["users"][role])
    session = world["upcoming"]
    for url in (
        f"/ar/opportunities/manage/{world['opportunity'].pk}/sessions/",
        f"/ar/opportunities/manage/sessions/{session.pk}/registrants/",
        f"/ar/opportunities/manage/sessions/{session.pk}/registrants/?export=csv",
        f"/ar/opportunities/manage/sessions/{session.pk}/registrants/?export=xlsx",
        f"/ar/certificates/{world['certificate'].uuid}/certificate.pdf",
        f"/ar/certificates/{world['certificate'].uuid}/credential.json",
    ):
        assert client.get(url).status_code == 403, url


@pytest.mark.django_db
def test_a_draft_is_hidden_from_the_public_but_shown_to_its_provider(world):
    opportunity = world["opportunity"]
    opportunity.status = "draft"
    opportunity.save()
    url = f"/ar/opportunities/{opportunity.pk}/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(world["users"]["coordinator_b"]).get(url).status_code == 404
    assert client_for(world["users"]["coordinator_a"]).get(url).status_code == 200


@pytest.mark.django_db
def test_signed_in_people_cannot_sign_up_again(world):
    response = client_for(world["users"]["learner"]).post("/ar/learn/sign-up/", {"full_name": "x"})
    assert response.status_code == 302
    assert Registration.objects.filter(learner__full_name="x").count() == 0
