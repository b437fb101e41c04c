"""The partnership marketplace: needs, offers and pledges, decisions, and contributions by
sector."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from learningcity.collaboration import selectors
from learningcity.collaboration.forms import (
    DecisionForm,
    NeedFilterForm,
    NeedForm,
    PledgeForm,
    initiatives_kept_by,
)
from learningcity.collaboration.models import Need, Pledge
from learningcity.collaboration.permissions import can_keep_needs, pledging_entities
from learningcity.collaboration.services import marketplace as services
from learningcity.collaboration.views.common import form_copy
from learningcity.core.decorators import staff_required
from learningcity.core.exports import Column, list_export
from learningcity.core.forms import form_status, model_form_values
from learningcity.core.service_views import run_service, try_service
from learningcity.partners.permissions import can_edit_entity

NEED_COLUMNS = [
    Column(gettext_lazy("Initiative"), lambda need: need.initiative.code),
    Column(gettext_lazy("Owner entity"), lambda need: need.initiative.owner_entity.name),
    Column(gettext_lazy("Need"), lambda need: need.title),
    Column(gettext_lazy("What is needed"), lambda need: need.get_kind_display()),
    Column(gettext_lazy("Needed"), lambda need: need.size),
    Column(gettext_lazy("Pledged and accepted"), lambda need: need.pledged),
    Column(gettext_lazy("Offers awaiting a decision"), lambda need: need.offers_waiting),
    Column(gettext_lazy("Offers until"), lambda need: need.deadline),
]


@staff_required
def need_list(request: HttpRequest) -> HttpResponse:
    form = NeedFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    needs = selectors.need_list(filters=filters)
    export = list_export(request, needs, NEED_COLUMNS, "marketplace-needs", _("Needs of initiatives"))
    if export is not None:
        return export
    page = Paginator(needs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "collaboration/need_list.html",
        {
            "form": form,
            "page": page,
            "can_publish": initiatives_kept_by(request.user).exists(),
            "query": request.GET.urlencode(),
        },
    )


def _need(pk: int) -> Need:
    return get_object_or_404(
        Need.objects.select_related("initiative__owner_entity", "initiative__track"), pk=pk
    )


@staff_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(pk)
    return _detail(request, need)


def _detail(request: HttpRequest, need: Need, pledge_form: PledgeForm | None = None) -> HttpResponse:
    keeper = can_keep_needs(request.user, need)
    entities = pledging_entities(request.user, need).only("pk", "name_ar", "name_en")
    pledged = services.pledged_towards(need)
    is_open = need.closed_at is None and need.deadline >= timezone.localdate()
    pledges = list(need.pledges.select_related("entity", "funding", "resource_request__resource"))
    for pledge in pledges:
        pledge.withdrawable = pledge.status == "offered" and can_edit_entity(request.user, pledge.entity_id)
    if pledge_form is None and is_open and entities.exists():
        pledge_form = PledgeForm(entities=entities, need=need)
    return render(
        request,
        "collaboration/need_detail.html",
        {
            "need": need,
            "pledges": pledges if keeper else [p for p in pledges if p.is_counted or p.withdrawable],
            "keeper": keeper,
            "pledged": pledged,
            "remaining": max(need.size - pledged, 0),
            "is_open": is_open,
            "pledge_form": pledge_form,
            "share": int(min(pledged / need.size * 100, 100)) if need.size else 0,
        },
        status=form_status(request, pledge_form),
    )


def _need_form(request: HttpRequest, need: Need | None) -> HttpResponse:
    initial = {}
    if need is None and request.GET.get("initiative"):
        initial["initiative"] = request.GET["initiative"]
    form = NeedForm(request.POST or None, instance=form_copy(need), user=request.user, initial=initial)
    if request.method == "POST":
        saved = run_service(
            request,
            form,
            lambda: services.need_save(data=model_form_values(form), by=request.user, need=need),
            _("The need was published in the marketplace."),
        )
        if saved:
            return redirect(saved)
    return render(
        request,
        "collaboration/need_form.html",
        {"form": form, "need": need},
        status=form_status(request, form),
    )


@staff_required
def need_create(request: HttpRequest) -> HttpResponse:
    if not initiatives_kept_by(request.user).exists():
        raise PermissionDenied(_("Only the initiative's own coordinators publish its needs."))
    return _need_form(request, None)


@staff_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(pk)
    if not can_keep_needs(request.user, need):
        raise PermissionDenied(_("Only the initiative's own coordinators publish its needs."))
    return _need_form(request, need)


@require_POST
@staff_required
def need_close(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(pk)
    if not can_keep_needs(request.user, need):
        raise PermissionDenied
    try_service(
        request,
        lambda: services.need_close(need=need, by=request.user),
        _("The need no longer takes offers."),
    )
    return redirect(need)


@require_POST
@staff_required
def pledge_create(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(pk)
    entities = pledging_entities(request.user, need)
    if not entities.exists():
        raise PermissionDenied(_("You may pledge only for your own entity, and not to your own initiative."))
    form = PledgeForm(request.POST, entities=entities, need=need)
    done = run_service(
        request,
        form,
        lambda: services.pledge_offer(need=need, by=request.user, **form.cleaned_data),
        _("Your offer was sent; the initiative's coordinators will accept or decline it."),
    )
    return redirect(need) if done else _detail(request, need, pledge_form=form)


def _pledge(pk: int) -> Pledge:
    return get_object_or_404(Pledge.objects.select_related("need__initiative", "entity"), pk=pk)


@require_POST
@staff_required
def pledge_decide(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = _pledge(pk)
    if not can_keep_needs(request.user, pledge.need):
        raise PermissionDenied(_("Only the initiative's own coordinators decide on offers."))
    accept = request.POST.get("decision") == "accept"
    form = DecisionForm(request.POST)
    message = (
        _("The pledge was accepted and added to the initiative's funding and resources.")
        if accept
        else _("The offer was declined; the partner was told.")
    )
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try_service(
        request,
        lambda: services.pledge_decide(pledge=pledge, accept=accept, note=note, by=request.user),
        message,
    )
    return redirect(pledge.need)


@require_POST
@staff_required
def pledge_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = _pledge(pk)
    if not can_edit_entity(request.user, pledge.entity_id):
        raise PermissionDenied
    try_service(
        request,
        lambda: services.pledge_withdraw(pledge=pledge, by=request.user),
        _("Your offer was withdrawn."),
    )
    return redirect(pledge.need)


@require_POST
@staff_required
def pledge_delivered(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = _pledge(pk)
    if not can_keep_needs(request.user, pledge.need):
        raise PermissionDenied
    try_service(
        request,
        lambda: services.pledge_mark_delivered(pledge=pledge, by=request.user),
        _("The pledge is recorded as delivered."),
    )
    return redirect(pledge.need)


@staff_required
def contributions(request: HttpRequest) -> HttpResponse:
    return render(
        request, "collaboration/contributions.html", {"sectors": selectors.contributions_by_sector()}
    )
