from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.core.concurrency import EditConflict
from learningcity.core.decorators import staff_required
from learningcity.core.exports import Column, list_export
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.models import AuditEntry
from learningcity.core.service_views import run_service
from learningcity.programme import selectors
from learningcity.programme.forms import (
    BeneficiaryForm,
    ChallengeForm,
    DocumentForm,
    EvaluationForm,
    FundingForm,
    InitiativeFilterForm,
    InitiativeForm,
    MilestoneForm,
    NoteForm,
    PartnerForm,
)
from learningcity.programme.models import Initiative
from learningcity.programme.permissions import (
    can_contribute,
    can_edit_initiative,
    can_evaluate,
    can_manage_programme,
)
from learningcity.programme.services import initiatives as services

PAGE_SIZE = 25

EXPORT_COLUMNS = [
    Column(gettext_lazy("Code"), lambda i: i.code),
    Column(gettext_lazy("Title (Arabic)"), lambda i: i.title_ar),
    Column(gettext_lazy("Title (English)"), lambda i: i.title_en),
    Column(gettext_lazy("Learning city"), lambda i: i.learning_city.name),
    Column(gettext_lazy("Axis"), lambda i: i.track.axis.number),
    Column(gettext_lazy("Track"), lambda i: i.track.title),
    Column(gettext_lazy("Owner entity"), lambda i: i.owner_entity.name),
    Column(gettext_lazy("Status"), lambda i: i.get_status_display()),
    Column(gettext_lazy("Start date"), lambda i: i.start_date),
    Column(gettext_lazy("End date"), lambda i: i.end_date),
    Column(gettext_lazy("Budget (SAR)"), lambda i: i.budget),
    Column(gettext_lazy("Progress (%)"), lambda i: i.progress),
]


@staff_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    initiatives = selectors.initiative_list(filters=filters)
    exported = list_export(
        request, initiatives.iterator(chunk_size=500), EXPORT_COLUMNS, "initiatives", _("Initiatives")
    )
    if exported:
        return exported
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    behind = selectors.behind_schedule_ids(Initiative.objects.filter(pk__in=[i.pk for i in page]))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programme/initiative_list.html",
        {
            "form": form,
            "page": page,
            "behind": behind,
            "query": query.urlencode(),
            "can_create": request.user.is_programme_manager or request.user.is_coordinator,
        },
    )


@staff_required
def at_risk(request: HttpRequest) -> HttpResponse:
    return render(request, "programme/at_risk.html", {"rows": selectors.at_risk()})


@staff_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_programme_manager or request.user.is_coordinator):
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and (
        initiative := run_service(
            request,
            form,
            lambda: services.initiative_create(
                data=form.initiative_data(),
                governorates=form.cleaned_data["governorates"],
                target_groups=form.cleaned_data["target_groups"],
                framework_nodes=form.cleaned_data["framework_nodes"],
                by=request.user,
            ),
            _("The initiative was added. Add its milestones and partners next."),
        )
    ):
        return redirect(initiative)
    return render(
        request,
        "programme/initiative_form.html",
        {"form": form, "initiative": None},
        status=form_status(request, form),
    )


@staff_required
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    if not can_edit_initiative(request.user, initiative):
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                initiative=initiative,
                data=form.initiative_data(),
                governorates=form.cleaned_data["governorates"],
                target_groups=form.cleaned_data["target_groups"],
                framework_nodes=form.cleaned_data["framework_nodes"],
                by=request.user,
                seen_version=form.seen(),
            )
        except EditConflict as conflict:
            form.conflicted(conflict)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(initiative)
    return render(
        request,
        "programme/initiative_form.html",
        {"form": form, "initiative": initiative},
        status=form_status(request, form),
    )


def detail_context(request: HttpRequest, initiative: Initiative, **forms: object) -> dict:
    user = request.user
    editable = can_edit_initiative(user, initiative)
    contributor = can_contribute(user, initiative)
    context = {
        "initiative": initiative,
        "can_edit": editable,
        "can_contribute": contributor,
        "can_evaluate": can_evaluate(user),
        "can_manage": can_manage_programme(user),
        "behind": initiative.is_behind_schedule(),
        "elapsed": initiative.elapsed_share(),
        "beneficiaries": selectors.beneficiary_totals(initiative.beneficiary_reports.all()),
        "funding_total": sum(f.amount for f in initiative.funding.all()),
        "today": timezone.localdate(),
        "milestone_form": MilestoneForm(auto_id="milestone_%s") if editable else None,
        "partner_form": PartnerForm(auto_id="partner_%s") if editable else None,
        "funding_form": FundingForm(auto_id="funding_%s") if editable else None,
        "document_form": DocumentForm(auto_id="document_%s") if editable else None,
        "note_form": NoteForm(auto_id="note_%s") if contributor else None,
        "beneficiary_form": BeneficiaryForm(auto_id="beneficiary_%s") if contributor else None,
        "challenge_form": ChallengeForm(auto_id="challenge_%s") if contributor else None,
        "evaluation_form": EvaluationForm(auto_id="evaluation_%s") if can_evaluate(user) else None,
        "history": AuditEntry.objects.for_object(initiative).select_related("actor")[:30]
        if user.is_programme_manager or editable
        else None,
        "active_tab": "overview",
    }
    context.update(forms)
    return context


@staff_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        initiative = selectors.initiative_detail(pk=pk)
    except Initiative.DoesNotExist as exc:
        raise Http404 from exc
    context = detail_context(request, initiative)
    context["active_tab"] = request.GET.get("tab", "overview")
    return render(request, "programme/initiative_detail.html", context)
