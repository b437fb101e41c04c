from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.core.decorators import manager_required
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.service_views import run_service
from learningcity.programme.forms import ProposalAcceptForm, ProposalDeclineForm, ProposalForm
from learningcity.programme.models import Proposal
from learningcity.programme.permissions import can_manage_programme
from learningcity.programme.services import proposals as services


@login_required
def proposal_submit(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and (
        proposal := run_service(
            request,
            form,
            lambda: services.proposal_submit(data=form.cleaned_data, by=request.user),
            _("Thank you. Your proposal was received and will be reviewed."),
        )
    ):
        return redirect(proposal)
    return render(request, "programme/proposal_form.html", {"form": form}, status=form_status(request, form))


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    proposals = Proposal.objects.select_related(
        "proposer", "proposer_entity", "initiative", "suggested_track"
    )
    if not can_manage_programme(request.user):
        proposals = proposals.filter(proposer=request.user)
    status = request.GET.get("status")
    if status:
        proposals = proposals.filter(status=status)
    page = Paginator(proposals, 25).get_page(request.GET.get("page"))
    return render(request, "programme/proposal_list.html", {"page": page, "status": status})


def _proposal_page(
    request: HttpRequest, proposal: Proposal, status: int = 200, **forms: object
) -> HttpResponse:
    manager = can_manage_programme(request.user)
    context = {
        "proposal": proposal,
        "can_review": manager,
        "accept_form": ProposalAcceptForm(
            initial={"track": proposal.suggested_track_id, "owner_entity": proposal.proposer_entity_id}
        )
        if manager
        else None,
        "decline_form": ProposalDeclineForm() if manager else None,
    }
    context.update(forms)
    return render(request, "programme/proposal_detail.html", context, status=status)


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.select_related("proposer", "initiative", "governorate", "suggested_track"), pk=pk
    )
    if proposal.proposer_id != request.user.pk and not can_manage_programme(request.user):
        raise PermissionDenied
    return _proposal_page(request, proposal)


@manager_required
@require_POST
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk)
    action = request.POST.get("action")
    if action == "review":
        try:
            services.proposal_start_review(proposal=proposal, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(proposal)
    if action == "accept":
        form = ProposalAcceptForm(request.POST)
        if form.is_valid():
            try:
                initiative = services.proposal_accept(proposal=proposal, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The proposal was accepted into the framework as %(code)s.")
                    % {"code": initiative.code},
                )
                return redirect(initiative)
        return _proposal_page(request, proposal, status=400, accept_form=form)
    form = ProposalDeclineForm(request.POST)
    if run_service(
        request,
        form,
        lambda: services.proposal_decline(
            proposal=proposal, reason=form.cleaned_data["decline_reason"], by=request.user
        ),
        _("The proposal was declined and its author told why."),
    ):
        return redirect(proposal)
    return _proposal_page(request, proposal, status=400, decline_form=form)
