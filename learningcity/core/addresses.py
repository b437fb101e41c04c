"""Absolute addresses: the one rule for every URL the platform hands to someone outside a page.

A credential's id, its issuer and key, a calendar's links, open-data resources, a QR code, a
share link and an e-mail all carry absolute URLs, and a verifier or a partner's system fetches
them later, from elsewhere. They are therefore built from the configured public address
(`PLATFORM_BASE_URL`, which `make demo` sets from the port it serves on), never from the host
a request happened to name: that would sign `http://10.0.0.5:8000/…` into a credential, or let a
forged Host header choose where a QR code points.
"""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (an address on this site, as `reverse()` or `get_absolute_url()` give it) as an
    absolute URL; an address that is already absolute is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.PLATFORM_BASE_URL.rstrip('/')}/{path.lstrip('/')}"


def base_url() -> str:
    """The site's public address without a trailing slash (what feed and file formats prefix)."""
    return settings.PLATFORM_BASE_URL.rstrip("/")
