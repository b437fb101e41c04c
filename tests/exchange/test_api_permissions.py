"""The API's permission matrix: every write endpoint × every kind of caller. A write token of
the owner entity may write; another entity's token, a read-only token and no token are refused
and nothing changes. Private lists show only the caller's entity's rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.catalogue.models import Opportunity, Registration, Session
from learningcity.coordination.models import ActionItem, ActionItemUpdate
from learningcity.core.models import AuditEntry
from learningcity.indicators.models import Measurement
from learningcity.programme.models import Challenge, Initiative, Milestone
from tests.exchange.conftest import api
from tests.factories import (
    ActionItemFactory,
    IndicatorFactory,
    InitiativeFactory,
    LearnerFactory,
    OpportunityFactory,
    SessionFactory,
)

CALLERS = ("token_a", "token_b", "read_token_a", "no_token")
PATHS = (
    "initiative_create", "initiative_update", "milestone_create", "milestone_update", "milestone_delete",
    "challenge_create", "challenge_update", "measurement_create", "opportunity_create", "opportunity_update",
    "opportunity_status", "session_create", "session_update", "attendance", "completion", "action_item_progress",
)  # fmt: skip


@pytest.fixture
def world(entity_a, entity_b, token_a, token_b, read_token_a):
    initiative = InitiativeFactory(owner_entity=entity_a)
    milestone = Milestone.objects.create(
        initiative=initiative, title_ar="مرحلة", due_date=timezone.localdate()
    )
    challenge = Challenge.objects.create(initiative=initiative, title="تحد", category="other")
    indicator = IndicatorFactory(owner_entity=entity_a)
    opportunity = OpportunityFactory(provider=entity_a)
    upcoming = SessionFactory(opportunity=opportunity)
    started = timezone.now() - dt.timedelta(hours=3)
    past = SessionFactory(opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2))
    registration = Registration.objects.create(
        learner=LearnerFactory(), session=past, status="confirmed", attended=True
    )
    item = ActionItemFactory(owner_entity=entity_a)
    period = timezone.localdate().replace(day=1)
    return {
        "tokens": {"token_a": token_a, "token_b": token_b, "read_token_a": read_token_a, "no_token": None},
        "requests": {
            "initiative_create": (
                "post",
                "/api/v1/initiatives/",
                {
                    "title_ar": "مبادرة",
                    "learning_city": initiative.learning_city_id,
                    "track": initiative.track_id,
                    "owner_entity": entity_a.pk,
                    "start_date": "2026-01-01",
                    "end_date": "2026-12-31",
                },
            ),
            "initiative_update": ("patch", f"/api/v1/initiatives/{initiative.pk}/", {"title_ar": "معدلة"}),
            "milestone_create": (
                "post",
                "/api/v1/milestones/",
                {"initiative": initiative.pk, "title_ar": "جديدة", "due_date": "2026-06-30", "progress": 50},
            ),
            "milestone_update": ("patch", f"/api/v1/milestones/{milestone.pk}/", {"progress": 100}),
            "milestone_delete": ("delete", f"/api/v1/milestones/{milestone.pk}/", None),
            "challenge_create": (
                "post",
                "/api/v1/challenges/",
                {"initiative": initiative.pk, "title": "تحد جديد", "category": "funding"},
            ),
            "challenge_update": ("patch", f"/api/v1/challenges/{challenge.pk}/", {"severity": "high"}),
            "measurement_create": (
                "post",
                "/api/v1/measurements/",
                {
                    "indicator": indicator.code,
                    "period_start": period.isoformat(),
                    "value": "12",
                    "governorate": initiative.learning_city.governorate.code,
                },
            ),
            "opportunity_create": (
                "post",
                "/api/v1/opportunities/",
                {
                    "title_ar": "فرصة",
                    "description_ar": "وصف",
                    "opportunity_type": "workshop",
                    "provider": entity_a.pk,
                    "learning_city": opportunity.learning_city_id,
                    "governorate": opportunity.governorate_id,
                },
            ),
            "opportunity_update": (
                "patch",
                f"/api/v1/opportunities/{opportunity.pk}/",
                {"title_ar": "معدلة"},
            ),
            "opportunity_status": (
                "post",
                f"/api/v1/opportunities/{opportunity.pk}/status/",
                {"status": "closed"},
            ),
            "session_create": (
                "post",
                "/api/v1/sessions/",
                {
                    "opportunity": opportunity.pk,
                    "starts_at": (timezone.now() + dt.timedelta(days=9)).isoformat(),
                    "ends_at": (timezone.now() + dt.timedelta(days=9, hours=2)).isoformat(),
                    "capacity": 20,
                },
            ),
            "session_update": ("patch", f"/api/v1/sessions/{upcoming.pk}/", {"capacity": 30}),
            "attendance": (
                "post",
                f"/api/v1/sessions/{past.pk}/attendance/",
                {"attendance": [{"registration": registration.pk, "attended": False}]},
            ),
            "completion": (
                "post",
                f"/api/v1/sessions/{past.pk}/complete/",
                {"registrations": [registration.pk]},
            ),
            "action_item_progress": (
                "post",
                f"/api/v1/action-items/{item.pk}/progress/",
                {"note": "أُنجز الجزء الأول", "status": "in_progress"},
            ),
        },  # fmt: skip
    }


def _state() -> tuple:
    return (
        list(Initiative.objects.order_by("pk").values_list("title_ar", "status")),
        list(Milestone.objects.order_by("pk").values_list("title_ar", "progress")),
        list(Challenge.objects.order_by("pk").values_list("title", "severity")),
        Measurement.objects.count(),
        list(Opportunity.objects.order_by("pk").values_list("title_ar", "status")),
        list(Session.objects.order_by("pk").values_list("capacity", "status")),
        list(Registration.objects.order_by("pk").values_list("attended", "completed_at")),
        ActionItemUpdate.objects.count(), list(ActionItem.objects.values_list("status", flat=True)),
        AuditEntry.objects.count(),
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("path", PATHS)
def test_api_write_permission(world, path, caller):
    method, url, data = world["requests"][path]
    before = _state()
    client = api(world["tokens"][caller])
    response = getattr(client, method)(url, data, format="json")
    if caller == "token_a":
        assert response.status_code in (200, 201, 204), (path, response.content.decode()[:2000])
        assert _state() != before, path
        return
    # Another entity's token: 403, or 404 where the record is private and not even visible to it.
    expected = {"no_token": {401}, "read_token_a": {403}, "token_b": {403, 404}}[caller]
    assert response.status_code in expected, (path, caller, response.status_code, response.content[:500])
    assert response["Content-Type"] == "application/problem+json"
    assert _state() == before, (path, caller)


@pytest.mark.django_db
def test_private_lists_show_only_the_callers_entity(world, token_a, token_b, entity_a):
    for url in ("/api/v1/registrations/", "/api/v1/action-items/"):
        assert api(token_a).get(url).json()["results"], url
        assert api(token_b).get(url).json()["results"] == [], url
    draft = OpportunityFactory(provider=entity_a, status="draft")
    ids_b = [row["id"] for row in api(token_b).get("/api/v1/opportunities/").json()["results"]]
    ids_a = [row["id"] for row in api(token_a).get("/api/v1/opportunities/").json()["results"]]
    assert draft.pk in ids_a and draft.pk not in ids_b


def test_learners_contact_details_reach_a_token_only_when_it_was_made_for_them(coordinator_a, entity_a):
    from learningcity.catalogue.services.registrations import registration_create
    from tests.exchange.conftest import api, make_token
    from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

    session = SessionFactory(opportunity=OpportunityFactory(provider=entity_a))
    learner = LearnerFactory(mobile="+966500000123", accommodation_needs="مترجم لغة إشارة")
    registration_create(learner=learner, session=session)
    plain = make_token(coordinator_a, entity_a, scope="read")
    from learningcity.exchange.tokens import token_create

    _token, with_contacts = token_create(
        entity=entity_a, name="crm", scope="read", days=30, by=coordinator_a, personal_data=True
    )
    without = api(plain).get("/api/v1/registrations/").json()["results"][0]
    assert without["mobile"] is None and without["email"] is None and without["accommodation_needs"] is None
    assert without["sex"] == learner.sex  # the counts partners need are still there
    full = api(with_contacts).get(f"/api/v1/registrations/{without['id']}/").json()
    assert full["mobile"].endswith("500000123") and full["accommodation_needs"] == "مترجم لغة إشارة"


def test_the_token_page_makes_a_token_with_contact_details_only_when_ticked(coordinator_a, entity_a):
    from learningcity.exchange.models import ApiToken
    from tests.conftest import client_for

    client = client_for(coordinator_a)
    form = {"entity": entity_a.pk, "name": "نظام التسجيل", "scope": "read", "days": 30}
    assert client.post("/ar/api-tokens/", form).status_code == 200
    assert client.post("/ar/api-tokens/", {**form, "name": "crm", "personal_data": "on"}).status_code == 200
    assert dict(ApiToken.objects.values_list("name", "personal_data")) == {"نظام التسجيل": False, "crm": True}
