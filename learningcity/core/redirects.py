"""Where a `next` parameter may send someone: one rule for every view that honours one."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` address from the form or the query when it is a path on this site, else
    `default`. Only a path (starting with one "/") is taken: `redirect()` would read any other
    word as a view name to reverse, and an address elsewhere would be an open redirect."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and "\x00" not in target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default
