from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.core.cache import cached
from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.models import AuditEntry, Governorate, LearningCity
from learningcity.core.service_views import run_service
from learningcity.indicators import geography, selectors, services
from learningcity.indicators.charts import chart_payload
from learningcity.indicators.forms import IndicatorForm, MeasurementForm, TargetForm
from learningcity.indicators.models import Indicator, MeasurementRevision
from learningcity.indicators.permissions import can_manage_indicators, can_report
from learningcity.indicators.views.dashboard import SCORECARD_CACHE_SECONDS


def _indicator_groups_html() -> str:
    """The list's tables, rendered. Kept like the dashboard's scorecard section until an
    indicator, a value, a target or a place changes, or the day turns: rolling 200 indicators
    up over 12 periods took most of the page's time at regional scale (bench/bench_lists.py)."""

    def compute() -> str:
        # Every indicator is listed, those only other regions report included.
        tiles = selectors.scorecard(indicators=selectors.dashboard_indicators(), reported_elsewhere=True)
        return render_to_string(
            "indicators/_indicator_groups.html", {"groups": selectors.tiles_by_framework_node(tiles)}
        )

    key = ("indicator-list", get_language(), timezone.localdate())
    return cached(selectors.INDICATORS_CACHE, key, compute, timeout=SCORECARD_CACHE_SECONDS)


@staff_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "indicators/indicator_list.html",
        {"groups_html": _indicator_groups_html(), "can_manage": can_manage_indicators(request.user)},
    )


def _with_places(
    revisions: Iterable[MeasurementRevision], geo: geography.Geography | None
) -> list[MeasurementRevision]:
    """Each revision with the place its value is for, named (not its internal key)."""
    listed = list(revisions)
    for revision in listed:
        revision.place = geo.place(revision.measurement.scope) if geo is not None else None  # type: ignore[attr-defined]
    return listed


@staff_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(
        Indicator.objects.select_related("owner_entity").prefetch_related("framework_nodes__framework"), pk=pk
    )
    scope = request.GET.get("scope") or None
    series = selectors.indicator_series(indicator=indicator, scope=scope)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "series": series,
            "chart": chart_payload(indicator, series),
            "scopes": geography.scope_choices(series.get("geography")),
            "issues": selectors.consistency_issues(indicator=indicator, geo=series.get("geography"))[:20],
            "revisions": _with_places(
                MeasurementRevision.objects.filter(measurement__indicator=indicator).select_related(
                    "measurement", "replaced_by"
                )[:20],
                series.get("geography"),
            ),
            "can_report": can_report(request.user, indicator),
            "can_manage": can_manage_indicators(request.user),
            "action_plans": indicator.action_plans.all(),
            "target_form": TargetForm() if can_manage_indicators(request.user) else None,
            "history": AuditEntry.objects.for_object(indicator).select_related("actor")[:20]
            if request.user.is_programme_manager
            else None,
        },
    )


@manager_required
def indicator_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and (
        saved := run_service(
            request,
            form,
            lambda: services.indicator_save(
                data=form.indicator_data(),
                indicator=indicator,
                framework_nodes=form.cleaned_data["framework_nodes"],
                by=request.user,
            ),
            _("The indicator was saved."),
        )
    ):
        return redirect(saved)
    return render(
        request,
        "indicators/indicator_form.html",
        {"form": form, "indicator": indicator},
        status=form_status(request, form),
    )


@manager_required
@require_POST
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            services.target_set(indicator=indicator, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The target was saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(indicator)


@staff_required
def measurement_report(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    if not can_report(request.user, indicator):
        raise PermissionDenied
    form = MeasurementForm(request.POST or None, request.FILES or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data["scope"]
        geo = geography.geography()
        place = _place_from_scope(scope, geo)
        try:
            services.measurement_submit(
                indicator=indicator,
                period_start=form.cleaned_data["period_start"],
                value=form.cleaned_data["value"],
                parts=form.parts(),
                numerator=form.cleaned_data["numerator"],
                denominator=form.cleaned_data["denominator"],
                comment=form.cleaned_data["comment"],
                evidence=form.cleaned_data["evidence"],
                by=request.user,
                **place,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The value was submitted for verification."))
            return redirect(indicator)
    return render(
        request,
        "indicators/measurement_form.html",
        {"form": form, "indicator": indicator},
        status=form_status(request, form),
    )


def _place_from_scope(scope: str, geo: geography.Geography) -> dict:
    """The measurement's place as the service takes it (the form's choices are these scopes)."""
    place = geo.place(scope)
    if isinstance(place, Governorate):
        return {"governorate": place}
    if isinstance(place, LearningCity):
        return {"learning_city": place}
    return {"region": place}
