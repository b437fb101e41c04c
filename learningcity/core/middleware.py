from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

from learningcity.core import context
from learningcity.core.client_address import client_address

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _in_back_office(path: str) -> bool:
    language = translation.get_language_from_path(path)
    return path.removeprefix(f"/{language}" if language else "").startswith("/admin/")


class AuditContextMiddleware:
    """Gives every request an id (kept from a proxy's X-Request-ID when well-formed) and
    tells the audit log whether a write came through the web pages or the back office."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else ""
        channel = "admin" if _in_back_office(request.path) else "web"
        if request.path.startswith("/api/"):
            channel = "api"
        with context.acting(
            channel=channel, request_id=request_id, remote_addr=client_address(request)
        ) as acting:
            request.request_id = acting.request_id
            response = self.get_response(request)
        response["X-Request-ID"] = acting.request_id
        return response


class RefuseNulCharactersMiddleware:
    """A parameter holding a NUL character is refused with 400 before any view reads it.

    Nobody types one, PostgreSQL cannot store or even compare one in text (a filter, a saved
    search or the access log that records a query would fail with a server error), and forms
    already refuse it field by field; this covers the parameters views read directly."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for parameters in (request.GET, request.POST):
            if any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in parameters.lists()
            ):
                raise BadRequest("a parameter holds a NUL character")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Tells the browser which of its powerful features the pages may use (settings.
    PERMISSIONS_POLICY): none of camera, microphone, location, payment… unless a page needs
    it, so that injected or third-party script cannot ask for them either."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.conf import settings

        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class PrivateResponsesMiddleware:
    """What a signed-in person is shown — their learning, registrants and their exports, data
    downloads — is theirs: `Cache-Control: private, no-store`, so that no shared cache keeps it
    and the browser does not show it again from its cache after they sign out. A view that
    chose its own caching keeps it; pages for anonymous visitors are not touched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class ProbesMiddleware:
    """Answers the health probes (/healthz, /readyz) before sessions, locale, CSRF, messages
    and the rest of the stack: a load balancer asks every few seconds, sends no cookie and
    needs none of it, and what it measures should be the database, not the stack. The views
    and their names stay in urls.py; only the way to them is shorter."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from learningcity.core.views import healthz, readyz

        self.get_response = get_response
        self.probes = {"/healthz": healthz, "/readyz": readyz}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = self.probes.get(request.path_info)
        return probe(request) if probe else self.get_response(request)
