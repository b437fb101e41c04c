"""The step every form view takes: a valid form goes to its service; the service's own
refusal (a ValidationError) comes back onto the form, keeping what was typed; success is
flashed in the user's language. One place, so that every view answers a refusal alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest

from learningcity.core.forms import apply_service_errors


def run_service(request: HttpRequest, form: BaseForm, call: Callable[[], Any], success: str) -> Any:
    """Call the service if the form is valid; on success flash `success` and return what the
    service returned (True when it returns nothing), otherwise put its errors on the form and
    return None. Services return records or nothing, so success is always truthy."""
    if not form.is_valid():
        return None
    try:
        result = call()
    except ValidationError as error:
        apply_service_errors(form, error)
        return None
    messages.success(request, success)
    return result if result is not None else True


def try_service(request: HttpRequest, call: Callable[[], Any], success: str) -> bool:
    """For a button (no form to redisplay): run the service, flash its success or its errors."""
    try:
        call()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return False
    messages.success(request, success)
    return True
