"""Whole public pages kept for anonymous visitors (core/public_pages.py): served again without
rendering, each visitor with their own CSRF token, never to someone signed in, and fresh once
the catalogue changes."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from learningcity.core.public_pages import PLACEHOLDER
from tests.conftest import client_for
from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

# Committed as a request commits: the generations move on at once (core/cache.py).
pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize(
    "path", ["/ar/", "/en/opportunities/", "/ar/opportunities/?q=%D8%A8%D8%B1%D9%85%D8%AC%D8%A9"]
)
def test_a_public_page_is_rendered_once_and_served_again(path):
    SessionFactory(opportunity=OpportunityFactory(title_ar="برمجة للمبتدئين"))
    first, rendered = _queries(Client(), path)
    again, served = _queries(Client(), path)
    assert served < rendered and served <= 2, (rendered, served)  # the generation, nothing else
    assert first.content.decode().replace(
        TOKEN.search(first.content.decode()).group(1), ""
    ) == again.content.decode().replace(TOKEN.search(again.content.decode()).group(1), "")


def test_each_visitor_gets_a_csrf_token_of_their_own_that_works():
    SessionFactory()
    one, two = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one, page_two = one.get("/ar/").content.decode(), two.get("/ar/").content.decode()
    token_one, token_two = TOKEN.search(page_one).group(1), TOKEN.search(page_two).group(1)
    assert PLACEHOLDER not in page_two and token_one != token_two
    assert f'"X-CSRFToken": "{token_two}"' in page_two
    # The second visitor's token (from the kept page) is accepted with their own cookie.
    switched = two.post(
        "/i18n/setlang/", {"language": "en", "next": "/ar/", "csrfmiddlewaretoken": token_two}
    )
    assert switched.status_code == 302
    refused = two.post("/i18n/setlang/", {"language": "en", "next": "/ar/", "csrfmiddlewaretoken": "x" * 64})
    assert refused.status_code == 403


def test_someone_signed_in_never_gets_the_anonymous_page_nor_leaves_theirs(
    django_capture_on_commit_callbacks,
):
    SessionFactory()
    learner = LearnerFactory(user__username="salma-alharbi")
    Client().get("/ar/")
    signed_in = client_for(learner.user).get("/ar/").content.decode()
    assert "salma-alharbi" in signed_in  # their own page, with their name in the menu
    assert "salma-alharbi" not in Client().get("/ar/").content.decode()


def test_a_change_to_the_catalogue_shows_at_once():
    Client().get("/en/opportunities/")
    SessionFactory(opportunity=OpportunityFactory(title_en="Calligraphy for beginners"))
    assert "Calligraphy for beginners" in Client().get("/en/opportunities/").content.decode()
