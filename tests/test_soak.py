"""The soak test's bounded version (bench/soak.py runs the 10-minute one outside CI): ten people
browse, search, register and give back places, and a partner system reads the API, for a few
seconds against gunicorn (2 workers) and a job worker on PostgreSQL. No request may fail."""

from __future__ import annotations

import pytest
from django.db import connection, connections

from bench.soak import drive, prepare, serve, server_environment
from tests.factories import EntityFactory, OpportunityFactory, SessionFactory, coordinator_user
from tests.served import served_database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the soak runs on PostgreSQL"),
]


def test_a_short_soak_serves_every_kind_of_request_without_an_error(settings, tmp_path):
    # The suite hashes with MD5 for speed; the served processes know only the real hashers.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    provider = EntityFactory()
    coordinator_user(provider, "soak_coordinator")
    for number in range(6):
        opportunity = OpportunityFactory(provider=provider, title_ar=f"دورة مهارات رقمية {number}")
        SessionFactory(opportunity=opportunity, capacity=30)
    plan = prepare(learners=3)
    connections.close_all()
    env = {
        **server_environment(),
        "DATABASE_URL": served_database_url(),
        "LEARNINGCITY_DATA_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    base, processes = serve(env, web_workers=2)
    try:
        results = drive(base, plan, users=10, seconds=12)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
    assert results.failed == 0, dict(results.errors)
    assert {"page", "opportunity", "search", "sign in", "register", "my learning", "cancel", "api"} <= set(
        results.latencies
    )
    assert results.served > 50
