"""Ids read from parameters, `next` addresses, and `in` lookups with ids no column holds."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from learningcity.core.params import LARGEST_ID, id_param, id_params
from learningcity.core.redirects import safe_next
from learningcity.partners.models import Entity
from tests.factories import EntityFactory, UserFactory


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7", 7),
        (str(LARGEST_ID), LARGEST_ID),
        (str(LARGEST_ID + 1), None),
        ("0", None),
        ("-3", None),
        ("²", None),  # str.isdigit() says yes, int() says no
        ("٣", None),  # an Arabic-Indic digit: not an id in an address or a form value
        ("3.0", None),
        ("", None),
        (None, None),
    ],
)
def test_id_param(value, expected):
    assert id_param(value) == expected


def test_id_params_drop_the_wrong_ones():
    assert id_params(["3", "x", str(2**64), "9"]) == [3, 9]


@pytest.mark.django_db
def test_an_id_list_beyond_the_column_range_matches_nothing():
    entity = EntityFactory()
    assert list(Entity.objects.filter(pk__in=[2**63, 10**30, -(2**63) - 1])) == []
    assert list(Entity.objects.filter(pk__in=[2**63, entity.pk])) == [entity]


@pytest.mark.parametrize(
    ("next_value", "expected"),
    [
        ("/ar/learn/my-learning/", "/ar/learn/my-learning/"),
        ("notifications:list", "/fallback/"),  # redirect() would reverse it as a view name
        ("https://evil.example/", "/fallback/"),
        ("//evil.example/", "/fallback/"),
        ("/a\x00b", "/fallback/"),
        ("", "/fallback/"),
    ],
)
def test_safe_next_takes_only_a_path_on_this_site(next_value, expected):
    request = RequestFactory().post("/", {"next": next_value})
    assert safe_next(request, "/fallback/") == expected


@pytest.mark.django_db
def test_a_nul_character_in_a_parameter_is_a_400_in_the_visitors_language(client):
    """PostgreSQL cannot compare text holding NUL: a search box filled with one was a server
    error on the roadmap, the timeline, the proposals, saved searches and the access log."""
    client.force_login(UserFactory(is_superuser=True))
    page = client.get("/ar/roadmap/", {"q": "a\x00b"})
    assert page.status_code == 400
    assert "تعذّرت قراءة الطلب" in page.content.decode()
    form = client.post("/en/roadmap/", {"q": "a\x00b"})
    assert form.status_code == 400
    api = client.get("/api/v1/sessions/", {"opportunity": "\x00"})
    assert api.status_code == 400
    assert api["Content-Type"] == "application/problem+json"
    assert client.get("/ar/roadmap/", {"q": "تعلم"}).status_code == 200
