from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from learningcity.core import selectors
from learningcity.core.forms import AuditFilterForm
from learningcity.core.health import database_state
from learningcity.partners.selectors import partner_summary


@require_GET
def root_redirect(request: HttpRequest) -> HttpResponse:
    # Arabic first: the bare address always opens the Arabic site; English is one click away.
    return redirect("/ar/")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_state()
    healthy = database["status"] == "ok"
    return JsonResponse({"status": "ok" if healthy else "unavailable", "database": database}, status=200 if healthy else 503)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"summary": partner_summary(), "regions": selectors.region_list()})


def geography(request: HttpRequest) -> HttpResponse:
    return render(request, "core/geography.html", {"regions": selectors.region_list()})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.is_programme_manager:
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.audit_entry_list(filters=filters), 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"form": form, "page": page})
