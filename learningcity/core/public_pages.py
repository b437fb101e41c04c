"""Whole pages kept for anonymous visitors: the public catalogue and the home page are the same
for everyone who is not signed in, so the page is rendered once per address, host and
generation of the data it shows (core/cache.py) and served again, at most `seconds` old (the
clock moves "coming up" and "places left" on).

Two halves, because the saving is in *not* running the rest of the stack:
- `public_page(*names)` on a view says that its anonymous answers may be kept under the
  generations of `names`;
- `PublicPagesMiddleware`, high in the stack, stores such an answer with the headers the inner
  middleware gave it, and serves it again before sessions, locale, CSRF checks, messages and
  the view run — one cache read, and the generations as this process read them within the
  last second (core/cache.py recent_generation): a change shows to anonymous visitors at
  once in the process that made it and within a second in the others.

Never one person's page to another: only a GET that carries no session, no message and no
credentials is served or stored, and only a plain 200 answer that sets no cookie is stored.
Such a page holds nothing of the visitor's: the language switch is a link (core/languages.py)
and base.html leaves out the CSRF token htmx would send, for nothing on these pages posts. A
page that does use the token (a form added later) sends the CSRF cookie with it, and is not
kept."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from learningcity.core.cache import recent_generation, settled_generation

# Worked out again by HttpResponse for the body it is given.
_NOT_KEPT_HEADERS = {"content-length"}


@dataclass(frozen=True)
class KeptPage:
    """What the view said about its answer: the generations it was rendered under, and for
    how long it may be served again."""

    generations: tuple[tuple[str, int], ...]
    seconds: int

    def current(self) -> bool:
        return all(recent_generation(name) == value for name, value in self.generations)


@dataclass(frozen=True)
class _Stored:
    page: KeptPage
    body: bytes
    headers: tuple[tuple[str, str], ...]


def _settled(names: tuple[str, ...]) -> tuple[tuple[str, int], ...] | None:
    values = [(name, settled_generation(name)) for name in names]
    if any(value is None for _name, value in values):
        return None
    return tuple(values)  # type: ignore[arg-type]  # none of them None


def public_page(
    *names: str, seconds: int = 60
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Let PublicPagesMiddleware keep the view's anonymous answers to GET under the
    generations of `names` (what the page shows), for at most `seconds`."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            current = _settled(names)  # read before the view, so a change during it wins
            if request.method == "GET" and current is not None and not request.user.is_authenticated:
                # Read by base.html too: the page is rendered as one that may be kept.
                request.kept_page = KeptPage(current, seconds)  # type: ignore[attr-defined]
            response = view(request, *args, **kwargs)
            if getattr(get_messages(request), "added_new", False):
                request.kept_page = None  # type: ignore[attr-defined]  # a message for this visitor alone
            return response

        return wrapper

    return decorator


def _anonymous_and_plain(request: HttpRequest) -> bool:
    """Read from the request alone, before any middleware: with no session cookie nobody is
    signed in and no message waits in the session; the message cookie is the other store."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        # META, not request.headers: building that mapping cost more than the test.
        and "HTTP_HX_REQUEST" not in request.META
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request: HttpRequest) -> str:
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"lc-page:{address}"


class PublicPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _anonymous_and_plain(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None and stored.page.current():
            response = HttpResponse(stored.body)
            for header, value in stored.headers:
                response[header] = value
            return response
        response = self.get_response(request)
        kept = getattr(request, "kept_page", None)
        if kept is not None and self._storable(response):
            cache.set(key, self._store(kept, response), kept.seconds)
        return response

    @staticmethod
    def _storable(response: HttpResponse) -> bool:
        return response.status_code == 200 and not response.streaming and not response.cookies

    @staticmethod
    def _store(kept: KeptPage, response: HttpResponse) -> _Stored:
        headers = tuple(
            (header, value) for header, value in response.items() if header.lower() not in _NOT_KEPT_HEADERS
        )
        return _Stored(kept, response.content, headers)
