"""Deployment checks (`manage.py check --deploy`) for what the platform needs in production
beyond Django's own: a cache every web process shares, and a proxy count that matches the
proxy in front of it (docs/deployment.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

_PER_PROCESS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.security, deploy=True)
def shared_cache(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PRODUCTION and backend in _PER_PROCESS:
        return [
            checks.Error(
                "The cache is kept in each web process: every process counts the rate limits "
                "(sign-up, password reset, registration) on its own, so they do not hold.",
                hint="Set CACHE_BACKEND=redis (and CACHE_REDIS_URL) so that every process shares one.",
                id="learningcity.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def proxy_count(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.PRODUCTION and settings.SECURE_PROXY_SSL_HEADER and settings.PROXY_COUNT <= 0:
        return [
            checks.Warning(
                "The application is behind a TLS proxy (BEHIND_TLS_PROXY) but PROXY_COUNT is 0: "
                "every visitor would have the proxy's address, sharing one rate-limit bucket and "
                "one sign-in lockout.",
                hint="Set PROXY_COUNT to the number of reverse proxies in front of the application (1 for one nginx).",
                id="learningcity.W001",
            )
        ]
    return []
