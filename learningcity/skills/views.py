"""The skills pages: the gap view, the demand partners declare, and the skills list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from learningcity.catalogue.permissions import is_learner
from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.exports import Column, list_export
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.service_views import run_service
from learningcity.skills import selectors, services
from learningcity.skills.charts import gap_bars
from learningcity.skills.forms import DemandForm, GapFilterForm, PathwayForm, SkillForm, SkillGroupForm
from learningcity.skills.models import Pathway, PathwayStep, Skill, SkillDemand, SkillGroup
from learningcity.skills.pathways import next_opportunities
from learningcity.skills.pathways import progress as pathway_progress
from learningcity.skills.permissions import can_declare_demand, can_declare_for, can_manage_skills

GAP_COLUMNS = [
    Column(gettext_lazy("Skill"), lambda row: row.skill.name),
    Column(gettext_lazy("Skill group"), lambda row: row.skill.group.name),
    Column(gettext_lazy("Governorate"), lambda row: row.governorate.name),
    Column(gettext_lazy("People needed"), lambda row: row.needed),
    Column(gettext_lazy("Partners asking"), lambda row: row.partners),
    Column(gettext_lazy("People trained"), lambda row: row.trained),
    Column(gettext_lazy("Opportunities offered"), lambda row: row.offered),
    Column(gettext_lazy("Places to come"), lambda row: row.places),
    Column(gettext_lazy("Still to train"), lambda row: row.still_to_train),
    Column(gettext_lazy("Unmet after the places to come"), lambda row: row.unmet),
    Column(gettext_lazy("Funding pledged (SAR)"), lambda row: row.pledged_funding),
    Column(gettext_lazy("Training places pledged"), lambda row: row.pledged_places),
]


@staff_required
def gap_view(request: HttpRequest) -> HttpResponse:
    form = GapFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.skill_gaps(filters)
    export = list_export(request, rows, GAP_COLUMNS, "skills-gap", _("Skills gap"))
    if export is not None:
        return export
    totals = {
        "needed": sum(row.needed for row in rows),
        "trained": sum(row.trained for row in rows),
        "places": sum(row.places for row in rows),
        "unmet": sum(row.unmet for row in rows),
    }
    return render(
        request,
        "skills/gaps.html",
        {
            "form": form,
            "rows": rows,
            "totals": totals,
            "bars": gap_bars(rows[:10]),
            "can_declare": can_declare_demand(request.user),
            "query": request.GET.urlencode(),
        },
    )


@staff_required
def demand_list(request: HttpRequest) -> HttpResponse:
    demand = selectors.active_demand()
    page = Paginator(demand, 50).get_page(request.GET.get("page"))
    for declaration in page:
        declaration.editable = can_declare_for(request.user, declaration.entity)
    return render(
        request, "skills/demand_list.html", {"page": page, "can_declare": can_declare_demand(request.user)}
    )


def _demand_form(request: HttpRequest, demand: SkillDemand | None) -> HttpResponse:
    form = DemandForm(request.POST or None, instance=demand, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.demand_save(data=data, demand=demand, by=request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The skill in demand was saved; the gap view counts it now."))
            return redirect("skills:demand_list")
    return render(
        request,
        "skills/demand_form.html",
        {"form": form, "demand": demand},
        status=form_status(request, form),
    )


@staff_required
def demand_create(request: HttpRequest) -> HttpResponse:
    if not can_declare_demand(request.user):
        raise PermissionDenied
    return _demand_form(request, None)


@staff_required
def demand_edit(request: HttpRequest, pk: int) -> HttpResponse:
    demand = get_object_or_404(SkillDemand.objects.select_related("entity"), pk=pk)
    if not can_declare_for(request.user, demand.entity):
        raise PermissionDenied
    return _demand_form(request, demand)


@require_POST
@staff_required
def demand_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    demand = get_object_or_404(SkillDemand.objects.select_related("entity"), pk=pk)
    services.demand_withdraw(demand=demand, by=request.user)
    messages.success(request, _("The skill in demand was withdrawn."))
    return redirect("skills:demand_list")


@staff_required
def skill_list(request: HttpRequest) -> HttpResponse:
    groups = SkillGroup.objects.prefetch_related("skills")
    return render(
        request, "skills/skill_list.html", {"groups": groups, "can_manage": can_manage_skills(request.user)}
    )


def _edit(request: HttpRequest, form_class: type, instance: object | None, save, title: str) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: save(data={name: form.cleaned_data[name] for name in form.Meta.fields}, by=request.user),
        _("Saved."),
    ):
        return redirect("skills:skill_list")
    return render(
        request, "skills/edit.html", {"form": form, "title": title}, status=form_status(request, form)
    )


@manager_required
def group_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, SkillGroupForm, None, services.skill_group_save, _("Add a skill group"))


@manager_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(SkillGroup, pk=pk)
    save = lambda **kwargs: services.skill_group_save(group=group, **kwargs)  # noqa: E731
    return _edit(request, SkillGroupForm, group, save, _("Edit the skill group"))


@manager_required
def skill_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, SkillForm, None, services.skill_save, _("Add a skill"))


@manager_required
def skill_edit(request: HttpRequest, pk: int) -> HttpResponse:
    skill = get_object_or_404(Skill, pk=pk)
    save = lambda **kwargs: services.skill_save(skill=skill, **kwargs)  # noqa: E731
    return _edit(request, SkillForm, skill, save, _("Edit the skill"))


# --- Learning pathways ------------------------------------------------------------------------


def _pathways_for(user: Any) -> Any:
    pathways = Pathway.objects.prefetch_related(
        Prefetch("steps", queryset=PathwayStep.objects.select_related("opportunity__provider")), "skills"
    )
    return pathways if can_manage_skills(user) else pathways.filter(published=True)


def _learner_of(user: Any) -> Any:
    return user.learner if is_learner(user) else None


def pathway_list(request: HttpRequest) -> HttpResponse:
    pathways = list(_pathways_for(request.user))
    return render(
        request,
        "skills/pathway_list.html",
        {
            "progress": pathway_progress(_learner_of(request.user), pathways),
            "can_manage": can_manage_skills(request.user),
        },
    )


def pathway_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pathway = get_object_or_404(_pathways_for(request.user), pk=pk)
    learner = _learner_of(request.user)
    [progress] = pathway_progress(learner, [pathway])
    suggestions = next_opportunities(learner, progress) if learner is not None else []
    return render(
        request,
        "skills/pathway_detail.html",
        {
            "progress": progress,
            "suggestions": suggestions,
            "learner": learner,
            "can_manage": can_manage_skills(request.user),
        },
    )


def _pathway_form(request: HttpRequest, pathway: Pathway | None) -> HttpResponse:
    form = PathwayForm(request.POST or None, instance=pathway)
    if request.method == "POST" and (
        saved := run_service(
            request,
            form,
            lambda: services.pathway_save(
                data=form.pathway_data(),
                skills=list(form.cleaned_data["skills"]),
                steps=form.steps(),
                by=request.user,
                pathway=pathway,
            ),
            _("The pathway was saved."),
        )
    ):
        return redirect(saved)
    title = _("Edit the pathway") if pathway else _("Add a learning pathway")
    return render(
        request, "skills/pathway_form.html", {"form": form, "title": title}, status=form_status(request, form)
    )


@manager_required
def pathway_create(request: HttpRequest) -> HttpResponse:
    return _pathway_form(request, None)


@manager_required
def pathway_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _pathway_form(request, get_object_or_404(Pathway, pk=pk))
