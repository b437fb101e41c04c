from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from learningcity.collaboration.forms import ReviewForm
from learningcity.collaboration.permissions import is_manager
from learningcity.core.service_views import run_service


def form_copy(record: Any) -> Any:
    """A fresh copy of `record` for a model form: validating a form writes the typed values
    onto its instance, and the service must still see the record as stored to know what
    changed (and audit it)."""
    return type(record).objects.get(pk=record.pk) if record is not None else None


def review_view(
    request: HttpRequest, record: Any, review: Callable[..., Any], show: Callable[..., Any]
) -> Any:
    """A programme manager's review of a practice or a story: `review(publish, note, by)` is the
    service; on a bad form, `show(request, record, review_form=form)` renders the page again."""
    if not is_manager(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    done = run_service(
        request,
        form,
        lambda: review(
            publish=form.cleaned_data["decision"] == "publish",
            note=form.cleaned_data["note"],
            by=request.user,
        ),
        _("The review was recorded and the author told."),
    )
    return redirect(record) if done else show(request, record, review_form=form)
