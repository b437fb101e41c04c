from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.forms import form_status
from learningcity.core.service_views import run_service
from learningcity.programme.forms import EvaluationForm, RecommendationActionForm
from learningcity.programme.models import EvaluationRecommendation, Initiative
from learningcity.programme.permissions import can_evaluate
from learningcity.programme.services import evaluations as services
from learningcity.programme.views.records import _run


@staff_required
@require_POST
def evaluation_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    if not can_evaluate(request.user):
        raise PermissionDenied
    form = EvaluationForm(request.POST, request.FILES, auto_id="evaluation_%s")

    def add(f: EvaluationForm) -> None:
        data = {key: f.cleaned_data[key] for key in ("method", "period_start", "period_end", "findings")}
        if f.cleaned_data["evidence"]:
            data["evidence"] = f.cleaned_data["evidence"]
        services.evaluation_create(
            initiative=initiative,
            data=data,
            scores=f.scores(),
            recommendations=f.recommendation_lines(),
            by=request.user,
        )

    return _run(
        request,
        initiative,
        "evaluations",
        "evaluation_form",
        form,
        add,
        _("The evaluation was recorded."),
        allowed=True,  # can_evaluate, checked above
    )


@manager_required
def recommendation_to_action(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(
        EvaluationRecommendation.objects.select_related("evaluation__initiative"), pk=pk
    )
    initiative = recommendation.evaluation.initiative
    form = RecommendationActionForm(
        request.POST or None, initial={"owner_entity": initiative.owner_entity_id}
    )
    if request.method == "POST" and (
        item := run_service(
            request,
            form,
            lambda: services.recommendation_to_action_item(
                recommendation=recommendation, by=request.user, **form.cleaned_data
            ),
            _("The recommendation is now an action item."),
        )
    ):
        return redirect(item)
    return render(
        request,
        "programme/record_form.html",
        {
            "form": form,
            "initiative": initiative,
            "heading": _("Turn the recommendation into an action item"),
            "intro": recommendation.text,
        },
        status=form_status(request, form),
    )
