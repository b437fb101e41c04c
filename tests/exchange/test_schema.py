"""The OpenAPI schema: valid OpenAPI 3, responses conform to it, and a bounded schemathesis
run with a write token finds no server error."""

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error

from learningcity.wsgi import application
from tests.exchange.conftest import api, make_token
from tests.factories import InitiativeFactory, OpportunityFactory, SessionFactory

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

    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = application
    return loaded


schema = _load_schema()


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """schemathesis calls the WSGI application itself, so Django's request signals close
    "old" database connections after each request — on PostgreSQL that closes the test's
    connection in the middle of its transaction. Django's own test client switches this off
    in the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(coordinator_a, entity_a, wsgi_keeps_the_test_connection):
    initiative = InitiativeFactory(owner_entity=entity_a)
    SessionFactory(opportunity=OpportunityFactory(provider=entity_a))
    return {"token": make_token(coordinator_a, entity_a), "initiative": initiative}


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error_and_success_responses_match_the_schema(case, seeded):
    response = case.call(headers={"Authorization": f"Bearer {seeded['token']}"})
    case.validate_response(response, checks=[not_a_server_error])
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
