"""The address of the person behind a request — one function for the sign-in lockouts
(django-axes, through AXES_CLIENT_IP_CALLABLE), the rate limits and the audit log.

Behind PROXY_COUNT trusted reverse proxies, each appends the address it received the request
from to X-Forwarded-For, so the client is the PROXY_COUNT-th entry from the right; anything
to the left of it was written by the client and is not believed. With no proxy (PROXY_COUNT
0, the embedded set-up) the header is ignored and the connection's address is the client's.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address, or None when the request does not carry one (a server bound to
    a Unix socket with no proxy header, a test request without an address)."""
    remote = request.META.get("REMOTE_ADDR", "")
    remote = remote if _valid(remote) else None
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        # Fewer proxies than configured wrote the header: the request did not come through
        # them all (or PROXY_COUNT is wrong); the connection's address is all that is known.
        return remote
    candidate = forwarded[-proxies]
    return candidate if _valid(candidate) else remote
