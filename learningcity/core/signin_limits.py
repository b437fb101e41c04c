"""Sign-in limits that django-axes' lockout leaves open.

axes locks one account at one address after AXES_FAILURE_LIMIT failures. Two attacks get past
that on their own:
- *spraying*: one address tries a common password against many accounts, five tries each;
  here every failure from an address counts, and beyond SIGN_IN_LIMITS["address"] failures in
  a window that address may not sign in at all until the window ends;
- *a distributed guess*: many addresses try one account; here every failure against the
  account counts wherever it came from, and beyond SIGN_IN_LIMITS["account"] failures each
  further attempt must wait twice as long as the one before (a minute, two, four … up to the
  cap). The back-off is slower than a lockout on purpose: an attacker can slow the account's
  owner down, but never lock them out for long, and a password reset always works.

Counters live in the cache (shared between web processes in production, see core/checks.py).
The account is what axes counts against (AXES_USERNAME_CALLABLE resolves every spelling of one
account to one name), so both layers agree on who is being guessed at.
"""

from __future__ import annotations

import functools
import hashlib
import math
import time
from collections.abc import Callable
from typing import Any

from axes.helpers import get_client_username
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learningcity.core import ratelimit
from learningcity.core.client_address import client_address

ADDRESS_SCOPE = "sign_in_failures"


def _account_key(account: str) -> str:
    # The cache key holds no identifier in clear (and memcached limits a key's length).
    return f"signin:account:{hashlib.sha256(account.encode()).hexdigest()[:32]}"


def address_wait(address: str | None) -> int:
    """Seconds before `address` may try to sign in again (0: it may now)."""
    if not address:
        return 0
    limit, window = settings.SIGN_IN_LIMITS["address"]
    if ratelimit.counted(ADDRESS_SCOPE, address, window=window) < limit:
        return 0
    return ratelimit.window_left(window)


def account_wait(account: str) -> int:
    """Seconds before anyone may try to sign in to `account` again (0: they may now)."""
    if not account:
        return 0
    limit, first_delay, longest_delay = settings.SIGN_IN_LIMITS["account"]
    state = cache.get(_account_key(account))
    if not state or state["failures"] < limit:
        return 0
    delay = min(first_delay * 2 ** (state["failures"] - limit), longest_delay)
    return max(0, math.ceil(state["last"] + delay - time.time()))


def record_failure(account: str, address: str | None) -> None:
    if address:
        _limit, window = settings.SIGN_IN_LIMITS["address"]
        ratelimit.count(ADDRESS_SCOPE, address, window=window)
    if account:
        key = _account_key(account)
        state = cache.get(key) or {"failures": 0}
        # Read-modify-write: two simultaneous failures may count once, which only delays the
        # back-off by one attempt; the per-address count above is exact.
        cache.set(
            key, {"failures": state["failures"] + 1, "last": time.time()}, settings.SIGN_IN_ACCOUNT_MEMORY
        )


def forget_failures(account: str) -> None:
    cache.delete(_account_key(account))


@receiver(user_login_failed, dispatch_uid="signin_limits_failure")
def _count_failure(sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any) -> None:
    if request is None:
        return
    record_failure(get_client_username(request, credentials) or "", client_address(request))


@receiver(user_logged_in, dispatch_uid="signin_limits_success")
def _forget_on_success(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    forget_failures(user.get_username())


def sign_in_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse a sign-in POST, before any password is checked, while its address or its account
    must wait; a page in the visitor's language says how long, with a Retry-After header."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            by_address = address_wait(client_address(request))
            # The account the typed identifier names, as axes counts it (AXES_USERNAME_CALLABLE).
            by_account = account_wait(get_client_username(request) or "")
            wait = max(by_address, by_account)
            if wait:
                context = {"minutes": max(math.ceil(wait / 60), 1), "account": by_account >= by_address}
                response = render(request, "registration/sign_in_paused.html", context, status=429)
                response["Retry-After"] = str(wait)
                return response
        return view(request, *args, **kwargs)

    return wrapper
