"""API tokens: made in the UI or by command, shown once, hashed, scoped, expiring, revocable."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from learningcity.exchange.models import ApiToken
from learningcity.exchange.tokens import token_find, token_revoke
from tests.conftest import client_for
from tests.exchange.conftest import api

pytestmark = pytest.mark.django_db


def test_a_coordinator_makes_a_token_that_is_shown_once_and_stored_hashed(coordinator_a, entity_a):
    client = client_for(coordinator_a)
    response = client.post(
        "/ar/api-tokens/", {"entity": entity_a.pk, "name": "نظام التسجيل", "scope": "write", "days": 30}
    )
    body = response.content.decode()
    token = ApiToken.objects.get()
    plain = next(word for word in body.replace('"', " ").split() if word.startswith(f"lc_{token.prefix}_"))
    secret = plain.split("_", 2)[2]
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(list(ApiToken.objects.values()))
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert plain not in client.get("/ar/api-tokens/").content.decode()  # never shown again
    assert api(plain).get("/api/v1/entities/").status_code == 200


def test_a_coordinator_cannot_make_a_token_for_another_entity(coordinator_a, entity_b):
    response = client_for(coordinator_a).post(
        "/ar/api-tokens/", {"entity": entity_b.pk, "name": "x", "scope": "write", "days": 30}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_expired_revoked_and_forged_tokens_are_refused(token_a, expired_token_a, coordinator_a):
    assert token_find(expired_token_a) is None
    assert api(expired_token_a).get("/api/v1/entities/").status_code == 401
    token = ApiToken.objects.get(prefix=token_a.split("_", 2)[1])
    forged = token_a[:-2] + ("AA" if not token_a.endswith("AA") else "BB")
    assert api(forged).get("/api/v1/entities/").status_code == 401
    token_revoke(token=token, by=coordinator_a)
    response = api(token_a).get("/api/v1/entities/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_last_used_is_recorded(token_a):
    api(token_a).get("/api/v1/entities/")
    assert ApiToken.objects.get(prefix=token_a.split("_", 2)[1]).last_used_at is not None


def test_revoking_from_the_page(coordinator_a, token_a, coordinator_b):
    token = ApiToken.objects.get(prefix=token_a.split("_", 2)[1])
    assert client_for(coordinator_b).post(f"/ar/api-tokens/{token.pk}/revoke/").status_code == 403
    client_for(coordinator_a).post(f"/ar/api-tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_command_prints_a_working_token(coordinator_a, entity_a):
    out, err = StringIO(), StringIO()
    call_command("api_token", "coordinator_a", "--write", stdout=out, stderr=err)
    plain = out.getvalue().strip()
    assert ApiToken.objects.get(prefix=plain.split("_", 2)[1]).scope == "write"
    assert api(plain).get("/api/v1/initiatives/").status_code == 200


def test_the_command_refuses_an_entity_the_user_does_not_coordinate(coordinator_a, entity_b):
    with pytest.raises(CommandError):
        call_command(
            "api_token", "coordinator_a", "--entity", str(entity_b.pk), stdout=StringIO(), stderr=StringIO()
        )
