import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from learningcity.exchange.tokens import token_create


def make_token(user, entity, scope="write", days=30):
    _token, plain = token_create(entity=entity, name="test", scope=scope, days=days, by=user)
    return plain


def api(token: str | None = None, language: str = "ar") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def token_a(coordinator_a, entity_a):
    return make_token(coordinator_a, entity_a)


@pytest.fixture
def token_b(coordinator_b, entity_b):
    return make_token(coordinator_b, entity_b)


@pytest.fixture
def read_token_a(coordinator_a, entity_a):
    return make_token(coordinator_a, entity_a, scope="read")


@pytest.fixture
def expired_token_a(coordinator_a, entity_a):
    from learningcity.exchange.models import ApiToken

    plain = make_token(coordinator_a, entity_a)
    ApiToken.objects.filter(prefix=plain.split("_", 2)[1]).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    return plain
