from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from learningcity.core import selectors
from learningcity.core.forms import AuditFilterForm
from learningcity.core.health import database_state, job_queue_state, recent_database_state
from learningcity.core.languages import same_page_in
from learningcity.core.paging import CountedUpTo
from learningcity.core.redirects import safe_next


@require_GET
def root_redirect(request: HttpRequest) -> HttpResponse:
    # Arabic first: the bare address always opens the Arabic site; English is one click away.
    return redirect("/ar/")


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """The back office's language switch (admin/base_site.html): the same page in the other
    language, with the choice remembered. The site's own pages link to the other language's
    address instead (core/languages.py).

    Django's own set_language resolves `next` in the language of the request's cookie or
    browser, so from an English browser it cannot translate an /ar/ address; here the page's
    own prefix says which language it is in.
    """
    language = request.POST.get("language", "")
    next_url = safe_next(request, "/")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    response = HttpResponseRedirect(same_page_in(language, next_url))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = recent_database_state()
    healthy = database["status"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "database": database}, status=200 if healthy else 503
    )


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to take traffic: the database and the job queue (registrations, imports and
    notifications all put work on it) both answer. Jobs abandoned by a dead worker make the
    status "degraded" for monitoring, still 200: the web itself can serve."""
    checks = {"database": database_state(), "jobs": job_queue_state()}
    ready = all(check["status"] == "ok" for check in checks.values())
    status = "ok" if ready else "unavailable"
    if ready and checks["jobs"].get("abandoned"):
        status = "degraded"
    return JsonResponse({"status": status, **checks}, status=200 if ready else 503)


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def geography(request: HttpRequest) -> HttpResponse:
    return render(request, "core/geography.html", {"regions": selectors.region_list()})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.is_programme_manager:
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    number = request.GET.get("page")
    page = CountedUpTo(selectors.audit_entry_list(filters=filters), 50, number=number).get_page(number)
    return render(request, "core/audit_log.html", {"form": form, "page": page})
