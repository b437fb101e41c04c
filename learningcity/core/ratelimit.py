"""Rate limits on the forms people can abuse without an account: sign-up, password reset and
registration for sessions (signing in has django-axes and core/signin_limits.py, which counts
its failures with the counters here; the API has its own throttles).

Counts POSTs per client address in fixed windows in the cache. With the per-process cache of
the embedded set-up each web process counts on its own; production's shared cache (Redis)
makes the limit hold across processes.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learningcity.core.client_address import client_address


def _bucket(scope: str, key: str, window: int) -> str:
    return f"ratelimit:{scope}:{key}:{int(time.time() // window)}"


def count(scope: str, key: str, *, window: int) -> int:
    """Count one more attempt for `key` in `scope` in the current `window` (s); the count so far."""
    bucket = _bucket(scope, key, window)
    if cache.add(bucket, 1, window):
        return 1
    try:
        return cache.incr(bucket)
    except ValueError:  # the window ended between add and incr
        cache.add(bucket, 1, window)
        return 1


def counted(scope: str, key: str, *, window: int) -> int:
    """The attempts counted for `key` in `scope` in the current window, without adding one."""
    return cache.get(_bucket(scope, key, window)) or 0


def window_left(window: int) -> int:
    """Seconds until the current fixed window ends."""
    return window - int(time.time() % window)


def allowed(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one more attempt for `key` in `scope`; whether it is within `limit` per `window` s."""
    return count(scope, key, window=window) <= limit


def rate_limited(scope: str) -> Callable:
    """Refuse POSTs to the view beyond settings.RATE_LIMITS[scope] = (attempts, seconds) per
    client address, with a page in the visitor's language and a Retry-After header."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                limit, window = settings.RATE_LIMITS[scope]
                if not allowed(scope, client_address(request) or "unknown", limit=limit, window=window):
                    response = render(request, "429.html", {"minutes": max(window // 60, 1)}, status=429)
                    response["Retry-After"] = str(window)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
