"""Who is acting and through which channel, for the audit log.

Set once per request by `AuditContextMiddleware` (and by commands and the API), read by
`learningcity.core.audit`. A context variable rather than a thread-local, so it is correct
under ASGI too.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class ActingContext:
    channel: str = "command"
    request_id: str = ""
    remote_addr: str | None = None
    # The API token a request authenticated with, if any.
    api_token_id: int | None = None


# The default is a frozen dataclass, so sharing it between contexts is safe.
_current: ContextVar[ActingContext] = ContextVar("learningcity_acting_context", default=ActingContext())  # noqa: B039


def current() -> ActingContext:
    return _current.get()


@contextlib.contextmanager
def acting(*, channel: str, request_id: str = "", remote_addr: str | None = None) -> Iterator[ActingContext]:
    context = ActingContext(
        channel=channel, request_id=request_id or uuid.uuid4().hex, remote_addr=remote_addr
    )
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def replace(new: ActingContext) -> None:
    """Refine the current context from inside it (the API learns its token after the
    middleware has opened the request's context, which restores the outer one at the end)."""
    _current.set(new)
