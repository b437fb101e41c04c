"""Learners: signing up, registering for sessions, "my learning" and cancelling."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from learningcity.catalogue import selectors
from learningcity.catalogue.backends import SIGN_IN_BACKEND
from learningcity.catalogue.check_in import check_in_qr_svg
from learningcity.catalogue.forms import GroupBookingForm, LearnerForm, SignUpForm, group_people_formset
from learningcity.catalogue.ical import opportunity_ical
from learningcity.catalogue.models import (
    AccessNeed,
    Registration,
    RegistrationStatus,
    Session,
)
from learningcity.catalogue.permissions import can_view_unpublished, is_learner
from learningcity.catalogue.places import held_places, held_places_expression
from learningcity.catalogue.services import group_places, personal_data, waiting_list
from learningcity.catalogue.services import learners as learner_services
from learningcity.catalogue.services import registrations as registration_services
from learningcity.catalogue.views.mobile import send_verification_code
from learningcity.core.disaggregation import AgeGroup, Nationality, Sex
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.ratelimit import rate_limited
from learningcity.core.redirects import safe_next
from learningcity.core.service_views import run_service


@rate_limited("sign_up")
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(safe_next(request, reverse("catalogue:my_learning")))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            learner = learner_services.learner_sign_up(
                data=form.learner_data(),
                password=form.cleaned_data["password1"],
                language=request.LANGUAGE_CODE,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            login(request, learner.user, backend=SIGN_IN_BACKEND)
            messages.success(
                request, _("Welcome, %(name)s. Your account is ready.") % {"name": learner.full_name}
            )
            done = safe_next(request, reverse("catalogue:my_learning"))
            if learner.mobile and send_verification_code(request, learner.mobile):
                # A code is on its way: proving the number lets reminders reach it by SMS.
                return redirect(f"{reverse('catalogue:mobile_verify')}?{urlencode({'next': done})}")
            return HttpResponseRedirect(done)
    return render(
        request,
        "catalogue/sign_up.html",
        {"form": form, "next": safe_next(request, "")},
        status=form_status(request, form),
    )


def privacy_notice(request: HttpRequest) -> HttpResponse:
    context = {
        "privacy_version": settings.PRIVACY_NOTICE_VERSION,
        "inactive_years": max(settings.RETENTION_DAYS["inactive_learner"] // 365, 1),
    }
    return render(request, "catalogue/privacy.html", context)


CANCELLED_SHOWN = 10
PAST_SHOWN = 10


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    if not is_learner(request.user):
        messages.info(
            request, _("“My learning” is for learner accounts. Create one to register for opportunities.")
        )
        return redirect("catalogue:search")
    learner = request.user.learner
    everything = selectors.learner_registrations(learner=learner)
    registrations = list(everything.exclude(status=RegistrationStatus.CANCELLED))
    # Places given back are kept for the record but shown only lately: a learner who cancels
    # often would otherwise carry a page of them (seen in the soak test).
    cancelled = everything.filter(status=RegistrationStatus.CANCELLED)
    now = timezone.now()
    return render(
        request,
        "catalogue/my_learning.html",
        {
            "learner": learner,
            "upcoming": [r for r in registrations if r.is_active and r.session.ends_at > now],
            # A long-time learner's history is paged, newest first (a 5,400 px list otherwise).
            "page": Paginator(
                [r for r in registrations if r.is_active and r.session.ends_at <= now], PAST_SHOWN
            ).get_page(request.GET.get("page")),
            "cancelled": list(cancelled[:CANCELLED_SHOWN]),
            "cancelled_count": cancelled.count(),
            "summary": selectors.learner_summary(learner=learner),
            "pathways": _started_pathways(learner),
            "saved_searches": list(learner.saved_searches.all()),
            "now": now,
        },
    )


def _started_pathways(learner: Any) -> list[Any]:
    from django.db.models import Prefetch

    from learningcity.skills.models import Pathway, PathwayStep
    from learningcity.skills.pathways import progress

    pathways = Pathway.objects.filter(published=True).prefetch_related(
        Prefetch("steps", queryset=PathwayStep.objects.select_related("opportunity")), "skills"
    )
    return [item for item in progress(learner, list(pathways)) if item.started]


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """A copy of everything the platform holds about the learner, as JSON."""
    if not is_learner(request.user):
        raise PermissionDenied
    data = personal_data.learner_data_export(learner=request.user.learner)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_data_page(request: HttpRequest) -> HttpResponse:
    """The same copy as my_data, laid out for a person to read (and print or save as PDF):
    choices by their labels, dates as the platform writes them."""
    if not is_learner(request.user):
        raise PermissionDenied
    data = personal_data.learner_data_export(learner=request.user.learner)
    profile = data["profile"]
    statuses = dict(RegistrationStatus.choices)
    return render(
        request,
        "catalogue/my_data_page.html",
        {
            "data": data,
            "sex": dict(Sex.choices).get(profile["sex"], profile["sex"]),
            "age_group": dict(AgeGroup.choices).get(profile["age_group"], profile["age_group"]),
            "nationality": dict(Nationality.choices).get(profile["nationality"], profile["nationality"]),
            "access_needs": [
                dict(AccessNeed.choices).get(need, need) for need in profile["access_needs"] or []
            ],
            "registrations": [
                {
                    **row,
                    "status": statuses.get(row["status"], row["status"]),
                    "starts": parse_datetime(row["session_starts_at"]),
                }
                for row in data["registrations"]
            ],
            "exported_at": parse_datetime(data["exported_at"]),
        },
    )


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Deleting one's own learner account, after typing the password again."""
    if not is_learner(request.user):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        if request.user.check_password(request.POST.get("password", "")):
            personal_data.learner_account_delete(learner=request.user.learner, by=request.user)
            logout(request)
            messages.success(request, _("Your account was deleted. Thank you for learning with us."))
            return redirect("home")
        error = _("That is not your password; your account was not deleted.")
    return render(
        request,
        "catalogue/delete_account.html",
        {"error": error},
        status=400 if error else 200,
    )


@login_required
def learner_profile(request: HttpRequest) -> HttpResponse:
    if not is_learner(request.user):
        raise PermissionDenied
    learner = request.user.learner
    form = LearnerForm(request.POST or None, instance=learner)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: learner_services.learner_update(learner=learner, data=form.learner_data(), by=request.user),
        _("Your changes were saved."),
    ):
        if (
            learner.mobile
            and learner.mobile_verified_at is None
            and send_verification_code(request, learner.mobile)
        ):
            # A new number is proved before text messages go to it.
            return redirect(
                f"{reverse('catalogue:mobile_verify')}?{urlencode({'next': reverse('catalogue:my_learning')})}"
            )
        return redirect("catalogue:my_learning")
    return render(
        request, "catalogue/learner_profile.html", {"form": form}, status=form_status(request, form)
    )


@rate_limited("registration")
def session_register(request: HttpRequest, pk: int) -> HttpResponse:
    """The registration page: what you are signing up for, then one button."""
    session = get_object_or_404(
        Session.objects.select_related("opportunity__provider", "opportunity__governorate").annotate(
            held_count=held_places_expression()
        ),
        pk=pk,
    )
    if not can_view_unpublished(request.user, session.opportunity):
        raise PermissionDenied
    learner = request.user.learner if is_learner(request.user) else None
    error = None
    existing = None
    if learner:
        existing = (
            learner.registrations.filter(session=session).exclude(status=RegistrationStatus.CANCELLED).first()
        )
    if request.method == "POST":
        if learner is None:
            return redirect(f"{reverse('login')}?next={request.path}")
        try:
            registration = registration_services.registration_create(learner=learner, session=session)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(request, _("Your place is confirmed. We will remind you the day before."))
            else:
                messages.info(
                    request,
                    _(
                        "The session is full, so you are on the waiting list. We will tell you as soon as a place frees up."
                    ),
                )
            return redirect(registration)
    elif learner and existing is None:
        try:
            registration_services.check_can_register(learner=learner, session=session)
        except ValidationError as exc:
            error = exc.messages[0]
    places_left = max(session.capacity - session.held_count, 0)
    return render(
        request,
        "catalogue/register.html",
        {
            "session": session,
            "opportunity": session.opportunity,
            "learner": learner,
            "existing": existing,
            "error": error,
            "places_left": places_left,
            "signed_in_as_staff": request.user.is_authenticated and learner is None,
        },
        status=400 if request.method == "POST" and error else 200,
    )


def _own_registration(request: HttpRequest, pk: int) -> Registration:
    if not is_learner(request.user):
        raise Http404
    try:
        return selectors.learner_registration(learner=request.user.learner, pk=pk)
    except Registration.DoesNotExist as missing:
        raise Http404 from missing


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A learner's own registration: its reference, when and where (with a map), the code to
    show at the door, the place in the waiting list, the calendar file, the certificate or why
    there is none."""
    registration = _own_registration(request, pk)
    now = timezone.now()
    at_the_door = registration.status == RegistrationStatus.CONFIRMED and registration.session.ends_at > now
    return render(
        request,
        "catalogue/registration_detail.html",
        {
            "registration": registration,
            "opportunity": registration.session.opportunity,
            "position": selectors.waiting_position(registration),
            # The code the host scans at the door (the host app, even offline).
            "check_in_qr": check_in_qr_svg(registration) if at_the_door else "",
            "now": now,
        },
    )


@login_required
def registration_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The one session a learner registered for, to add to their phone's calendar."""
    registration = _own_registration(request, pk)
    body = opportunity_ical(
        registration.session.opportunity, [registration.session], language=request.LANGUAGE_CODE
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{registration.reference}.ics"'
    return response


def _change_registration(
    request: HttpRequest, pk: int, change: Any, done: str, own_page: Any
) -> HttpResponse:
    """Apply a change to a registration by its learner, the one who registered them (group
    places) or the session's staff; say how it went and go back to where each of them works."""
    registration = get_object_or_404(
        Registration.objects.select_related("session__opportunity", "learner__guardian"), pk=pk
    )
    try:
        change(registration=registration, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, done)
    learner = registration.learner
    if request.user.pk in (learner.user_id, learner.guardian and learner.guardian.user_id):
        return redirect(own_page(registration))
    return redirect("catalogue:session_registrants", pk=registration.session_id)


@require_POST
@login_required
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_registration(
        request, pk, registration_services.registration_cancel, _("The registration was cancelled."),
        lambda registration: reverse("catalogue:my_learning"),
    )  # fmt: skip


@require_POST
@login_required
def offer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """The person offered a place takes it (their own registration only)."""
    registration = _own_registration(request, pk)
    try:
        waiting_list.offer_accept(registration=registration, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Your place is confirmed. We will remind you the day before."))
    return redirect(registration)


@require_POST
@login_required
def offer_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """The person offered a place lets it go (or the session's staff, for them)."""
    return _change_registration(
        request, pk, waiting_list.offer_decline,
        _("You let the place go; it is offered to the next person waiting."),
        lambda registration: registration.get_absolute_url(),
    )  # fmt: skip


@login_required
@rate_limited("registration")
def session_register_group(request: HttpRequest, pk: int) -> HttpResponse:
    """Places for others — a parent's children, a teacher's class — in one go: a row per person
    (?rows= asks for more rows), confirmed all together or not at all."""
    session = get_object_or_404(Session.objects.select_related("opportunity__provider"), pk=pk)
    if not is_learner(request.user) or not can_view_unpublished(request.user, session.opportunity):
        raise PermissionDenied
    try:
        rows = min(max(int(request.GET.get("rows", 3)), 1), settings.GROUP_PLACES_MAX)
    except ValueError:
        rows = 3
    form = GroupBookingForm(request.POST or None)
    people = group_people_formset(rows)(request.POST or None, prefix="people")
    if request.method == "POST" and form.is_valid() and people.is_valid():
        try:
            group = group_places.group_register(
                booker=request.user.learner,
                session=session,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                people=[row.cleaned_data for row in people if not row.is_blank()],
                consent=form.cleaned_data["consent"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "A place is confirmed for %(count)d person. We will remind you the day before.",
                    "Places are confirmed for %(count)d people. We will remind you the day before.",
                    group.registrations.count(),
                )
                % {"count": group.registrations.count()},
            )
            return redirect("catalogue:my_learning")
    return render(
        request,
        "catalogue/register_group.html",
        {
            "session": session,
            "opportunity": session.opportunity,
            "form": form,
            "people": people,
            "more_rows": min(rows + 5, settings.GROUP_PLACES_MAX),
            "places_left": max(session.capacity - held_places(session), 0),
        },
        status=form_status(request, form, people),
    )
