from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.coordination import selectors, services
from learningcity.coordination.forms import (
    AgendaItemForm,
    AttachmentForm,
    AttendanceForm,
    CheckInForm,
    DecisionForm,
    InvitationReplyForm,
    MeetingFilterForm,
    MeetingForm,
    MeetingSeriesForm,
)
from learningcity.coordination.minutes import minutes_diff
from learningcity.coordination.models import Meeting
from learningcity.coordination.permissions import can_manage_meetings, invited_entity_ids_of
from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.params import id_param
from learningcity.core.service_views import run_service

PAGE_SIZE = 20
# The meeting page holds several forms; distinct id patterns keep their labels and inputs
# paired (duplicate ids would break both accessibility and the browser tests).
AGENDA_IDS, DECISION_IDS, ATTENDANCE_IDS, ATTACHMENT_IDS, REPLY_IDS = (
    "agenda_%s",
    "decision_%s",
    "attendance_%s",
    "attachment_%s",
    "reply_%s",
)


@staff_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.meeting_list(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    rates = selectors.implementation_rates([meeting.pk for meeting in page])
    rows = [(meeting, rates.get(meeting.pk, selectors.ImplementationRate())) for meeting in page]
    return render(
        request,
        "coordination/meeting_list.html",
        {"form": form, "page": page, "rows": rows, "can_manage": can_manage_meetings(request.user)},
    )


@manager_required
def meeting_create(request: HttpRequest, series: bool = False) -> HttpResponse:
    form_class = MeetingSeriesForm if series else MeetingForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invited = form.cleaned_data["invited_entities"]
        try:
            if series:
                created = services.meeting_series_create(
                    data=form.meeting_data(),
                    frequency=form.cleaned_data["frequency"],
                    count=form.cleaned_data["count"],
                    invited_entities=invited,
                    by=request.user,
                )
                messages.success(request, _("The series of meetings was created."))
                return redirect(created.meetings.order_by("starts_at").first())
            meeting = services.meeting_create(
                data=form.meeting_data(), invited_entities=invited, by=request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The meeting was created and the invited entities were notified."))
            return redirect(meeting)
    return render(
        request,
        "coordination/meeting_form.html",
        {"form": form, "meeting": None, "series": series},
        status=form_status(request, form),
    )


@manager_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.meeting_update(
            meeting=meeting,
            data=form.meeting_data(),
            invited_entities=form.cleaned_data["invited_entities"],
            by=request.user,
        ),
        _("Your changes were saved."),
    ):
        return redirect(meeting)
    return render(
        request,
        "coordination/meeting_form.html",
        {"form": form, "meeting": meeting, "series": False},
        status=form_status(request, form),
    )


@manager_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    services.meeting_cancel(meeting=meeting, by=request.user)
    messages.success(request, _("The meeting was cancelled and the invited entities were told."))
    return redirect(meeting)


def _detail_context(request: HttpRequest, meeting: Meeting) -> dict:
    user = request.user
    manager = can_manage_meetings(user)
    my_entity_ids = invited_entity_ids_of(user, meeting)
    my_invitations = [
        invitation for invitation in meeting.invitations.all() if invitation.entity_id in my_entity_ids
    ]
    versions = list(meeting.minutes_versions.all())
    items = list(meeting.action_items.all())
    decision_rows = [
        (decision, [item for item in items if item.decision_id == decision.pk])
        for decision in meeting.decisions.all()
    ]
    diff = minutes_diff(versions[-2].text, versions[-1].text) if len(versions) > 1 else None
    return {
        "meeting": meeting,
        "can_manage": manager,
        "rate": selectors.implementation_rates([meeting.pk]).get(meeting.pk, selectors.ImplementationRate()),
        "entity_rates": selectors.implementation_rates_by_entity(meeting.action_items.all()),
        "summary": selectors.attendance_summary(meeting),
        "my_invitations": my_invitations,
        "reply_form": InvitationReplyForm(auto_id=REPLY_IDS) if my_invitations else None,
        "checkin_form": CheckInForm() if my_invitations else None,
        "attendance_form": AttendanceForm(meeting=meeting, auto_id=ATTENDANCE_IDS) if manager else None,
        "agenda_form": AgendaItemForm(auto_id=AGENDA_IDS) if manager and not meeting.minutes_locked else None,
        "decision_form": DecisionForm(auto_id=DECISION_IDS)
        if manager and not meeting.minutes_locked
        else None,
        "attachment_form": AttachmentForm(auto_id=ATTACHMENT_IDS) if manager else None,
        "versions": versions,
        "decision_rows": decision_rows,
        "loose_items": [item for item in items if item.decision_id is None],
        "latest_diff": diff,
    }


@staff_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_detail(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "coordination/meeting_detail.html", _detail_context(request, meeting))


def render_detail_with_form(
    request: HttpRequest, meeting_pk: int, **forms_with_errors: object
) -> HttpResponse:
    """Re-show the meeting page with a failed form in place, keeping what was typed."""
    meeting = selectors.meeting_detail(pk=meeting_pk)
    context = _detail_context(request, meeting)
    context.update(forms_with_errors)
    return render(request, "coordination/meeting_detail.html", context, status=400)


@staff_required
@require_POST
def invitation_reply(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    form = InvitationReplyForm(request.POST, auto_id=REPLY_IDS)
    invitation = meeting.invitations.filter(entity_id=id_param(request.POST.get("entity"))).first()
    if form.is_valid():
        try:
            if invitation is None:
                raise services.NotInvitedError(
                    _("You are not invited to this meeting, so you cannot reply to it.")
                )
            services.invitation_reply(
                invitation=invitation,
                response=form.cleaned_data["response"],
                delegate_name=form.cleaned_data["delegate_name"],
                by=request.user,
            )
        except services.NotInvitedError as error:
            # Someone without an invitation has no reply form on the page: say it at the top.
            messages.error(request, " ".join(error.messages))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your reply was recorded."))
            return redirect(meeting)
    return render_detail_with_form(request, meeting.pk, reply_form=form)


@manager_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    form = AttachmentForm(request.POST, request.FILES, auto_id=ATTACHMENT_IDS)
    if run_service(
        request,
        form,
        lambda: services.attachment_add(
            meeting=meeting,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            by=request.user,
        ),
        _("The file was attached."),
    ):
        return redirect(meeting)
    return render_detail_with_form(request, meeting.pk, attachment_form=form)


@manager_required
@require_POST
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        version = services.minutes_publish(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Version %(number)s of the minutes was published.") % {"number": version.number}
        )
    return redirect(meeting)


@manager_required
@require_POST
def minutes_correct(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        services.minutes_start_correction(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(
            request, _("The minutes are open for a correction. Publish them again to issue a new version.")
        )
    return redirect(meeting)


@manager_required
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    form = DecisionForm(request.POST, auto_id=DECISION_IDS)
    if run_service(
        request,
        form,
        lambda: services.decision_save(meeting=meeting, data=form.cleaned_data, by=request.user),
        _("The decision was recorded."),
    ):
        return redirect(f"{meeting.get_absolute_url()}#decisions")
    return render_detail_with_form(request, meeting.pk, decision_form=form)
