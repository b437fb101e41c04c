"""Signing out after signing in through a provider ends at the provider (RP-initiated logout):
the sign-out form's answer redirects there, and a browser holds a form's redirects to the
page's Content-Security-Policy form-action. So the pages of such a session allow that one
provider's origin as a form target, and no page allows any other."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

SIGNED_IN_WITH = "identity.provider"


class ProviderSignOutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a page that read the session (signing in did) can show the sign-out form.
        name = session.get(SIGNED_IN_WITH) if session is not None and session.accessed else None
        config = settings.IDENTITY_PROVIDERS.get(name) if name else None
        if config and config.get("discovery_url"):
            parts = urlsplit(config["discovery_url"])
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), f"{parts.scheme}://{parts.netloc}"]
            response._csp_update = update  # type: ignore[attr-defined]
        return response
