"""Festival pages: the public list and programme, the call's sign-up for organisations without
an account, hosts' submissions, and the programme manager's review of events and hosts."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.forms import form_status
from learningcity.core.public_pages import public_page
from learningcity.core.ratelimit import rate_limited
from learningcity.core.service_views import run_service
from learningcity.festivals import selectors, services
from learningcity.festivals.forms import (
    EventForm,
    EventReviewForm,
    FestivalForm,
    HostReviewForm,
    HostSignUpForm,
    ProgrammeFilterForm,
)
from learningcity.festivals.models import EventStatus, Festival, FestivalEvent, HostSignUp, HostStatus
from learningcity.festivals.permissions import (
    can_edit_event,
    can_manage_festivals,
    can_see_event,
    can_submit_events,
)


def _festival(request: HttpRequest, slug: str) -> Festival:
    return get_object_or_404(selectors.visible_festivals(request.user), slug=slug)


@public_page(selectors.FESTIVALS_CACHE)
def festival_list(request: HttpRequest) -> HttpResponse:
    manager = can_manage_festivals(request.user)
    return render(
        request,
        "festivals/festival_list.html",
        {
            "festivals": selectors.visible_festivals(request.user),
            "manager": manager,
            "pending_hosts": selectors.pending_host_sign_ups().count() if manager else 0,
            "can_submit": can_submit_events(request.user),
        },
    )


@public_page(selectors.FESTIVALS_CACHE)
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    festival = _festival(request, slug)
    places = selectors.programme_places(festival)
    form = ProgrammeFilterForm(request.GET or None, festival=festival, places=places)
    filters = selectors.ProgrammeFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ProgrammeFilters(
            day=data["day"], governorate=data["place"], theme=data["theme"], audience=data["audience"]
        )
    sessions = selectors.programme(festival, filters)
    return render(
        request,
        "festivals/programme.html",
        {
            "festival": festival,
            "form": form,
            "filtered": any(request.GET.get(name) for name in form.fields),
            "days": selectors.programme_by_day(sessions),
            "count": len(sessions),
            "open": festival.accepts_submissions(),
            "can_submit": can_submit_events(request.user),
            "manager": can_manage_festivals(request.user),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _festival_form(request: HttpRequest, festival: Festival | None) -> HttpResponse:
    form = FestivalForm(request.POST or None, instance=festival)
    if request.method == "POST":
        saved = run_service(
            request,
            form,
            lambda: services.festival_save(
                data=form.festival_data(), themes=form.theme_names(), by=request.user, festival=festival
            ),
            _("The festival was saved."),
        )
        if saved:
            return redirect(saved)
    return render(
        request,
        "festivals/festival_form.html",
        {"form": form, "festival": festival},
        status=form_status(request, form),
    )


@manager_required
def festival_create(request: HttpRequest) -> HttpResponse:
    return _festival_form(request, None)


@manager_required
def festival_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _festival_form(request, _festival(request, slug))


@rate_limited("sign_up")
def host_sign_up(request: HttpRequest, slug: str) -> HttpResponse:
    """Open to anyone: a community organisation asks to host events (no account needed). Like a
    learner's sign-up, it is limited per client address: each request writes to the managers
    and sends an e-mail."""
    festival = _festival(request, slug)
    form = HostSignUpForm(request.POST or None)
    if request.method == "POST":
        saved = run_service(
            request,
            form,
            lambda: services.host_sign_up_create(
                festival=festival, data=form.sign_up_data(), language=translation.get_language() or "ar"
            ),
            _(
                "Thank you. The request was sent; a programme manager reviews it and writes to the e-mail given."
            ),
        )
        if saved:
            return redirect(festival)
    return render(
        request,
        "festivals/host_sign_up.html",
        {"form": form, "festival": festival, "open": festival.accepts_submissions()},
        status=form_status(request, form),
    )


@staff_required
def submissions(request: HttpRequest, slug: str) -> HttpResponse:
    if not can_submit_events(request.user):
        raise PermissionDenied
    festival = _festival(request, slug)
    events = selectors.submissions(festival, request.user)
    counts = selectors.submission_counts(events)
    status = request.GET.get("status", "")
    if status in EventStatus.values:
        events = events.filter(status=status)
    return render(
        request,
        "festivals/submissions.html",
        {
            "festival": festival,
            "events": events,
            "counts": [(value, label, counts[value]) for value, label in EventStatus.choices],
            "status": status,
            "open": festival.accepts_submissions(),
            "manager": can_manage_festivals(request.user),
        },
    )


def _event_form(request: HttpRequest, festival: Festival, event: FestivalEvent | None) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event, festival=festival, user=request.user)
    if request.method == "POST":
        if event is None:

            def call() -> FestivalEvent:
                return services.event_submit(
                    festival=festival, data=form.event_data(), age_groups=form.cleaned_data["age_groups"],
                    by=request.user,
                )  # fmt: skip
        else:

            def call() -> FestivalEvent:
                return services.event_update(
                    event=event,
                    data=form.event_data(),
                    age_groups=form.cleaned_data["age_groups"],
                    by=request.user,
                )

        saved = run_service(
            request,
            form,
            call,
            _("The event was sent for review. You are told when a programme manager answers."),
        )
        if saved:
            return redirect(saved)
    return render(
        request,
        "festivals/event_form.html",
        {
            "form": form,
            "festival": festival,
            "event": event,
            "open": festival.accepts_submissions(),
            "manager": can_manage_festivals(request.user),
        },
        status=form_status(request, form),
    )


@staff_required
def event_submit(request: HttpRequest, slug: str) -> HttpResponse:
    if not can_submit_events(request.user):
        raise PermissionDenied(_("Coordinators submit their entity's events; ask your entity's coordinator."))
    return _event_form(request, _festival(request, slug), None)


def _event(request: HttpRequest, pk: int) -> FestivalEvent:
    event = get_object_or_404(
        FestivalEvent.objects.select_related("festival", "host", "theme", "governorate", "opportunity"), pk=pk
    )
    if not can_see_event(request.user, event):
        raise Http404
    return event


def _event_page(request: HttpRequest, event: FestivalEvent, review_form: Form | None = None) -> HttpResponse:
    if review_form is None and can_manage_festivals(request.user) and event.is_editable:
        review_form = EventReviewForm()
    return render(
        request,
        "festivals/event_detail.html",
        {"event": event, "review_form": review_form, "editable": can_edit_event(request.user, event)},
        status=form_status(request, review_form),
    )


@staff_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _event_page(request, _event(request, pk))


@staff_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if not can_edit_event(request.user, event):
        raise PermissionDenied(_("Only an event still under review can be changed."))
    return _event_form(request, event.festival, event)


@require_POST
@manager_required
def event_review(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = EventReviewForm(request.POST)
    done = run_service(
        request,
        form,
        lambda: services.event_review(
            event=event,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
            by=request.user,
        ),
        _("The review was recorded and the host told."),
    )
    return redirect(event) if done else _event_page(request, event, review_form=form)


@manager_required
def host_list(request: HttpRequest) -> HttpResponse:
    sign_ups = HostSignUp.objects.select_related("festival", "governorate", "entity")
    return render(
        request,
        "festivals/host_list.html",
        {
            "pending": sign_ups.filter(status=HostStatus.PENDING).order_by("created_at", "pk"),
            "answered": sign_ups.exclude(status=HostStatus.PENDING).order_by("-reviewed_at", "-pk")[:50],
        },
    )


def _host_page(request: HttpRequest, sign_up: HostSignUp, review_form: Form | None = None) -> HttpResponse:
    if review_form is None and sign_up.status == HostStatus.PENDING:
        review_form = HostReviewForm()
    return render(
        request,
        "festivals/host_detail.html",
        {"sign_up": sign_up, "review_form": review_form},
        status=form_status(request, review_form),
    )


@manager_required
def host_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _host_page(request, get_object_or_404(HostSignUp.objects.select_related("festival"), pk=pk))


@require_POST
@manager_required
def host_review(request: HttpRequest, pk: int) -> HttpResponse:
    sign_up = get_object_or_404(HostSignUp, pk=pk)
    form = HostReviewForm(request.POST)
    done = run_service(
        request,
        form,
        lambda: services.host_sign_up_review(
            sign_up=sign_up,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            by=request.user,
        ),
        _("The answer was recorded and the organisation told."),
    )
    return redirect(sign_up) if done else _host_page(request, sign_up, review_form=form)
