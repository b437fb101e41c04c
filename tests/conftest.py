"""Shared fixtures: a few named personas used across the suite.

- manager: a programme manager
- coordinator_a / coordinator_b: coordinators of entity_a / entity_b
- evaluator, viewer, learner
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from learningcity.accounts.models import Role
from learningcity.partners.models import Sector
from tests.factories import EntityFactory, UserFactory, coordinator_user

# Property tests check properties, not speed: with eight workers sharing two cores an example
# can take longer than Hypothesis's default 200 ms deadline and fail for no reason of its own.
hypothesis_settings.register_profile("suite", deadline=None)
hypothesis_settings.load_profile("suite")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Argon2 is the real hasher (tested in accounts/test_passwords.py); a fast one keeps
    # hundreds of fixture users cheap. Uploaded files go to a temporary folder.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    # Background jobs run at once, inside the test (the database backend is tested on its own).
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
    }
    # The search's per-process vocabulary, thesaurus and embeddings are checked on every search
    # and start afresh in each test (ids and generations come back after a rollback).
    settings.SEARCH_LOCAL_REFRESH_SECONDS = 0
    from learningcity.catalogue.search import semantic, thesaurus, vocabulary

    for forget in (semantic.forget, thesaurus.forget, vocabulary.forget):
        forget()
    # A request through the test client leaves its language active in the thread.
    translation.activate(settings.LANGUAGE_CODE)
    # The API's rate-limit counters live in the cache; ids repeat between tests.
    cache.clear()
    yield
    translation.deactivate()


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
