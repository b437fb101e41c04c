"""Mobile numbers proved with a code by SMS, and signing in with one (services/mobile_codes.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from learningcity.catalogue.backends import SIGN_IN_BACKEND
from learningcity.catalogue.contact import normalize_mobile
from learningcity.catalogue.forms import MobileNumberForm, OneTimeCodeForm
from learningcity.catalogue.models import CodePurpose
from learningcity.catalogue.permissions import is_learner
from learningcity.catalogue.services import mobile_codes
from learningcity.core.client_address import client_address
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.redirects import safe_next

SIGN_IN_NUMBER = "code_sign_in_mobile"


def send_verification_code(request: HttpRequest, mobile: str) -> bool:
    """Send the code that proves `mobile`; False (with a message) when too many were asked for."""
    try:
        mobile_codes.code_send(
            mobile=mobile,
            purpose=CodePurpose.VERIFY,
            client=client_address(request) or "",
            language=request.LANGUAGE_CODE,
        )
    except mobile_codes.TooManyCodes as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


@login_required
def mobile_verify(request: HttpRequest) -> HttpResponse:
    if not is_learner(request.user):
        raise PermissionDenied
    learner = request.user.learner
    done = safe_next(request, reverse("catalogue:my_learning"))
    if not learner.mobile or learner.mobile_verified_at:
        return HttpResponseRedirect(done)
    form = OneTimeCodeForm(
        request.POST if request.method == "POST" and "resend" not in request.POST else None
    )
    if request.method == "POST" and "resend" in request.POST:
        if send_verification_code(request, learner.mobile):
            messages.success(request, _("A new code is on its way."))
        return redirect(f"{request.path}?{urlencode({'next': done})}")
    if request.method == "POST" and form.is_valid():
        try:
            mobile_codes.mobile_verify(learner=learner, code=form.cleaned_data["code"])
        except ValidationError as error:
            apply_service_errors(form, ValidationError({"code": error.messages}))
        else:
            messages.success(request, _("Your mobile number is confirmed. Text messages can now reach you."))
            return HttpResponseRedirect(done)
    return render(
        request,
        "catalogue/mobile_verify.html",
        {"form": form, "number": mobile_codes.masked(learner.mobile), "next": done},
        status=form_status(request, form),
    )


def sign_in_code(request: HttpRequest) -> HttpResponse:
    """Sign in with a mobile number and a code sent to it: the number, then the code."""
    done = safe_next(request, reverse("my_work"))
    if request.user.is_authenticated:
        return HttpResponseRedirect(done)
    again = redirect(f"{request.path}?{urlencode({'next': done})}")
    mobile = request.session.get(SIGN_IN_NUMBER)
    if request.method == "POST" and "other_number" in request.POST:
        request.session.pop(SIGN_IN_NUMBER, None)
        return again
    if request.method == "POST" and "resend" in request.POST and mobile:
        try:
            _send_sign_in_code(request, mobile)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return again
    if mobile is None:
        number_form = MobileNumberForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and number_form.is_valid():
            try:
                _send_sign_in_code(request, number_form.cleaned_data["mobile"])
            except ValidationError as error:
                apply_service_errors(number_form, ValidationError({"mobile": error.messages}))
            else:
                return again
        return render(
            request, "catalogue/sign_in_code.html", {"form": number_form, "step": "number", "next": done},
            status=form_status(request, number_form),
        )  # fmt: skip
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = mobile_codes.sign_in_with_code(mobile=mobile, code=form.cleaned_data["code"])
        except ValidationError as error:
            apply_service_errors(form, ValidationError({"code": error.messages}))
        else:
            request.session.pop(SIGN_IN_NUMBER, None)
            login(request, user, backend=SIGN_IN_BACKEND)
            return HttpResponseRedirect(done)
    return render(
        request,
        "catalogue/sign_in_code.html",
        {"form": form, "step": "code", "number": mobile_codes.masked(mobile), "next": done},
        status=form_status(request, form),
    )


def _send_sign_in_code(request: HttpRequest, number: str) -> None:
    mobile_codes.code_send(
        mobile=number,
        purpose=CodePurpose.SIGN_IN,
        client=client_address(request) or "",
        language=request.LANGUAGE_CODE,
    )
    request.session[SIGN_IN_NUMBER] = normalize_mobile(number)
    # The same words whether or not the number has an account.
    messages.info(request, _("If this number belongs to an account, a code is on its way to it."))
