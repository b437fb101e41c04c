"""The shared check behind each app's permission matrix (every write path × every role)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.conftest import client_for


def check_write(
    *,
    user: Any,
    role: str,
    path: str,
    url: str,
    data: dict,
    allowed: set[str],
    state: Callable[[], Any],
    refused_with_400: bool = False,
) -> None:
    """POST `data` to `url` as `user`: allowed roles change something and are redirected;
    anonymous visitors are sent to sign in, everyone else is refused; a refusal changes nothing."""
    before = state()
    response = client_for(user).post(url, data)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert state() == before
    elif role in allowed:
        assert response.status_code == 302, (path, role, response.content.decode()[:3000])
        assert state() != before, (path, role)
    else:
        expected = 400 if refused_with_400 else 403
        assert response.status_code == expected, (path, role, response.status_code)
        assert state() == before
