"""Pages of the data exchange: API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from learningcity.core.decorators import staff_required
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.exchange.forms import TokenForm, entities_for
from learningcity.exchange.models import ApiToken
from learningcity.exchange.tokens import token_create, token_revoke


def may_keep_tokens(user: object) -> bool:
    return user.is_programme_manager or user.is_coordinator


@never_cache
@staff_required
def token_list(request: HttpRequest) -> HttpResponse:
    if not may_keep_tokens(request.user):
        raise PermissionDenied
    form = TokenForm(request.POST or None, user=request.user)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, plain = token_create(
                entity=form.cleaned_data["entity"],
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                days=form.cleaned_data["days"],
                personal_data=form.cleaned_data["personal_data"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            # Shown in this response only (never stored, never in a redirect's URL or session).
            created = {"token": token, "plain": plain}
            form = TokenForm(user=request.user)
    tokens = ApiToken.objects.filter(entity__in=entities_for(request.user)).select_related(
        "entity", "created_by"
    )
    return render(
        request,
        "exchange/token_list.html",
        {"form": form, "tokens": tokens, "created": created},
        status=form_status(request, form),
    )


@require_POST
@staff_required
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    token_revoke(token=token, by=request.user)
    messages.success(request, _("The token was revoked; systems using it can no longer connect."))
    return redirect("exchange:token_list")
