"""Pages for data collection: forms to fill, one form, forms to approve, data sets."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.forms import form_status
from learningcity.core.models import Governorate, LearningCity, Region
from learningcity.core.service_views import run_service, try_service
from learningcity.datacollection import entry, places, selectors, services
from learningcity.datacollection.forms import ApproversForm, DataSetForm
from learningcity.datacollection.models import Approver, DataForm, DataSet, FormStatus
from learningcity.datacollection.permissions import can_approve, can_enter
from learningcity.indicators.calc import period_label

CELL_PREFIX = "cell:"


@staff_required
def forms_to_fill(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "datacollection/forms_to_fill.html",
        {
            "slots": selectors.forms_to_fill(request.user),
            "to_approve": len(selectors.forms_to_approve(request.user)),
        },
    )


@staff_required
def forms_to_approve(request: HttpRequest) -> HttpResponse:
    return render(
        request, "datacollection/forms_to_approve.html", {"forms": selectors.forms_to_approve(request.user)}
    )


@staff_required
def data_set_list(request: HttpRequest) -> HttpResponse:
    data_sets = list(DataSet.objects.order_by("code"))
    all_slots = selectors.slots(data_sets)
    rows = [
        (data_set, selectors.completeness([slot for slot in all_slots if slot.data_set.pk == data_set.pk]))
        for data_set in data_sets
    ]
    return render(request, "datacollection/data_set_list.html", {"rows": rows})


@staff_required
def data_set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    data_set = get_object_or_404(DataSet.objects.prefetch_related("indicators", "entities"), pk=pk)
    data_set_slots = selectors.slots([data_set])
    periods = places.periods_to_report(data_set, timezone.localdate())
    by_place: dict[str, list[selectors.Slot]] = {}
    for slot in data_set_slots:
        by_place.setdefault(slot.scope, []).append(slot)
    return render(
        request,
        "datacollection/data_set_detail.html",
        {
            "data_set": data_set,
            "periods": periods,
            "rows": list(by_place.values()),
            "completeness": selectors.completeness(data_set_slots),
        },
    )


def _locate(data_set_pk: int, period: str, scope: str) -> tuple[DataSet, dt.date, places.Place]:
    data_set = get_object_or_404(DataSet, pk=data_set_pk)
    try:
        period_start = dt.date.fromisoformat(period)
    except ValueError as exc:
        raise Http404 from exc
    place = places.place_of(scope)
    if place is None or scope not in {places.scope_of(p) for p in places.data_set_places(data_set)}:
        raise Http404
    return data_set, period_start, place


@staff_required
def data_form(request: HttpRequest, data_set_pk: int, period: str, scope: str) -> HttpResponse:
    data_set, period_start, place = _locate(data_set_pk, period, scope)
    chain = places.approval_chain(scope)
    may_enter = can_enter(request.user, data_set)
    if not (may_enter or any(can_approve(request.user, level) for level in chain)):
        raise PermissionDenied
    form = DataForm.objects.filter(data_set=data_set, period_start=period_start, scope=scope).first()
    entries = dict(form.entries) if form else {}
    comment = form.comment if form else ""
    status = 200
    if request.method == "POST":
        if not may_enter:
            raise PermissionDenied
        entries = _typed(request)
        comment = request.POST.get("comment", "")
        submit = request.POST.get("action") == "submit"
        try:
            form, check = services.form_save(
                data_set=data_set, period_start=period_start, place=place, entries=entries,
                comment=comment, submit=submit, by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            status = 400
        else:
            if form.status == FormStatus.SUBMITTED:
                messages.success(request, _("The form was submitted for approval."))
                return redirect(form)
            if not submit:
                messages.success(request, _("The draft was saved."))
                return redirect(form)
            messages.error(
                request, _("The form was saved as a draft but not submitted: see what needs correcting.")
            )
            status = 400
    check = services.form_check(data_set=data_set, period_start=period_start, scope=scope, entries=entries)
    editable = may_enter and (form is None or form.status in services.EDITABLE)
    pending = services.pending_scope(form) if form else None
    context = {
        "data_set": data_set,
        "place": place,
        "scope": scope,
        "period_start": period_start,
        "period_text": period_label(period_start, data_set.frequency),
        "due_on": places.due_date(data_set, period_start),
        "form": form,
        "comment": comment,
        "grid": entry.grid(services.indicators_of(data_set), entries, check.reading),
        "check": check,
        "editable": editable,
        "chain": [(places.level_of(level).label, places.place_of(level)) for level in chain],
        "pending_scope": pending,
        "may_approve": pending is not None and can_approve(request.user, pending),
        "may_unlock": form is not None
        and form.status == FormStatus.APPROVED
        and can_approve(request.user, chain[-1]),
        "steps": form.steps.select_related("by") if form else [],
    }
    return render(request, "datacollection/data_form.html", context, status=status)


def _typed(request: HttpRequest) -> dict[str, str]:
    return {
        key[len(CELL_PREFIX) :]: value for key, value in request.POST.items() if key.startswith(CELL_PREFIX)
    }


@staff_required
@require_POST
def data_form_check(request: HttpRequest, data_set_pk: int, period: str, scope: str) -> HttpResponse:
    """What the rules say about what is typed so far (htmx, as the person types)."""
    data_set, period_start, _place = _locate(data_set_pk, period, scope)
    if not can_enter(request.user, data_set):
        raise PermissionDenied
    check = services.form_check(
        data_set=data_set, period_start=period_start, scope=scope, entries=_typed(request)
    )
    return render(request, "datacollection/_checks.html", {"check": check, "oob": True})


def _acting_on(data_set_pk: int, period: str, scope: str) -> DataForm:
    data_set, period_start, _place = _locate(data_set_pk, period, scope)
    return get_object_or_404(DataForm, data_set=data_set, period_start=period_start, scope=scope)


@staff_required
@require_POST
def data_form_approve(request: HttpRequest, data_set_pk: int, period: str, scope: str) -> HttpResponse:
    form = _acting_on(data_set_pk, period, scope)
    try:
        form = services.form_approve(form=form, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if form.status == FormStatus.APPROVED:
            messages.success(request, _("The form was approved and its values are locked."))
        else:
            messages.success(request, _("The form was approved at this level and sent to the next."))
    return redirect(form)


@staff_required
@require_POST
def data_form_return(request: HttpRequest, data_set_pk: int, period: str, scope: str) -> HttpResponse:
    form = _acting_on(data_set_pk, period, scope)
    reason = request.POST.get("reason", "")
    try_service(
        request,
        lambda: services.form_return(form=form, reason=reason, by=request.user),
        _("The form was returned to its entity with your reason."),
    )
    return redirect(form)


@staff_required
@require_POST
def data_form_unlock(request: HttpRequest, data_set_pk: int, period: str, scope: str) -> HttpResponse:
    form = _acting_on(data_set_pk, period, scope)
    reason = request.POST.get("reason", "")
    try_service(
        request,
        lambda: services.form_unlock(form=form, reason=reason, by=request.user),
        _("The form was unlocked and returned to its entity for correction."),
    )
    return redirect(form)


@manager_required
def data_set_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    data_set = get_object_or_404(DataSet, pk=pk) if pk else None
    form = DataSetForm(request.POST or None, instance=data_set)
    if request.method == "POST" and (
        saved := run_service(
            request,
            form,
            lambda: services.data_set_save(
                data=form.data_set_data(), relations=form.relations(), data_set=data_set, by=request.user
            ),
            _("The data set was saved."),
        )
    ):
        return redirect(saved)
    return render(
        request,
        "datacollection/data_set_form.html",
        {"form": form, "data_set": data_set},
        status=form_status(request, form),
    )


@staff_required
def approver_list(request: HttpRequest) -> HttpResponse:
    """Every place and who approves its forms."""
    named: dict[str, list] = {}
    for approver in Approver.objects.select_related("user").order_by("user__username"):
        named.setdefault(approver.scope, []).append(approver.user)
    all_places = [
        *Region.objects.order_by("pk"),
        *LearningCity.objects.order_by("region_id", "pk"),
        *Governorate.objects.order_by("region_id", "pk"),
    ]
    rows = [(place, places.scope_of(place), named.get(places.scope_of(place), [])) for place in all_places]
    return render(request, "datacollection/approver_list.html", {"rows": rows})


@manager_required
def approver_form(request: HttpRequest, scope: str) -> HttpResponse:
    place = places.place_of(scope)
    if place is None:
        raise Http404
    current = Approver.objects.filter(scope=scope).select_related("user").order_by("user__username")
    form = ApproversForm(
        request.POST or None, initial={"usernames": "\n".join(a.user.username for a in current)}
    )
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.approver_set(place=place, users=form.cleaned_data["usernames"], by=request.user),
        _("The approvers were saved."),
    ):
        return redirect("datacollection:approvers")
    return render(
        request,
        "datacollection/approver_form.html",
        {"form": form, "place": place, "level": places.level_of(scope)},
        status=form_status(request, form),
    )
