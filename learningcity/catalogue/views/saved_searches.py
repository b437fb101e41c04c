"""Following a search ("tell me when something like this opens") and stopping."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.catalogue.models import SavedSearch
from learningcity.catalogue.services import saved_searches as services


@require_POST
@login_required
def saved_search_create(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("q", "")
    try:
        services.saved_search_create(query=query, by=request.user, language=get_language())
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("Done: we will tell you when an opportunity that fits your search is published.")
        )
    return redirect(f"{reverse('catalogue:search')}?{urlencode({'q': query})}")


@require_POST
@login_required
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk)
    services.saved_search_delete(saved_search=saved, by=request.user)
    messages.success(request, _("You no longer follow this search."))
    return redirect(f"{reverse('catalogue:my_learning')}#saved-searches")
