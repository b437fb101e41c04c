"""The agenda: items added, edited, removed and reordered without a full page reload (htmx)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.coordination import selectors, services
from learningcity.coordination.forms import AgendaItemForm, DecisionForm
from learningcity.coordination.models import AgendaItem, Decision, Meeting
from learningcity.coordination.views.meetings import AGENDA_IDS, render_detail_with_form
from learningcity.core.decorators import manager_required
from learningcity.core.forms import form_status
from learningcity.core.service_views import run_service


def _agenda_partial(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(pk=meeting_pk)
    return render(request, "coordination/_agenda.html", {"meeting": meeting, "can_manage": True})


@manager_required
@require_POST
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    form = AgendaItemForm(request.POST, auto_id=AGENDA_IDS)
    if run_service(
        request,
        form,
        lambda: services.agenda_item_save(meeting=meeting, data=form.cleaned_data, by=request.user),
        _("The agenda item was added."),
    ):
        return redirect(f"{meeting.get_absolute_url()}#agenda")
    return render_detail_with_form(request, meeting.pk, agenda_form=form)


@manager_required
def agenda_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.agenda_item_save(
            meeting=item.meeting, item=item, data=form.cleaned_data, by=request.user
        ),
        _("Your changes were saved."),
    ):
        return redirect(f"{item.meeting.get_absolute_url()}#agenda")
    return render(
        request,
        "coordination/record_form.html",
        {"form": form, "meeting": item.meeting, "heading": _("Agenda item and its notes")},
        status=form_status(request, form),
    )


@manager_required
@require_POST
def agenda_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    meeting = item.meeting
    try:
        services.agenda_item_delete(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return _agenda_partial(request, meeting.pk)
    return redirect(f"{meeting.get_absolute_url()}#agenda")


@manager_required
@require_POST
def agenda_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    try:
        services.agenda_item_move(item=item, direction=direction, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return _agenda_partial(request, item.meeting_id)
    return redirect(f"{item.meeting.get_absolute_url()}#agenda")


@manager_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.select_related("meeting"), pk=pk)
    form = DecisionForm(request.POST or None, instance=decision)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.decision_save(
            meeting=decision.meeting, decision=decision, data=form.cleaned_data, by=request.user
        ),
        _("Your changes were saved."),
    ):
        return redirect(f"{decision.meeting.get_absolute_url()}#decisions")
    return render(
        request,
        "coordination/record_form.html",
        {
            "form": form,
            "meeting": decision.meeting,
            "heading": _("Decision %(number)s") % {"number": decision.number},
        },
        status=form_status(request, form),
    )


@manager_required
@require_POST
def decision_delete(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.select_related("meeting"), pk=pk)
    meeting = decision.meeting
    try:
        services.decision_delete(decision=decision, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{meeting.get_absolute_url()}#decisions")
