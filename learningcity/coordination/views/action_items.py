"""Action items: assigned in a meeting, followed up by their owner entity until done."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.coordination import selectors, services
from learningcity.coordination.forms import ActionItemFilterForm, ActionItemForm, ProgressForm
from learningcity.coordination.models import ActionItem, ActionItemUpdate, Meeting
from learningcity.coordination.permissions import can_follow_up, can_manage_meetings
from learningcity.core.concurrency import EditConflict
from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.models import AuditEntry
from learningcity.core.paging import CountedUpTo
from learningcity.core.service_views import run_service
from learningcity.partners.permissions import coordinated_entity_ids

PAGE_SIZE = 25


@manager_required
def action_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    initial = {"decision": request.GET.get("decision")}
    form = ActionItemForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.action_item_create(meeting=meeting, data=form.item_data(), by=request.user),
        _("The action item was assigned and its owner notified."),
    ):
        return redirect(f"{meeting.get_absolute_url()}#decisions")
    return render(
        request,
        "coordination/record_form.html",
        {"form": form, "meeting": meeting, "heading": _("New action item")},
        status=form_status(request, form),
    )


@manager_required
def action_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ActionItem.objects.select_related("meeting"), pk=pk)
    form = ActionItemForm(request.POST or None, meeting=item.meeting, instance=item, with_status=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_update(
                item=item, data=form.item_data(), by=request.user, seen_version=form.seen()
            )
        except EditConflict as conflict:
            form.conflicted(conflict)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(item)
    return render(
        request,
        "coordination/record_form.html",
        {"form": form, "meeting": item.meeting, "heading": _("Edit action item")},
        status=form_status(request, form),
    )


@staff_required
def action_item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        ActionItem.objects.select_related(
            "meeting", "decision__axis", "owner_entity", "owner_person"
        ).prefetch_related(Prefetch("updates", queryset=ActionItemUpdate.objects.select_related("author"))),
        pk=pk,
    )
    can_update = can_follow_up(request.user, item)
    form = ProgressForm(initial={"status": item.status}) if can_update else None
    return render(request, "coordination/action_item_detail.html", _detail_context(request, item, form))


def _detail_context(request: HttpRequest, item: ActionItem, form: ProgressForm | None) -> dict:
    history = None
    if request.user.is_programme_manager:
        history = AuditEntry.objects.for_object(item).select_related("actor")[:20]
    return {
        "item": item,
        "form": form,
        "can_update": form is not None,
        "can_manage": can_manage_meetings(request.user),
        "history": history,
    }


@staff_required
@require_POST
def action_item_progress(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        ActionItem.objects.select_related("meeting", "owner_entity", "owner_person"), pk=pk
    )
    if not can_follow_up(request.user, item):
        raise PermissionDenied
    form = ProgressForm(request.POST, request.FILES)
    if run_service(
        request,
        form,
        lambda: services.action_item_add_progress(
            item=item,
            note=form.cleaned_data["note"],
            status=form.cleaned_data["status"],
            evidence=form.cleaned_data["evidence"],
            by=request.user,
        ),
        _("Your progress note was added."),
    ):
        return redirect(item)
    return render(
        request, "coordination/action_item_detail.html", _detail_context(request, item, form), status=400
    )


ENTITY_RATES_SHOWN = 25


def _tracker(request: HttpRequest, *, mine: bool) -> HttpResponse:
    form = ActionItemFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entity_ids = coordinated_entity_ids(request.user) if mine else None
    items = selectors.action_item_list(filters=filters, entity_ids=entity_ids)
    # Counted no further than a little past the page (core/paging.py): at national scale
    # counting the 50,000 overdue items took a third of the filtered tracker's time.
    number = request.GET.get("page")
    page = CountedUpTo(items, PAGE_SIZE, number=number).get_page(number)
    rates = selectors.kept_implementation_rates(items) if not mine else []
    return render(
        request,
        "coordination/action_item_list.html",
        {
            "form": form,
            "page": page,
            "mine": mine,
            # The entities needing most attention first (most overdue); with thousands of
            # partners the whole table would be most of the page.
            "entity_rates": rates[:ENTITY_RATES_SHOWN],
            "entity_rates_total": len(rates),
        },
    )


@staff_required
def action_item_tracker(request: HttpRequest) -> HttpResponse:
    return _tracker(request, mine=False)


@staff_required
def my_action_items(request: HttpRequest) -> HttpResponse:
    return _tracker(request, mine=True)
