"""The OpenAPI schema: valid OpenAPI 3, and schemathesis with every one of its checks, over
HTTP against a live server with a write token, finds nothing: no server error, every status
and problem answer documented, every answer in its documented shape, a wrong or missing token
refused, what the schema forbids refused and what it allows accepted (bounded: eight
derandomized examples an operation, so CI's run is the same every time)."""

import datetime as dt

import pytest
import schemathesis
import yaml
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from learningcity.core.models import Governorate
from learningcity.exchange.models import ApiToken
from learningcity.exchange.tokens import _hash, token_find
from tests.exchange.conftest import api, make_token
from tests.factories import (
    IndicatorFactory,
    InitiativeFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def _schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_valid_openapi_3(client):
    schema = _schema(client)
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert "bearerAuth" in schema["components"]["securitySchemes"]
    for path in (
        "/api/v1/initiatives/",
        "/api/v1/opportunities/{id}/status/",
        "/api/v1/sessions/{id}/attendance/",
    ):
        assert path in schema["paths"], path


def test_the_docs_page_serves_its_assets_from_this_site(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "swagger-ui" in body and "https://" not in body.split("<body", 1)[0].replace(
        "https://learningcity", ""
    )


def _load_schema():
    # Generated in-process (no database needed), at collection time.
    from drf_spectacular.generators import SchemaGenerator

    return schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))


schema = _load_schema()
# The credential, handed to schemathesis through its own auth hook, so its authentication
# checks know which header is the credential and probe without it and with a wrong one
# (expecting 401). Its coverage phase builds cases while collecting, before any fixture, so
# the token is fixed here and `seeded` gives the test's token this prefix and secret.
TOKEN_PREFIX, TOKEN_SECRET = "fuzzer", "a-secret-known-before-the-database"
TOKEN = f"lc_{TOKEN_PREFIX}_{TOKEN_SECRET}"


@schema.auth()
class SeededToken:
    def get(self, case, context):
        return TOKEN

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def seeded(coordinator_a, entity_a):
    initiative = InitiativeFactory(owner_entity=entity_a)
    # A session under way: the one a partner's system marks attendance for (one a week away
    # refuses it, and a schema-valid body was then rejected, schemathesis's ST202).
    session = SessionFactory(
        opportunity=OpportunityFactory(provider=entity_a),
        starts_at=timezone.now() - dt.timedelta(minutes=30),
        ends_at=timezone.now() + dt.timedelta(hours=1),
    )
    governorate = initiative.learning_city.governorate or Governorate.objects.first()
    # What a partner's system sends: ids of records that exist and that its entity may use.
    # The schema can say "an integer" but not "an initiative of yours", so the generated
    # bodies get these in place of their drawn ids (`refer_to_existing_records`).
    REFERENCES.clear()
    REFERENCES.update(
        initiative=initiative.pk,
        learning_city=initiative.learning_city_id,
        track=initiative.track_id,
        owner_entity=entity_a.pk,
        provider=entity_a.pk,
        opportunity=session.opportunity_id,
        session=session.pk,
        governorate=governorate.pk,
        governorates=governorate.pk,
    )
    REFERENCE_CODES.clear()
    REFERENCE_CODES.update(
        indicator=IndicatorFactory().code, governorate=governorate.code, skills=SkillFactory().code
    )
    made = token_find(make_token(coordinator_a, entity_a))
    ApiToken.objects.filter(pk=made.pk).update(prefix=TOKEN_PREFIX, secret_hash=_hash(TOKEN_SECRET))
    return {"token": TOKEN, "initiative": initiative}


REFERENCES: dict[str, int] = {}
REFERENCE_CODES: dict[str, str] = {}  # the fields that name a record by its code
# Rules a schema cannot state, which a partner's system keeps: a session ends after it starts.
ORDERED_MOMENTS = (("starts_at", "ends_at"), ("start_date", "end_date"))
URL_FIELDS = ("online_url", "website")


def refer_to_existing_records(case) -> None:
    """Each drawn integer id in the body becomes the seeded record's (a list of ids, a list of
    that one). Only well-typed ids are replaced, so a body generated to be invalid stays so."""
    if not isinstance(case.body, dict):
        return
    for name, code in REFERENCE_CODES.items():
        drawn = case.body.get(name)
        if isinstance(drawn, str) and drawn:
            case.body[name] = code
        elif isinstance(drawn, list) and drawn and all(isinstance(item, str) and item for item in drawn):
            case.body[name] = [code]
    # Django's URL validator also wants a real top-level domain ("https://0.a" is a URI but
    # no address); a body generated to be valid gets one the validator takes.
    if case.meta is not None and case.meta.generation.mode.is_positive:
        for name in URL_FIELDS:
            if isinstance(case.body.get(name), str) and case.body[name]:
                try:
                    URLValidator()(case.body[name])
                except DjangoValidationError:
                    case.body[name] = "https://learning.example.org/session"
        # A place has both coordinates or neither, each within the globe's range.
        if case.body.get("latitude") is not None or case.body.get("longitude") is not None:
            case.body["latitude"], case.body["longitude"] = "24.467200", "39.611100"  # Madinah
    for first, then in ORDERED_MOMENTS:
        start, end = case.body.get(first), case.body.get(then)
        if (
            isinstance(start, str)
            and isinstance(end, str)
            and end <= start
            and _parses(start)
            and _parses(end)
        ):
            case.body[first], case.body[then] = min(start, end), max(start, end)
            if case.body[first] == case.body[then]:
                case.body[then] = _later(case.body[then])
    for name, value in REFERENCES.items():
        drawn = case.body.get(name)
        if isinstance(drawn, int) and not isinstance(drawn, bool):
            case.body[name] = value
        elif isinstance(drawn, list) and drawn and all(type(item) is int for item in drawn):
            case.body[name] = [value]


def _parses(value: str) -> bool:
    try:
        return parse_datetime(value) is not None or parse_date(value) is not None
    except ValueError:  # well formed, no such day (a body generated to be invalid)
        return False


def _later(value: str) -> str:
    """A moment after `value`: an hour later for a date-time, a day later for a date."""
    if len(value) == len("2026-01-31"):
        return (parse_date(value) + dt.timedelta(days=1)).isoformat()
    return (parse_datetime(value) + dt.timedelta(hours=1)).isoformat()


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@pytest.mark.django_db(transaction=True)
def test_no_server_error_and_success_responses_match_the_schema(case, seeded, live_server):
    """Over HTTP, against a live server, as a partner's system calls the API."""
    refer_to_existing_records(case)
    response = case.call(base_url=live_server.url)
    case.validate_response(response)
    if 200 <= response.status_code < 300 and response.status_code != 204:
        from schemathesis.specs.openapi.checks import response_schema_conformance

        case.validate_response(response, checks=[response_schema_conformance])
    elif response.status_code >= 400:
        headers = {key.lower(): value for key, value in response.headers.items()}
        content_type = headers["content-type"]
        content_type = content_type[0] if isinstance(content_type, list) else content_type
        assert content_type.startswith("application/problem+json"), (
            response.status_code,
            response.text[:300],
        )


def test_list_responses_match_their_schema(seeded):
    """The read endpoints, with data in them, against the schema's component shapes."""
    import jsonschema

    client = api(seeded["token"])
    document = _schema(client)

    def resolve(node):
        if isinstance(node, dict):
            if "$ref" in node:
                name = node["$ref"].rsplit("/", 1)[1]
                return resolve(document["components"]["schemas"][name])
            resolved = {key: resolve(value) for key, value in node.items()}
            # drf-spectacular writes a blank-able URL as oneOf(uri, empty string); without a uri
            # format checker "" matches both, so read it as the anyOf it means.
            if "oneOf" in resolved:
                resolved["anyOf"] = resolved.pop("oneOf")
            # OpenAPI 3.0's `nullable` is JSON Schema's type list with "null".
            if resolved.pop("nullable", False):
                if "type" in resolved:
                    resolved["type"] = [resolved["type"], "null"]
                elif "allOf" in resolved or "oneOf" in resolved:
                    resolved = {"anyOf": [resolved, {"type": "null"}]}
                if "enum" in resolved:
                    resolved["enum"] = [*resolved["enum"], None]
            return resolved
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    for path in ("/api/v1/initiatives/", "/api/v1/opportunities/", "/api/v1/sessions/", "/api/v1/entities/"):
        response_schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ]
        body = client.get(path).json()
        assert body["results"], path
        jsonschema.validate(body, resolve(response_schema))
