"""Action plans: from an indicator off its curve to actions followed in the tracker."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.core.decorators import staff_required
from learningcity.core.forms import form_status
from learningcity.core.service_views import run_service
from learningcity.indicators import services
from learningcity.indicators.forms import ActionPlanForm, PlanActionForm
from learningcity.indicators.models import ActionPlan, Indicator
from learningcity.indicators.permissions import can_manage_indicators, can_report


@staff_required
def action_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("indicator", "created_by"), pk=pk)
    return _detail(request, plan, PlanActionForm() if can_manage_indicators(request.user) else None)


def _detail(request: HttpRequest, plan: ActionPlan, action_form: PlanActionForm | None, status: int = 200):
    return render(
        request,
        "indicators/action_plan_detail.html",
        {
            "plan": plan,
            "partners": plan.partners.order_by("name_ar"),
            "actions": plan.actions.select_related("owner_entity").order_by("due_date", "pk"),
            "action_form": action_form,
            "can_edit": can_report(request.user, plan.indicator),
        },
        status=status,
    )


@staff_required
def action_plan_form(
    request: HttpRequest, indicator_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("indicator"), pk=pk) if pk else None
    indicator = plan.indicator if plan else get_object_or_404(Indicator, pk=indicator_pk)
    if not can_report(request.user, indicator):
        raise PermissionDenied
    form = ActionPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and (
        saved := run_service(
            request,
            form,
            lambda: services.action_plan_save(
                indicator=indicator,
                data=form.plan_data(),
                partners=form.cleaned_data["partners"],
                plan=plan,
                by=request.user,
            ),  # fmt: skip
            _("The action plan was saved."),
        )
    ):
        return redirect(saved)
    return render(
        request,
        "indicators/action_plan_form.html",
        {"form": form, "plan": plan, "indicator": indicator},
        status=form_status(request, form),
    )


@staff_required
@require_POST
def action_plan_add_action(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("indicator"), pk=pk)
    if not can_manage_indicators(request.user):
        raise PermissionDenied
    form = PlanActionForm(request.POST)
    if run_service(
        request,
        form,
        lambda: services.action_plan_add_action(plan=plan, data=form.cleaned_data, by=request.user),
        _("The action was added and its entity told."),
    ):
        return redirect(plan)
    return _detail(request, plan, form, status=400)
