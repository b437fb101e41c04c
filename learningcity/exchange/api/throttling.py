from __future__ import annotations

from typing import Any

from rest_framework.throttling import SimpleRateThrottle

from learningcity.exchange.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """A request budget per token (per user for signed-in staff), from the API_RATE_LIMIT
    setting. Over it the API answers 429 with Retry-After."""

    scope = "token"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif getattr(request.user, "is_authenticated", False):
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
