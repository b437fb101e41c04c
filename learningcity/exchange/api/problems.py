"""Errors as RFC 9457 problem details (`application/problem+json`), in the request's language.

{"type": "…/problems/invalid", "title": "The request has invalid values", "status": 400,
 "detail": "…", "instance": "/api/v1/…", "errors": {"field": ["…"]}}
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_BASE = "https://learningcity.example.sa/problems/"
CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: ("invalid", gettext_noop("The request has invalid values")),
    401: ("unauthenticated", gettext_noop("Authentication is needed")),
    403: ("forbidden", gettext_noop("This is not allowed")),
    404: ("not-found", gettext_noop("Not found")),
    405: ("method-not-allowed", gettext_noop("Method not allowed")),
    406: ("not-acceptable", gettext_noop("Cannot answer in the requested format")),
    409: ("conflict", gettext_noop("Conflict with the current state")),
    415: ("unsupported-media-type", gettext_noop("Send JSON")),
    429: ("too-many-requests", gettext_noop("Too many requests")),
    500: ("server-error", gettext_noop("Server error")),
}


def _django_to_drf(exc: Exception) -> Exception:
    """Services raise Django's exceptions; the API answers them like its own."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def problem(
    status_code: int, detail: str, instance: str, errors: Any = None, headers: Any = None
) -> Response:
    slug, title = TITLES.get(status_code, ("error", gettext_noop("Error")))
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": _(title),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, headers=headers, content_type=CONTENT_TYPE)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = _django_to_drf(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    headers = {
        key: value for key, value in response.items() if key in ("Retry-After", "WWW-Authenticate", "Allow")
    }
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        return problem(
            status.HTTP_400_BAD_REQUEST,
            _("Some values are not valid; see “errors”. Nothing was saved."),
            instance,
            errors=errors,
            headers=headers,
        )
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else str(response.data)
    return problem(response.status_code, str(detail), instance, headers=headers)


def _api_problem(request: Any, status_code: int, detail: str) -> Any:
    from django.http import JsonResponse

    slug, title = TITLES.get(status_code, ("error", gettext_noop("Error")))
    body = {"type": PROBLEM_BASE + slug, "title": _(title), "status": status_code, "detail": detail,
            "instance": request.get_full_path()}  # fmt: skip
    return JsonResponse(
        body, status=status_code, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )


def bad_request(request: Any, exception: Any = None) -> Any:
    """A request refused before any view (a NUL character in a parameter, a header too odd to
    read): the 400 page in the visitor's language, problem+json under /api/."""
    if request.path.startswith("/api/"):
        return _api_problem(request, 400, _("The request could not be read; check its parameters."))
    from django.views.defaults import bad_request as django_bad_request

    return django_bad_request(request, exception)


def page_not_found(request: Any, exception: Any = None) -> Any:
    """Django's 404 page, except under /api/, where clients expect problem+json."""
    if request.path.startswith("/api/"):
        return _api_problem(request, 404, _("There is no such address in the API."))
    from django.views.defaults import page_not_found as django_page_not_found

    return django_page_not_found(request, exception)


def server_error(request: Any) -> Any:
    if request.path.startswith("/api/"):
        return _api_problem(request, 500, _("Something went wrong on our side; it has been logged."))
    from django.views.defaults import server_error as django_server_error

    return django_server_error(request)


class ApiProblemsInDebugMiddleware:
    """With DEBUG on, Django answers a missing address and an uncaught error with its own
    technical pages and never calls the handlers above, so an API client under development
    would read HTML. Under /api/ this answers problem+json then too (the traceback is still
    logged by Django and printed by runserver)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and request.path.startswith("/api/")
            and response.status_code in (404, 500)
            and not response.get("Content-Type", "").startswith(CONTENT_TYPE)
        ):
            return page_not_found(request) if response.status_code == 404 else server_error(request)
        return response
