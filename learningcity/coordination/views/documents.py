"""Meetings as files: the minutes PDF and iCalendar (one meeting, and a person's feed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.coordination import selectors, services
from learningcity.coordination.ical import meetings_ical
from learningcity.coordination.models import CalendarFeed, Meeting
from learningcity.core.decorators import staff_required
from learningcity.core.pdf import render_pdf


@staff_required
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("learning_city"), pk=pk)
    body = meetings_ical([meeting], language=get_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's subscribable calendar. The secret token in the address is the only key, so
    calendar apps can fetch it without signing in; regenerating it revokes the old address."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    meetings = selectors.meetings_for_calendar(user=feed.user)
    body = meetings_ical(
        meetings,
        language=get_language(),
        name=_("Learning City Platform meetings"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_POST
def calendar_feed_regenerate(request: HttpRequest) -> HttpResponse:
    services.calendar_feed_regenerate(user=request.user)
    messages.success(request, _("Your calendar address was changed; the old one no longer works."))
    return redirect("accounts:profile")


@login_required
@require_POST
def calendar_feed_revoke(request: HttpRequest) -> HttpResponse:
    services.calendar_feed_revoke(user=request.user)
    messages.success(request, _("Your calendar address was turned off."))
    return redirect("accounts:profile")


@staff_required
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_detail(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc
    language = get_language()
    pdf = render_pdf(
        "coordination/minutes_pdf.html",
        {
            "meeting": meeting,
            "summary": selectors.attendance_summary(meeting),
            "rate": selectors.implementation_rates([meeting.pk]).get(
                meeting.pk, selectors.ImplementationRate()
            ),
            "generated_at": timezone.now(),
            "latest_version": meeting.minutes_versions.last(),
        },
        language=language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}-{language}.pdf"'
    return response
