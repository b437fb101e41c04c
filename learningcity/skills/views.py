"""The skills pages: the gap view, the demand partners declare, and the skills list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.exports import Column, list_export
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.skills import selectors, services
from learningcity.skills.charts import gap_bars
from learningcity.skills.forms import DemandForm, GapFilterForm, SkillForm, SkillGroupForm
from learningcity.skills.models import Skill, SkillDemand, SkillGroup
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


def _edit(request: HttpRequest, form_class: type, instance: object | None, save, title: str) -> HttpResponse:  # noqa: ANN001
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(data={name: form.cleaned_data[name] for name in form.Meta.fields}, by=request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
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
    return _edit(request, SkillGroupForm, SkillGroup.objects.get(pk=pk), save, _("Edit the skill group"))


@manager_required
def skill_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, SkillForm, None, services.skill_save, _("Add a skill"))


@manager_required
def skill_edit(request: HttpRequest, pk: int) -> HttpResponse:
    skill = get_object_or_404(Skill, pk=pk)
    save = lambda **kwargs: services.skill_save(skill=skill, **kwargs)  # noqa: E731
    return _edit(request, SkillForm, Skill.objects.get(pk=pk), save, _("Edit the skill"))
