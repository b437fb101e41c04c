"""Signing in through an identity provider: the way out to it, the way back (the callback,
outside the language prefix so the address registered with the provider never changes), the
pages for a first-time link and a new learner, unlinking, and signing out of both."""

from __future__ import annotations

import logging

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from joserfc.errors import JoseError

from learningcity.catalogue.backends import SIGN_IN_BACKEND
from learningcity.catalogue.contact import display_mobile
from learningcity.catalogue.models import Learner
from learningcity.catalogue.services.learners import learner_sign_up
from learningcity.catalogue.services.mobile_codes import masked
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.core.redirects import safe_next
from learningcity.identity import linking
from learningcity.identity.forms import IdentityLearnerForm, StaffRuleForm
from learningcity.identity.middleware import SIGNED_IN_WITH
from learningcity.identity.models import LinkedIdentity
from learningcity.identity.providers import Provider, configured, provider
from learningcity.identity.rules import organisation_sign_in_required, staff_sign_in_rule_set

log = logging.getLogger(__name__)

NEXT, LANGUAGE, ID_TOKEN = "identity.next", "identity.language", "identity.id_token"
WAITING = "identity.waiting"  # the staff account this browser's person waits with


@require_GET
def start(request: HttpRequest, name: str) -> HttpResponse:
    """Off to the provider, with PKCE, state and nonce kept in the session."""
    source = provider(name)
    request.session[NEXT] = safe_next(request, "")
    request.session[LANGUAGE] = request.LANGUAGE_CODE
    back = request.build_absolute_uri(reverse("identity_callback", args=[source.name]))
    try:
        return source.client.authorize_redirect(request, back, ui_locales=request.LANGUAGE_CODE)
    except (requests.RequestException, AuthlibBaseError, ValueError) as error:
        log.warning("identity provider %s unreachable: %r", source.name, error)
        return _failed(
            request,
            source,
            _("%(provider)s cannot be reached just now. Please try again later, or sign in another way.")
            % {"provider": source.label},
        )


@require_GET  # the provider answers in the query (response_mode "query")
def callback(request: HttpRequest, name: str) -> HttpResponse:
    source = provider(name)
    with translation.override(request.session.get(LANGUAGE) or settings.LANGUAGE_CODE):
        try:
            token = source.client.authorize_access_token(request)
        except MismatchingStateError:
            return _failed(
                request,
                source,
                _(
                    "This sign-in was started in another window or has expired, so it was stopped. Please start again."
                ),
            )
        except (AuthlibBaseError, JoseError, requests.RequestException, ValueError, KeyError) as error:
            # A wrongly signed or expired ID token, a refused code, an unreachable provider.
            log.warning("identity provider %s answer refused: %r", source.name, error)
            return _untrusted(request, source)
        claims = token.get("userinfo")
        if not claims or not claims.get("sub"):
            return _untrusted(request, source)
        verified = linking.Verified.from_claims(source, dict(claims))
        return _arrive(request, source, verified, token.get("id_token", ""))


def _arrive(
    request: HttpRequest, source: Provider, verified: linking.Verified, id_token: str
) -> HttpResponse:
    outcome = linking.resolve(verified)
    done = request.session.pop(NEXT, "") or ""
    language = translation.get_language()
    if request.user.is_authenticated:  # linking from one's account page
        if outcome.what == "known":
            if outcome.user.pk != request.user.pk:
                messages.error(request, _("This identity is already linked to another account."))
            return redirect(_in(language, "accounts:profile"))
        entity = linking.organisation_entity(verified) if verified.kind == "organisation" else None
        try:
            linking.identity_link(user=request.user, verified=verified, by=request.user, entity=entity)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Your account is now linked to %(provider)s: next time, sign in with it.")
                % {"provider": source.label},
            )
        return redirect(_in(language, "accounts:profile"))
    if outcome.what == "known":
        identity = LinkedIdentity.objects.get(provider=verified.provider, subject=verified.subject)
        if not identity.user.is_active:
            request.session[WAITING] = identity.pk
            return redirect(_in(language, "identity:waiting"))
        _sign_in(request, identity, id_token)
        return HttpResponseRedirect(done or _in(language, "my_work"))
    if outcome.what == "prove":
        linking.hold(request, verified, outcome.user)
        request.session[NEXT] = done
        return redirect(_in(language, "identity:link"))
    if outcome.what == "new_learner":
        linking.hold(request, verified)
        request.session[NEXT] = done
        request.session[ID_TOKEN] = id_token  # for signing out at the provider later
        return redirect(_in(language, "identity:new_learner"))
    if outcome.what == "new_staff":
        assert outcome.entity is not None
        identity = linking.staff_account_request(verified=verified, entity=outcome.entity)
        request.session[WAITING] = identity.pk
        return redirect(_in(language, "identity:waiting"))
    return _failed(
        request,
        source,
        _(
            "Accounts from %(provider)s cannot sign in here. Ask the programme's managers to add your organisation."
        )
        % {"provider": source.label},
    )


def _in(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


def _sign_in(request: HttpRequest, identity: LinkedIdentity, id_token: str) -> None:
    login(request, identity.user, backend=SIGN_IN_BACKEND)
    request.session[SIGNED_IN_WITH] = identity.provider
    request.session[ID_TOKEN] = id_token
    linking.record_sign_in(identity=identity)


def _failed(request: HttpRequest, source: Provider, reason: str) -> HttpResponse:
    return render(request, "identity/failed.html", {"reason": reason, "source": source}, status=400)


def _untrusted(request: HttpRequest, source: Provider) -> HttpResponse:
    return _failed(
        request,
        source,
        _(
            "The answer from %(provider)s could not be trusted, so you were not signed in. Please try again, or sign in another way."
        )
        % {"provider": source.label},
    )


def link(request: HttpRequest) -> HttpResponse:
    """An account already has this identity's verified mobile number or e-mail address: the
    person proves it is theirs by signing in to it, and the link is made then."""
    waiting = linking.held(request)
    if waiting is None or waiting[1] is None:
        return redirect("home")  # nothing is waiting (gone, or done in another tab)
    verified, candidate = waiting
    if request.method == "POST":  # "not now"
        linking.release(request)
        return redirect("login")
    source = provider(verified.provider)
    back = reverse("identity:linked")
    learner = Learner.objects.filter(user_id=candidate).first()
    return render(
        request,
        "identity/link.html",
        {
            "source": source,
            "verified": verified,
            "login_url": f"{reverse('login')}?next={back}",
            "code_url": f"{reverse('catalogue:sign_in_code')}?next={back}",
            "mobile": masked(learner.mobile)
            if learner and learner.mobile_verified_at and learner.mobile
            else "",
        },
    )


def waiting(request: HttpRequest) -> HttpResponse:
    """A staff account from an organisation, waiting for a programme manager to give it a role."""
    identity = LinkedIdentity.objects.select_related("entity").filter(pk=request.session.get(WAITING)).first()
    if identity is None or identity.user.is_active:
        return redirect("home")
    return render(
        request, "identity/waiting.html", {"identity": identity, "source": provider(identity.provider)}
    )


@login_required
def linked(request: HttpRequest) -> HttpResponse:
    """Where the proof lands: the link was made at sign-in (linking.link_after_proof)."""
    return HttpResponseRedirect(request.session.pop(NEXT, "") or reverse("accounts:profile"))


def new_learner(request: HttpRequest) -> HttpResponse:
    waiting = linking.held(request)
    if waiting is None or waiting[0].kind != "national":
        return redirect("home")
    verified, _candidate = waiting
    source = provider(verified.provider)
    initial = {"mobile": display_mobile(verified.mobile), "email": verified.email}
    form = IdentityLearnerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.learner_data(), "full_name": verified.name or verified.subject}
        try:
            with transaction.atomic():
                learner = learner_sign_up(data=data, password=None, language=request.LANGUAGE_CODE)
                identity = linking.identity_link(user=learner.user, verified=verified, by=learner.user)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            linking.release(request)
            _sign_in(request, identity, request.session.get(ID_TOKEN, ""))
            messages.success(
                request, _("Welcome, %(name)s. Your account is ready.") % {"name": learner.full_name}
            )
            return HttpResponseRedirect(request.session.pop(NEXT, "") or reverse("catalogue:my_learning"))
    return render(
        request,
        "identity/new_learner.html",
        {"form": form, "source": source, "verified": verified},
        status=form_status(request, form),
    )


@login_required
@require_GET
def link_start(request: HttpRequest, name: str) -> HttpResponse:
    """Link a provider to the account one is signed in to (from the account page)."""
    return start(request, name)


@login_required
@require_POST
def unlink(request: HttpRequest, pk: int) -> HttpResponse:
    identity = get_object_or_404(LinkedIdentity, pk=pk, user=request.user)
    try:
        linking.identity_unlink(identity=identity, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The identity was unlinked from your account."))
    return redirect("accounts:profile")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out here and, after signing in through a provider that offers it, there too
    (OpenID Connect RP-initiated logout, with the ID token as the hint)."""
    name, id_token = request.session.get(SIGNED_IN_WITH), request.session.get(ID_TOKEN)
    logout(request)
    if name and id_token:
        try:
            source = provider(name)
            if source.client.load_server_metadata().get("end_session_endpoint"):
                return source.client.logout_redirect(
                    request, post_logout_redirect_uri=request.build_absolute_uri("/"), id_token_hint=id_token
                )
        except (requests.RequestException, AuthlibBaseError, RuntimeError, Http404) as error:
            # Signed out here whatever the provider does.
            log.warning("identity provider %s sign-out not offered: %r", name, error)
    return render(request, "registration/logged_out.html")


@login_required
def staff_rule(request: HttpRequest) -> HttpResponse:
    if not request.user.is_programme_manager:
        raise PermissionDenied
    form = StaffRuleForm(
        request.POST or None, initial={"organisation_required": organisation_sign_in_required()}
    )
    if request.method == "POST" and form.is_valid():
        staff_sign_in_rule_set(
            organisation_required=form.cleaned_data["organisation_required"], by=request.user
        )
        messages.success(request, _("Your choices were saved."))
        return redirect("identity:staff_rule")
    return render(
        request,
        "identity/staff_rule.html",
        {"form": form, "organisation_providers": configured("organisation")},
        status=form_status(request, form),
    )
