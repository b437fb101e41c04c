"""Sign in with a username, an e-mail address or a mobile number.

Learners sign up with a mobile number or an e-mail address and expect to sign in with
either, typed however they like (05…, +966…, Arabic-Indic digits)."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from learningcity.catalogue.contact import looks_like_mobile, normalize_mobile


def find_account(identifier: str) -> Any:
    """The account a typed identifier names: its username exactly, a mobile number in any
    form, an unambiguous e-mail address, or its username in other letter case; else None."""
    User = get_user_model()
    exact = User.objects.filter(username=identifier).first()
    if exact:
        return exact
    if looks_like_mobile(identifier):
        try:
            mobile = normalize_mobile(identifier)
        except ValidationError:
            return None
        return User.objects.filter(learner__mobile=mobile).first()
    if "@" in identifier:
        matches = list(User.objects.filter(email__iexact=identifier)[:2])
        # Staff accounts may share an address; only an unambiguous one signs in.
        return matches[0] if len(matches) == 1 else None
    return User.objects.filter(username__iexact=identifier).first()


def lockout_username(request: Any, credentials: dict | None = None) -> str:
    """What django-axes counts failed sign-ins against (AXES_USERNAME_CALLABLE): the account
    the identifier resolves to, however it was spelled — `learner`, `LEARNER`, `0500000001`
    and `+966500000001` are one account and share one count — or, for an identifier that
    names no account, that identifier in one letter case."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = getattr(request, "data", request.POST).get("username")
    typed = (typed or "").strip()
    account = find_account(typed) if typed else None
    if account is not None:
        return account.get_username()
    # No account has it: counted as typed, cut to what axes' username column holds (a longer
    # one failed the write on PostgreSQL, a server error instead of a refused sign-in).
    return typed.casefold()[: AccessAttempt._meta.get_field("username").max_length]


class UsernameEmailOrMobileBackend(ModelBackend):
    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if username is None or password is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        user = find_account(username.strip())
        if user is None:
            # Run the hasher anyway, so a wrong identifier takes as long as a wrong password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


# What login() is told when a person is signed in without a password check here (a new
# account, a code sent by SMS, an identity provider): the sessions they hold name this backend.
SIGN_IN_BACKEND = f"{UsernameEmailOrMobileBackend.__module__}.{UsernameEmailOrMobileBackend.__qualname__}"
