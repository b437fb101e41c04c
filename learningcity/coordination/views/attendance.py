"""Attendance: marked on the list by a manager, or self check-in with the meeting's code / QR."""

from __future__ import annotations

import io

import segno
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.coordination import services
from learningcity.coordination.forms import AttendanceForm, CheckInForm
from learningcity.coordination.models import Attendance, Meeting
from learningcity.coordination.views.meetings import ATTENDANCE_IDS, render_detail_with_form
from learningcity.core.addresses import absolute_url
from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.service_views import run_service


@manager_required
@require_POST
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    form = AttendanceForm(request.POST, meeting=meeting, auto_id=ATTENDANCE_IDS)
    if run_service(
        request,
        form,
        lambda: services.attendance_mark(
            meeting=meeting,
            entity=form.cleaned_data["entity"],
            coordinator=form.cleaned_data["coordinator"],
            name=form.cleaned_data["name"],
            gender=form.cleaned_data["gender"],
            by=request.user,
        ),
        _("Attendance recorded."),
    ):
        return redirect(f"{meeting.get_absolute_url()}#attendance")
    return render_detail_with_form(request, meeting.pk, attendance_form=form)


@manager_required
@require_POST
def attendance_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = get_object_or_404(Attendance.objects.select_related("meeting"), pk=pk)
    meeting = attendance.meeting
    services.attendance_remove(attendance=attendance, by=request.user)
    return redirect(f"{meeting.get_absolute_url()}#attendance")


@staff_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """The page the meeting's QR code opens; the code is filled in from the link."""
    meeting = get_object_or_404(Meeting, pk=pk)
    form = CheckInForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.attendance_check_in(
            meeting=meeting, code=form.cleaned_data["code"], by=request.user
        ),
        _("You are checked in. Welcome!"),
    ):
        return redirect(meeting)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "coordination/check_in.html", {"meeting": meeting, "form": form}, status=status)


@manager_required
def checkin_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """An SVG QR code of the check-in link, to show on the screen in the meeting room."""
    meeting = get_object_or_404(Meeting, pk=pk)
    link = absolute_url(f"{reverse('coordination:check_in', args=[meeting.pk])}?code={meeting.checkin_code}")
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="svg", scale=6, dark="#0b5d4b", light="#ffffff")
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response
