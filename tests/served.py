"""For the tests that serve the platform from other processes (gunicorn, workers)."""

from __future__ import annotations

from django.db import connection


def served_database_url() -> str:
    """The test database's address, for processes started by a test: they see what the test
    commits (such tests are transactional)."""
    database = connection.settings_dict
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
