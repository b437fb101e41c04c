"""The partner API's behaviour: problem+json errors in the caller's language, strict input,
cursor pagination, incremental sync, ETags, rate limits and the audit trail."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from learningcity.core.models import AuditEntry
from learningcity.exchange.api.throttling import TokenRateThrottle
from learningcity.exchange.models import ApiToken
from learningcity.programme.models import Initiative
from tests.exchange.conftest import api
from tests.factories import EntityFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def test_no_token_is_a_problem_in_arabic_or_english(db):
    response = api(language="ar").get("/api/v1/entities/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401 and body["instance"] == "/api/v1/entities/"
    assert body["type"].endswith("/unauthenticated")
    assert body["title"] == "يلزم التحقق من الهوية"
    english = api(language="en").get("/api/v1/entities/").json()
    assert english["title"] == "Authentication is needed"
    assert english["detail"] != body["detail"]


def test_malformed_json_is_a_400_problem_and_nothing_is_written(token_a):
    before = Initiative.objects.count()
    response = api(token_a).post(
        "/api/v1/initiatives/", data='{"title_ar": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert Initiative.objects.count() == before


def test_unknown_fields_and_wrong_types_are_named(token_a, entity_a):
    initiative = InitiativeFactory(owner_entity=entity_a)
    response = api(token_a).patch(
        f"/api/v1/initiatives/{initiative.pk}/", {"titel_ar": "خطأ", "budget": "كثير"}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "titel_ar" in errors and "budget" in errors
    initiative.refresh_from_db()
    assert initiative.title_ar != "خطأ"


def test_a_read_only_token_cannot_write(read_token_a, entity_a):
    initiative = InitiativeFactory(owner_entity=entity_a)
    response = api(read_token_a).patch(
        f"/api/v1/initiatives/{initiative.pk}/", {"title_ar": "جديد"}, format="json"
    )
    assert response.status_code == 403
    assert "للقراءة" in response.json()["detail"] or "read only" in response.json()["detail"]


def test_cursor_pagination_walks_every_record_once(token_a):
    EntityFactory.create_batch(7)
    client = api(token_a)
    seen, url = [], "/api/v1/entities/?page_size=3"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) and len(seen) >= 7


def test_updated_since_returns_only_what_changed(token_a, entity_a):
    old = InitiativeFactory(owner_entity=entity_a)
    Initiative.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=3))
    new = InitiativeFactory(owner_entity=entity_a)
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    ids = [
        row["id"]
        for row in api(token_a).get("/api/v1/initiatives/", {"updated_since": since}).json()["results"]
    ]
    assert ids == [new.pk]
    bad = api(token_a).get("/api/v1/initiatives/", {"updated_since": "yesterday"})
    assert bad.status_code == 400 and "updated_since" in bad.json()["errors"]


def test_etag_answers_304_until_the_record_changes(token_a, entity_a):
    initiative = InitiativeFactory(owner_entity=entity_a)
    client = api(token_a)
    first = client.get(f"/api/v1/initiatives/{initiative.pk}/")
    etag = first["ETag"]
    again = client.get(f"/api/v1/initiatives/{initiative.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    client.patch(f"/api/v1/initiatives/{initiative.pk}/", {"title_ar": "عنوان جديد"}, format="json")
    changed = client.get(f"/api/v1/initiatives/{initiative.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_over_the_rate_limit_is_429_with_retry_after(token_a, monkeypatch):
    cache.clear()
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "3/min"})
    client = api(token_a)
    statuses = [client.get("/api/v1/entities/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/entities/")
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "application/problem+json"
    cache.clear()


def test_every_api_write_is_audited_with_the_token(token_a, entity_a):
    initiative = InitiativeFactory(owner_entity=entity_a)
    api(token_a).patch(f"/api/v1/initiatives/{initiative.pk}/", {"title_ar": "عبر الواجهة"}, format="json")
    entry = AuditEntry.objects.for_object(initiative).first()
    token = ApiToken.objects.get(prefix=token_a.split("_", 2)[1])
    assert entry.channel == "api" and entry.api_token_id == token.pk
    assert entry.actor.username == "coordinator_a"


def test_a_managers_token_is_still_limited_to_its_entity(manager, entity_a, entity_b):
    from tests.exchange.conftest import make_token

    token = make_token(manager, entity_a)
    other = InitiativeFactory(owner_entity=entity_b)
    response = api(token).patch(f"/api/v1/initiatives/{other.pk}/", {"title_ar": "لا"}, format="json")
    assert response.status_code == 403


def test_sessions_list_counts_confirmed_places_per_session(token_a, entity_a):
    from learningcity.catalogue.models import Registration
    from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

    busy = SessionFactory(opportunity=OpportunityFactory(provider=entity_a), capacity=5)
    empty = SessionFactory(opportunity=busy.opportunity, capacity=5)
    for status in ("confirmed", "confirmed", "waitlisted", "cancelled"):
        Registration.objects.create(learner=LearnerFactory(), session=busy, status=status)
    rows = {row["id"]: row["confirmed"] for row in api(token_a).get("/api/v1/sessions/").json()["results"]}
    assert rows[busy.pk] == 2 and rows[empty.pk] == 0


def test_a_nul_character_in_a_look_up_is_a_400_not_a_server_error(token_a, entity_a):
    """PostgreSQL refuses NUL even in a WHERE clause (a skill code): once a 500 under schemathesis."""
    response = api(token_a).post(
        "/api/v1/opportunities/", {"title_ar": "x", "skills": ["a\x00b"]}, format="json"
    )
    assert response.status_code == 400
    assert "skills" in response.json()["errors"]


def test_an_impossible_date_or_an_id_beyond_any_database_is_a_400_problem(token_a, entity_a):
    import datetime as dt

    from django.utils import timezone

    from tests.factories import OpportunityFactory, SessionFactory

    impossible = api(token_a).get("/api/v1/initiatives/", {"updated_since": "2026-02-30T00:00:00Z"})
    assert impossible.status_code == 400 and "updated_since" in impossible.json()["errors"]
    assert impossible["Content-Type"].startswith("application/problem+json")
    starts = timezone.now() - dt.timedelta(days=2)
    session = SessionFactory(
        opportunity=OpportunityFactory(provider=entity_a),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )
    for ids in ([10**20], [2**63]):
        huge = api(token_a).post(
            f"/api/v1/sessions/{session.pk}/complete/", {"registrations": ids}, format="json"
        )
        assert huge.status_code == 400 and "registrations" in huge.json()["errors"], huge.content


@pytest.mark.parametrize("debug", [False, True])
def test_errors_are_problems_with_debug_on_or_off(token_a, settings, monkeypatch, debug):
    """With DEBUG on Django puts its technical pages in place of the error handlers; an API
    client reads problem+json all the same."""
    settings.DEBUG = debug
    client = api(token_a)
    missing = client.get("/api/v1/no-such-resource/")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    from learningcity.exchange.api import views

    monkeypatch.setattr(views.InitiativeViewSet, "list", broken)
    client.raise_request_exception = False
    failed = client.get("/api/v1/initiatives/")
    assert failed.status_code == 500 and failed["Content-Type"] == "application/problem+json"
    assert "a bug" not in failed.content.decode()  # nothing of the error reaches the client


@pytest.mark.parametrize("page_size", ["1.5", "abc", "0", "501", ["5", "6"]])
def test_a_page_size_outside_the_contract_is_a_400_not_the_default(token_a, page_size):
    response = api(token_a).get("/api/v1/entities/", {"page_size": page_size})
    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


def test_values_of_the_wrong_json_type_are_refused_not_converted(token_a, entity_a):
    body = {"title_ar": "دورة", "skills": [7], "easy_read": 1, "fee": 12.5, "external_id": 5}
    response = api(token_a).post("/api/v1/opportunities/", body, format="json")
    assert response.status_code == 400
    assert {"skills", "easy_read", "fee", "external_id"} <= set(response.json()["errors"])


def test_updated_since_with_any_offset_rfc_3339_allows(token_a, entity_a):
    """PostgreSQL takes offsets up to ±15:59 only; the moment is compared in UTC."""
    InitiativeFactory(owner_entity=entity_a)
    response = api(token_a).get("/api/v1/initiatives/", {"updated_since": "2000-01-01T00:00:00+23:30"})
    assert response.status_code == 200 and response.json()["results"]
