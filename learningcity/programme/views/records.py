"""The parts of an initiative edited from its page: milestones, partners, funding,
documents, progress notes, beneficiaries. A failed form re-shows the page on its tab,
with what was typed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.core.decorators import staff_required
from learningcity.core.forms import form_status
from learningcity.core.service_views import run_service
from learningcity.programme import selectors
from learningcity.programme.forms import (
    BeneficiaryForm,
    DocumentForm,
    FundingForm,
    MilestoneForm,
    NoteForm,
    PartnerForm,
)
from learningcity.programme.models import Initiative, InitiativeFunding, Milestone
from learningcity.programme.permissions import can_contribute, can_edit_initiative
from learningcity.programme.services import initiatives as services
from learningcity.programme.views.initiatives import detail_context


def _back(initiative: Initiative, tab: str) -> HttpResponse:
    return redirect(f"{initiative.get_absolute_url()}?tab={tab}#tabs")


def _failed(request: HttpRequest, initiative: Initiative, tab: str, **forms: object) -> HttpResponse:
    context = detail_context(request, selectors.initiative_detail(pk=initiative.pk), **forms)
    context["active_tab"] = tab
    return render(request, "programme/initiative_detail.html", context, status=400)


def _run(
    request: HttpRequest,
    initiative: Initiative,
    tab: str,
    form_name: str,
    form,
    action,
    success: str,
    *,
    allowed: bool,
):
    """Refuse those not `allowed` before reading the form (no form errors for them either);
    otherwise validate `form`, call `action(form)`, and go back to the tab or re-show the form.
    The service checks the same permission again: the view's check only closes the door early."""
    if not allowed:
        raise PermissionDenied
    if run_service(request, form, lambda: action(form), success):
        return _back(initiative, tab)
    return _failed(request, initiative, tab, **{form_name: form})


@staff_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    form = MilestoneForm(request.POST, auto_id="milestone_%s", instance=Milestone(initiative=initiative))
    return _run(
        request, initiative, "milestones", "milestone_form", form,
        lambda f: services.milestone_save(initiative=initiative, data=f.cleaned_data, by=request.user),
        _("The milestone was added."),
        allowed=can_edit_initiative(request.user, initiative),
    )  # fmt: skip


@staff_required
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("initiative"), pk=pk)
    initiative = milestone.initiative
    if not can_edit_initiative(request.user, initiative):
        raise PermissionDenied
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.milestone_save(
            initiative=initiative, milestone=milestone, data=form.cleaned_data, by=request.user
        ),
        _("Your changes were saved."),
    ):
        return _back(initiative, "milestones")
    return render(
        request,
        "programme/record_form.html",
        {"form": form, "initiative": initiative, "heading": _("Edit milestone")},
        status=form_status(request, form),
    )


@staff_required
@require_POST
def milestone_delete(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("initiative"), pk=pk)
    initiative = milestone.initiative
    services.milestone_delete(milestone=milestone, by=request.user)
    messages.success(request, _("The milestone was removed."))
    return _back(initiative, "milestones")


@staff_required
@require_POST
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)

    def add(form: PartnerForm) -> None:
        partners = [(p.entity, p.role) for p in initiative.partners.select_related("entity")]
        services.initiative_update(
            initiative=initiative,
            data={},
            partners=[*partners, (form.cleaned_data["entity"], form.cleaned_data["role"])],
            by=request.user,
        )

    return _run(
        request,
        initiative,
        "partners",
        "partner_form",
        PartnerForm(request.POST, auto_id="partner_%s"),
        add,
        _("The partner was added."),
        allowed=can_edit_initiative(request.user, initiative),
    )


@staff_required
@require_POST
def partner_remove(request: HttpRequest, pk: int, entity_pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    partners = [
        (p.entity, p.role) for p in initiative.partners.select_related("entity") if p.entity_id != entity_pk
    ]
    services.initiative_update(initiative=initiative, data={}, partners=partners, by=request.user)
    messages.success(request, _("The partner was removed."))
    return _back(initiative, "partners")


@staff_required
@require_POST
def funding_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    return _run(
        request, initiative, "partners", "funding_form", FundingForm(request.POST, auto_id="funding_%s"),
        lambda f: services.funding_add(initiative=initiative, by=request.user, **f.cleaned_data),
        _("The funding was recorded."),
        allowed=can_edit_initiative(request.user, initiative),
    )  # fmt: skip


@staff_required
@require_POST
def funding_delete(request: HttpRequest, pk: int) -> HttpResponse:
    funding = get_object_or_404(InitiativeFunding.objects.select_related("initiative"), pk=pk)
    initiative = funding.initiative
    services.funding_delete(funding=funding, by=request.user)
    return _back(initiative, "partners")


@staff_required
@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    return _run(
        request, initiative, "overview", "document_form", DocumentForm(request.POST, request.FILES, auto_id="document_%s"),
        lambda f: services.document_add(initiative=initiative, by=request.user, **f.cleaned_data),
        _("The document was attached."),
        allowed=can_edit_initiative(request.user, initiative),
    )  # fmt: skip


@staff_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    return _run(
        request, initiative, "overview", "note_form", NoteForm(request.POST, auto_id="note_%s"),
        lambda f: services.note_add(initiative=initiative, text=f.cleaned_data["text"], by=request.user),
        _("Your progress note was added."),
        allowed=can_contribute(request.user, initiative),
    )  # fmt: skip


@staff_required
@require_POST
def beneficiaries_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    return _run(
        request, initiative, "beneficiaries", "beneficiary_form", BeneficiaryForm(request.POST, auto_id="beneficiary_%s"),
        lambda f: services.beneficiary_report_add(
            initiative=initiative,
            period_start=f.cleaned_data["period_start"],
            period_end=f.cleaned_data["period_end"],
            total=f.cleaned_data["total"],
            counts=f.counts(),
            by=request.user,
        ),
        _("The beneficiaries were recorded."),
        allowed=can_contribute(request.user, initiative),
    )  # fmt: skip
