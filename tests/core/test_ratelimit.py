"""Rate limits on sign-up, password reset and registration: beyond the limit a clear page in
the visitor's language (429, Retry-After) and nothing done; other addresses are not affected."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_limits(settings):
    settings.RATE_LIMITS = {"sign_up": (2, 3600), "password_reset": (2, 3600), "registration": (2, 3600)}


def test_sign_up_beyond_the_limit_is_refused_and_nothing_is_created(tight_limits):
    client = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(2):
        assert client.post("/ar/learn/sign-up/", {}).status_code != 429  # invalid forms still count
    users = get_user_model().objects.count()
    refused = client.post("/ar/learn/sign-up/", {"full_name": "x"})
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "محاولات كثيرة" in refused.content.decode()
    assert get_user_model().objects.count() == users
    assert client.get("/ar/learn/sign-up/").status_code == 200  # reading the form is not limited
    assert Client(REMOTE_ADDR="203.0.113.9").post("/ar/learn/sign-up/", {}).status_code != 429


def test_password_reset_beyond_the_limit_sends_no_more_mail(tight_limits, manager):
    manager.email = "manager@example.org"
    manager.save()
    client = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(2):
        client.post("/ar/accounts/password_reset/", {"email": "manager@example.org"})
    assert len(mail.outbox) == 2
    refused = client.post("/ar/accounts/password_reset/", {"email": "manager@example.org"})
    assert refused.status_code == 429 and len(mail.outbox) == 2


def test_registration_beyond_the_limit_is_refused(tight_limits):
    session = SessionFactory()
    client = Client(REMOTE_ADDR="192.0.2.44")
    url = f"/ar/opportunities/sessions/{session.pk}/register/"
    assert [client.post(url).status_code == 429 for _ in range(3)] == [False, False, True]


def test_behind_the_proxy_each_visitor_has_their_own_bucket_and_cannot_forge_one(tight_limits, settings):
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.2"  # every request arrives from the proxy

    def visitor(address: str, forged: str = "") -> Client:
        forwarded = f"{forged}, {address}" if forged else address
        return Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forwarded)

    for _ in range(2):
        assert visitor("203.0.113.5").post("/ar/learn/sign-up/", {}).status_code != 429
    assert visitor("203.0.113.5").post("/ar/learn/sign-up/", {}).status_code == 429
    # Another visitor behind the same proxy is not in the first one's bucket…
    assert visitor("203.0.113.9").post("/ar/learn/sign-up/", {}).status_code != 429
    # …and the first cannot leave theirs by writing another address in the header themselves.
    assert visitor("203.0.113.5", forged="198.51.100.1").post("/ar/learn/sign-up/", {}).status_code == 429


def test_the_audit_log_and_the_lockouts_see_the_client_behind_the_proxy(settings, manager):
    from axes.models import AccessAttempt

    settings.PROXY_COUNT = 1
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.77")
    client.post("/ar/accounts/login/", {"username": manager.username, "password": "wrong"})
    assert AccessAttempt.objects.get().ip_address == "203.0.113.77"
    # What the audit log records a change with: the acting context of the request.
    from django.http import HttpResponse
    from django.test import RequestFactory

    from learningcity.core import context
    from learningcity.core.middleware import AuditContextMiddleware

    seen = []
    middleware = AuditContextMiddleware(
        lambda request: seen.append(context.current().remote_addr) or HttpResponse()
    )
    middleware(RequestFactory().get("/ar/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.77"))
    assert seen == ["203.0.113.77"]


def test_a_request_without_a_usable_address_has_none():
    from django.test import RequestFactory

    from learningcity.core.client_address import client_address

    assert client_address(RequestFactory().get("/", REMOTE_ADDR="")) is None
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="unix:/run/gunicorn.sock")) is None
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="192.0.2.1")) == "192.0.2.1"
