from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.core.decorators import staff_required
from learningcity.core.service_views import run_service
from learningcity.programme import selectors
from learningcity.programme.forms import ChallengeFilterForm, ChallengeForm, ChallengeUpdateForm
from learningcity.programme.models import Challenge, Initiative
from learningcity.programme.permissions import can_contribute
from learningcity.programme.services import challenges as services
from learningcity.programme.services.challenges import _can_work_on
from learningcity.programme.views.records import _run


@staff_required
def challenge_register(request: HttpRequest) -> HttpResponse:
    form = ChallengeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.challenge_register(filters=filters), 30).get_page(request.GET.get("page"))
    return render(request, "programme/challenge_list.html", {"form": form, "page": page})


@staff_required
@require_POST
def challenge_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    form = ChallengeForm(request.POST, auto_id="challenge_%s", instance=Challenge(initiative=initiative))
    return _run(
        request, initiative, "challenges", "challenge_form", form,
        lambda f: services.challenge_create(initiative=initiative, data=f.cleaned_data, by=request.user),
        _("The field challenge was recorded."),
        allowed=can_contribute(request.user, initiative),
    )  # fmt: skip


@staff_required
def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(
        Challenge.objects.select_related(
            "initiative", "owner_entity", "escalated_to__meeting", "reported_by"
        ),
        pk=pk,
    )
    can_work = _can_work_on(request.user, challenge)
    form = ChallengeUpdateForm(request.POST or None, instance=challenge) if can_work else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if run_service(
            request,
            form,
            lambda: services.challenge_update(challenge=challenge, data=form.cleaned_data, by=request.user),
            _("Your changes were saved."),
        ):
            return redirect(challenge)
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(
        request,
        "programme/challenge_detail.html",
        {"challenge": challenge, "form": form, "can_work": can_work},
        status=status,
    )


@staff_required
@require_POST
def challenge_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(Challenge.objects.select_related("initiative__track__axis"), pk=pk)
    try:
        item = services.challenge_escalate(challenge=challenge, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The challenge is on the agenda of %(meeting)s.") % {"meeting": item.meeting.title},
        )
    return redirect(challenge)
