"""Shared fixtures: a few named personas used across the suite.

- manager: a programme manager
- coordinator_a / coordinator_b: coordinators of entity_a / entity_b
- evaluator, viewer, learner
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from learningcity.accounts.models import Role
from learningcity.partners.models import Sector
from tests.factories import EntityFactory, UserFactory, coordinator_user


def pytest_configure(config: pytest.Config) -> None:
    """One clock for the run, which never crosses midnight where the platform is (TIME_ZONE): modules compute "today"
    when they are imported and the code computes it again later, so a run that crossed midnight
    compared two days. The clock ticks (durations, time-outs and leases still pass) from now, or
    from 22:00 when the run starts later than that. It moves no further back than that because
    the servers some tests start in other processes (gunicorn, workers) keep the real clock."""
    from django.conf import settings

    now = dt.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    latest = now.replace(hour=22, minute=0, second=0, microsecond=0)
    time_machine.travel(min(now, latest), tick=True).start()
    _empty_postgresql_tables_by_delete()


def _empty_postgresql_tables_by_delete() -> None:
    """A transactional test (live server, browser, concurrency) ends by emptying every table.
    Django does it on PostgreSQL with one TRUNCATE of all 112 tables, which gives each table
    and index a new file: about 1.5 s a test, more than most of those tests take. DELETE of a
    few rows costs milliseconds. Every foreign key Django creates is DEFERRABLE INITIALLY
    DEFERRED and the flush runs in one transaction, so the order of the tables does not matter
    (tests/core/test_test_database.py checks both). Production never flushes."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):  # type: ignore[no-untyped-def]
        if reset_sequences or allow_cascade:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


# Property tests check properties, not speed: with eight workers sharing two cores an example
# can take longer than Hypothesis's default 200 ms deadline and fail for no reason of its own.
hypothesis_settings.register_profile("suite", deadline=None)
hypothesis_settings.load_profile("suite")


# Argon2 is the real hasher (tested in accounts/test_passwords.py); a fast one keeps hundreds
# of fixture users cheap. Mail stays in memory. Background jobs run at once, inside the test
# (the database queue and RQ are tested on their own).
QUICK_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "TASKS": {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
    },
}


def folders(root: Path) -> dict[str, Path]:
    """Where uploaded and private files go: under `root`, a temporary folder."""
    return {"MEDIA_ROOT": root / "media", "PRIVATE_FILES_ROOT": root / "private"}


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    for name, value in {**QUICK_SETTINGS, **folders(tmp_path)}.items():
        setattr(settings, name, value)
    # The search's per-process vocabulary, thesaurus and embeddings are checked on every search
    # and start afresh in each test (ids and generations come back after a rollback).
    settings.SEARCH_LOCAL_REFRESH_SECONDS = 0
    # Generations are read afresh in every test: ids and generations come back after a flush.
    settings.GENERATION_RECENT_SECONDS = 0
    from learningcity.catalogue.search import semantic, thesaurus, vocabulary

    for forget in (semantic.forget, thesaurus.forget, vocabulary.forget):
        forget()
    # A request through the test client leaves its language active in the thread.
    translation.activate(settings.LANGUAGE_CODE)
    # The API's rate-limit counters live in the cache; ids repeat between tests.
    cache.clear()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _weasyprint_errors_fail_the_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """WeasyPrint reports what its PDF/UA tagging could not do (an image without alternative
    text, a document without a language) as logged errors and still writes the file; here
    they fail the test that rendered it."""
    errors: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            errors.append(record.getMessage())

    handler = Collect(level=logging.ERROR)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield
    logger.removeHandler(handler)
    if not request.node.get_closest_marker("weasyprint_errors_expected"):
        assert not errors, f"WeasyPrint: {errors}"


@contextmanager
def module_data(django_db_blocker: Any, root: Path) -> Iterator[None]:
    """For data built once for a whole test module (a world of records, the demo): the block
    runs in a transaction rolled back when the module ends, and each test then runs in a
    savepoint inside it, as `db` gives it. Its files go under `root`; the module points each
    test's settings there too (conftest gives every test its own folders otherwise)."""
    with (
        django_db_blocker.unblock(),
        override_settings(**QUICK_SETTINGS, **folders(root)),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


@pytest.fixture
def entity_a(db):
    return EntityFactory(name_ar="مدينة طيبة التعليمية للتربية الخاصة", name_en="Taibah Educational City")


@pytest.fixture
def entity_b(db):
    return EntityFactory(
        name_ar="شركة الساحل الغربي للصناعات", name_en="West Coast Industries", sector=Sector.PRIVATE
    )


@pytest.fixture
def manager(db):
    return UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)


@pytest.fixture
def coordinator_a(entity_a):
    return coordinator_user(entity_a, "coordinator_a")


@pytest.fixture
def coordinator_b(entity_b):
    return coordinator_user(entity_b, "coordinator_b", gender="f")


@pytest.fixture
def evaluator(db):
    return UserFactory(username="evaluator", role=Role.EVALUATOR)


@pytest.fixture
def viewer(db):
    return UserFactory(username="viewer", role=Role.VIEWER)


@pytest.fixture
def learner(db):
    return UserFactory(username="learner", role=Role.LEARNER)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Test ids as the schedulers of make test's --dist loadgroup need them (pytest 9 reads a
    test's id from another attribute than pytest 8 did, and two plugins still write the old one):
    - pytest-xdist 3.8 marks a test of an xdist_group by adding "@group" to the old id, so
      every group went to both workers and built its module's world twice;
    - schemathesis names each API operation's case but gives it the test function's id, so a
      scheduler keying tests by id ran one operation of forty-three.
    This runs after xdist's own hook (trylast) and before the worker reports what it collected."""
    for item in items:
        if type(item).__name__ == "SchemathesisFunction" and "[" in item.name and "[" not in item.nodeid:
            item._id = item._id.with_params(item.name[item.name.index("[") + 1 : -1])
            continue
        meant = getattr(item, "_nodeid", None)
        if meant and meant != item.nodeid:
            node_id = copy.copy(item._id)
            object.__setattr__(node_id, "_str_cache", meant)
            item._id = node_id


@pytest.fixture
def providers(settings):
    """The messaging providers' APIs on a local server (tests/message_providers.py), the SMS and
    WhatsApp back-ends pointed at it: SMS through Unifonic, WhatsApp configured but off until a
    test switches it on. Yields the server's state (what it received, how it misbehaves)."""
    from tests import message_providers

    server, state = message_providers.start()
    settings.UNIFONIC_URL = f"{state.url}/rest/SMS/messages"
    settings.UNIFONIC_APP_SID = message_providers.APP_SID
    settings.TAQNYAT_URL = f"{state.url}/v1/messages"
    settings.TAQNYAT_TOKEN = message_providers.TAQNYAT_TOKEN
    settings.WHATSAPP_API_URL = f"{state.url}/v21.0"
    settings.WHATSAPP_PHONE_NUMBER_ID = message_providers.PHONE_NUMBER_ID
    settings.WHATSAPP_TOKEN = message_providers.WHATSAPP_TOKEN
    settings.SMS_SENDER_NAME = message_providers.SENDER
    settings.MESSAGE_PROVIDER_TIMEOUT = 1
    settings.MESSAGE_CHANNEL_BACKENDS = {
        "email": "learningcity.notifications.channels.email.Email",
        "sms": "learningcity.notifications.channels.sms.Unifonic",
        "whatsapp": "",
    }
    yield state
    server.shutdown()


@pytest.fixture(scope="session")
def identity_provider_server(tmp_path_factory):
    """The local OpenID Connect provider (identity_provider/), one per test process."""
    from tests import identity_provider_client

    provider = identity_provider_client.start(tmp_path_factory.mktemp("identity-provider"))
    yield provider
    provider.process.terminate()
    provider.process.wait(timeout=10)


@pytest.fixture
def oidc(identity_provider_server, settings):
    """The platform configured with the local provider's two clients: the national single
    sign-on ("national") and an organisation's accounts ("organisation", for staff at
    gae.example.sa). ID tokens are well made unless a test says otherwise."""
    identity_provider_server.misbehave("ok")
    settings.IDENTITY_PROVIDERS = identity_provider_server.settings_for("national", "organisation")
    yield identity_provider_server
    identity_provider_server.misbehave("ok")
