"""View decorators for the platform's roles (the rules themselves live in each app's
permissions module)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def role_required(check: Callable[[Any], bool]) -> Callable:
    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Signed in as someone on the programme's side (not a learner).
staff_required = role_required(lambda user: user.is_staff_member)
manager_required = role_required(lambda user: user.is_programme_manager)
