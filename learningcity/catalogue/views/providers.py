"""Provider tools: keeping opportunities and sessions, registrants, attendance, completion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from learningcity.catalogue import selectors
from learningcity.catalogue.forms import OpportunityForm, RevokeForm, SessionForm
from learningcity.catalogue.models import (
    Certificate,
    Opportunity,
    OpportunityStatus,
    RegistrationStatus,
    Session,
)
from learningcity.catalogue.permissions import can_edit_opportunity, can_manage_opportunities
from learningcity.catalogue.services import certificates as certificate_services
from learningcity.catalogue.services import opportunities as services
from learningcity.catalogue.services import registrations as registration_services
from learningcity.core.audit import audit_personal_data_access
from learningcity.core.decorators import staff_required
from learningcity.core.exports import Column, list_export
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.service_views import run_service
from learningcity.partners.permissions import coordinated_entity_ids

PAGE_SIZE = 25

REGISTRANT_COLUMNS = [
    Column(gettext_lazy("Name"), lambda r: r.learner.full_name),
    Column(gettext_lazy("Status"), lambda r: r.get_status_display()),
    Column(gettext_lazy("Mobile number"), lambda r: r.learner.mobile_display),
    Column(gettext_lazy("E-mail address"), lambda r: r.learner.user.email),
    Column(gettext_lazy("Sex"), lambda r: r.learner.get_sex_display()),
    Column(gettext_lazy("Age group"), lambda r: r.learner.get_age_group_display()),
    Column(gettext_lazy("Governorate"), lambda r: r.learner.governorate.name),
    Column(gettext_lazy("Citizen or resident"), lambda r: r.learner.get_nationality_display()),
    Column(gettext_lazy("Accommodation needs"), lambda r: r.learner.accommodation_needs),
    Column(gettext_lazy("Registered at"), lambda r: r.created_at),
    Column(
        gettext_lazy("Place offered until"), lambda r: r.offer_expires_at if r.status == "offered" else None
    ),
    Column(
        gettext_lazy("Attended"),
        lambda r: "" if r.attended is None else (_("Yes") if r.attended else _("No")),
    ),
    Column(gettext_lazy("Completed at"), lambda r: r.completed_at),
]


def _editable_opportunity(request: HttpRequest, pk: int) -> Opportunity:
    opportunity = get_object_or_404(Opportunity.objects.select_related("provider"), pk=pk)
    if not can_edit_opportunity(request.user, opportunity):
        raise PermissionDenied
    return opportunity


def _editable_session(request: HttpRequest, pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("opportunity__provider"), pk=pk)
    if not can_edit_opportunity(request.user, session.opportunity):
        raise PermissionDenied
    return session


@staff_required
def manage_list(request: HttpRequest) -> HttpResponse:
    if not can_manage_opportunities(request.user):
        raise PermissionDenied
    entity_ids = None if request.user.is_programme_manager else coordinated_entity_ids(request.user)
    opportunities = selectors.provider_opportunities(entity_ids=entity_ids)
    status = request.GET.get("status")
    if status in OpportunityStatus.values:
        opportunities = opportunities.filter(status=status)
    page = selectors.card_page(opportunities, request.GET.get("page"), PAGE_SIZE, load=selectors.managed_rows)
    return render(
        request,
        "catalogue/manage_list.html",
        {"page": page, "statuses": OpportunityStatus.choices, "status": status},
    )


@staff_required
def opportunity_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_opportunities(request.user):
        raise PermissionDenied
    form = OpportunityForm(request.POST or None, user=request.user)
    if request.method == "POST" and (
        opportunity := run_service(
            request,
            form,
            lambda: services.opportunity_create(
                data=form.opportunity_data(), **form.related_values(), by=request.user
            ),
            _("The opportunity was saved as a draft. Add its sessions, then publish it."),
        )
    ):
        return redirect(opportunity)
    return render(
        request,
        "catalogue/opportunity_form.html",
        {"form": form, "opportunity": None},
        status=form_status(request, form),
    )


@staff_required
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _editable_opportunity(request, pk)
    form = OpportunityForm(request.POST or None, instance=opportunity, user=request.user)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.opportunity_update(
            opportunity=opportunity,
            data=form.opportunity_data(),
            **form.related_values(),
            by=request.user,
        ),
        _("Your changes were saved."),
    ):
        return redirect(opportunity)
    return render(
        request,
        "catalogue/opportunity_form.html",
        {"form": form, "opportunity": opportunity},
        status=form_status(request, form),
    )


@require_POST
@staff_required
def opportunity_status(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _editable_opportunity(request, pk)
    try:
        services.opportunity_set_status(
            opportunity=opportunity, status=request.POST.get("status", ""), by=request.user
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("The status is now: %(status)s.") % {"status": opportunity.get_status_display()}
        )
    return redirect("catalogue:manage_sessions", pk=opportunity.pk)


@staff_required
def manage_sessions(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _editable_opportunity(request, pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        repeat = form.cleaned_data.get("repeat_every_days") or 0
        try:
            if repeat:
                sessions = services.session_create_series(
                    opportunity=opportunity,
                    data=form.session_data(),
                    repeat_every_days=repeat,
                    count=form.cleaned_data.get("repeat_count") or 1,
                    by=request.user,
                )
            else:
                sessions = [
                    services.session_create(
                        opportunity=opportunity, data=form.session_data(), by=request.user
                    )
                ]
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("%(count)d session added.", "%(count)d sessions added.", len(sessions))
                % {"count": len(sessions)},
            )
            return redirect("catalogue:manage_sessions", pk=opportunity.pk)
    return render(
        request,
        "catalogue/manage_sessions.html",
        {
            "opportunity": opportunity,
            "sessions": selectors.session_list(opportunity=opportunity, upcoming_only=False),
            "form": form,
            "statuses": OpportunityStatus.choices,
            "now": timezone.now(),
        },
        status=form_status(request, form),
    )


@staff_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _editable_session(request, pk)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.session_update(session=session, data=form.session_data(), by=request.user),
        _("Your changes were saved."),
    ):
        return redirect("catalogue:manage_sessions", pk=session.opportunity_id)
    return render(
        request,
        "catalogue/session_form.html",
        {"form": form, "session": session},
        status=form_status(request, form),
    )


@require_POST
@staff_required
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _editable_session(request, pk)
    services.session_cancel(session=session, by=request.user)
    messages.success(request, _("The session was cancelled and the people registered were told."))
    return redirect("catalogue:manage_sessions", pk=session.opportunity_id)


@staff_required
def session_registrants(request: HttpRequest, pk: int) -> HttpResponse:
    session = _editable_session(request, pk)
    registrations = selectors.registrants(session=session)
    audit_personal_data_access(
        actor=request.user,
        instance=session,
        what=request.GET.get("format") or "page",
        records=registrations.count(),
    )
    exported = list_export(
        request, registrations.iterator(chunk_size=500), REGISTRANT_COLUMNS, f"registrants-session-{session.pk}",
        _("Registrants"),
    )  # fmt: skip
    if exported:
        return exported
    rows = list(registrations)
    return render(
        request,
        "catalogue/registrants.html",
        {
            "session": session,
            "opportunity": session.opportunity,
            "registrations": rows,
            # What the waiting list is doing: the places offered and not yet answered, the
            # soonest to lapse first (the list itself is in the order places are given).
            "offers": sorted(
                (r for r in rows if r.status == RegistrationStatus.OFFERED), key=lambda r: r.offer_expires_at
            ),
            "waiting": sum(r.status == RegistrationStatus.WAITLISTED for r in rows),
            "confirmed": sum(r.status == RegistrationStatus.CONFIRMED for r in rows),
            "started": session.doors_open(),
            "revoke_form": RevokeForm(),
        },
    )


@require_POST
@staff_required
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = _editable_session(request, pk)
    present = set(request.POST.getlist("present"))
    listed = request.POST.getlist("registration")
    try:
        attended = {int(value): value in present for value in listed}
    except ValueError:
        attended = {}
    try:
        registration_services.attendance_mark(session=session, attended=attended, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Attendance saved."))
    return redirect("catalogue:session_registrants", pk=session.pk)


@require_POST
@staff_required
def session_complete(request: HttpRequest, pk: int) -> HttpResponse:
    session = _editable_session(request, pk)
    try:
        ids = [int(value) for value in request.POST.getlist("complete")]
    except ValueError:
        ids = []
    if not ids:
        messages.error(request, _("Tick the learners who completed, then press the button."))
        return redirect("catalogue:session_registrants", pk=session.pk)
    try:
        completed = registration_services.registrations_complete(
            session=session, registration_ids=ids, by=request.user
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d learner marked as completed.",
                "%(count)d learners marked as completed.",
                len(completed),
            )
            % {"count": len(completed)},
        )
    return redirect("catalogue:session_registrants", pk=session.pk)


@require_POST
@staff_required
def certificate_revoke(request: HttpRequest, uuid: str) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__session__opportunity"), uuid=uuid
    )
    if not can_edit_opportunity(request.user, certificate.registration.session.opportunity):
        raise PermissionDenied
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            certificate_services.certificate_revoke(
                certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The certificate was revoked; its verification page now says so."))
    else:
        messages.error(request, _("Say why the certificate is revoked; the verification page shows it."))
    return redirect("catalogue:session_registrants", pk=certificate.registration.session_id)
