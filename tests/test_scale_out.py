"""The scale-out layout of docs/deployment.md on one machine: two gunicorn web processes and two
job workers, all on one PostgreSQL (and one Redis cache where a Redis answers on loopback).

A learner signs in and registers through the first web process; the second, with the same
session cookie, shows the place in "my learning" and one place fewer on the opportunity's page;
the registration's webhook is delivered exactly once although two workers watch the queue, and
the confirmation e-mail is sent once.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.db import connection

from bench.soak import free_port, server_environment
from learningcity.exchange.webhooks import subscription_create
from tests.exchange.test_webhooks import Receiver
from tests.factories import (
    TEST_PASSWORD,
    EntityFactory,
    LearnerFactory,
    OpportunityFactory,
    SessionFactory,
    coordinator_user,
)
from tests.served import served_database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the layout runs on PostgreSQL"),
]
BIN = Path(sys.executable).parent
PLACES_LEFT = r"(\d+) places? left"


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {
        **server_environment(),  # the soak's: CONN_MAX_AGE, the Redis cache where one answers
        "DATABASE_URL": served_database_url(),
        "LEARNINGCITY_DATA_DIR": str(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def _wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else "exited"
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        # Not listening yet, or listening but still loading the project on its first request
        # (over a second on a busy two-core CI machine): try again until the deadline.
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture
def layout(tmp_path):
    env = _environment(tmp_path)
    processes: list[subprocess.Popen] = []
    webs = []
    try:
        for _ in range(2):
            port = free_port()
            command = [str(BIN / "gunicorn"), "learningcity.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"]
            processes.append(subprocess.Popen(command, env=env, stderr=subprocess.PIPE))
            webs.append(f"http://127.0.0.1:{port}")
            _wait_until_up(f"{webs[-1]}/healthz", processes[-1])
        for _ in range(2):
            worker = [sys.executable, "-m", "learningcity.manage", "worker"]
            processes.append(subprocess.Popen(worker, env=env, stderr=subprocess.DEVNULL))
        yield {"webs": webs, "mail": tmp_path / "mail"}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _places_left(html: str) -> int:
    return int(re.search(PLACES_LEFT, html).group(1))


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_registration_through_one_web_process_is_seen_by_the_other_and_announced_once(layout, settings):
    provider = EntityFactory()
    opportunity = OpportunityFactory(provider=provider, title_ar="مهارات العرض والإلقاء")
    session = SessionFactory(opportunity=opportunity, capacity=5)
    learner = LearnerFactory(user__username="reem", user__email="reem@example.sa")
    # The suite hashes with MD5 for speed; the served processes know only the real hashers.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    learner.user.set_password(TEST_PASSWORD)
    learner.user.save(update_fields=["password"])
    receiver = Receiver()
    subscription_create(
        entity=provider,
        url=receiver.url,
        event_names=["registration.created"],
        by=coordinator_user(provider, "provider_coordinator"),
    )
    first, second = layout["webs"]
    browser = requests.Session()
    try:
        login = browser.get(f"{first}/ar/accounts/login/")
        signed_in = browser.post(
            f"{first}/ar/accounts/login/",
            data={"username": "reem", "password": TEST_PASSWORD, "csrfmiddlewaretoken": _csrf(login.text)},
            headers={"Referer": f"{first}/ar/accounts/login/"},
            allow_redirects=False,
        )
        assert signed_in.status_code == 302
        page = browser.get(f"{first}/ar/opportunities/{opportunity.pk}/")
        before = _places_left(browser.get(f"{second}/en/opportunities/{opportunity.pk}/").text)
        registered = browser.post(
            f"{first}/ar/opportunities/sessions/{session.pk}/register/",
            data={"csrfmiddlewaretoken": _csrf(page.text)},
            headers={"Referer": page.url},
            allow_redirects=False,
        )
        assert registered.status_code == 302, registered.text[:2000]

        # The other process: same session cookie, same data, no stale cached page.
        mine = browser.get(f"{second}/ar/learn/my-learning/")
        assert mine.status_code == 200 and "مهارات العرض والإلقاء" in mine.text
        after = _places_left(browser.get(f"{second}/en/opportunities/{opportunity.pk}/").text)
        assert (before, after) == (5, 4)
        assert session.registrations.filter(learner=learner, status="confirmed").count() == 1

        deadline = time.monotonic() + 30
        while not receiver.received and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # time enough for a second delivery, were the job run twice
        assert len(receiver.received) == 1
        assert b"registration.created" in receiver.received[0]["body"]
        messages = [path.read_text(encoding="utf-8") for path in layout["mail"].glob("*.log")]
        assert sum("reem@example.sa" in message for message in messages) == 1
    finally:
        receiver.close()
