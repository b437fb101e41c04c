from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.catalogue.forms import SignInForm, SignUpForm
from learningcity.identity.providers import configured
from learningcity.identity.rules import organisation_sign_in_required


class StaffRuleSignInForm(SignInForm):
    """The sign-in form, refusing a password to staff when the programme manager asked staff
    to sign in with their organisation's account (superusers keep the password: a way in if
    the organisation's provider is down)."""

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if (
            user.is_staff_member
            and not user.is_superuser
            and configured("organisation")
            and organisation_sign_in_required()
        ):
            raise forms.ValidationError(
                _("Staff sign in with their organisation's account: use the button below."),
                code="organisation_required",
            )


class IdentityLearnerForm(SignUpForm):
    """A new learner arriving with a verified identity: the sign-up form without the name (the
    provider's) and without a password to choose; what the provider verified is filled in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("full_name", "password1", "password2"):
            del self.fields[name]


class StaffRuleForm(forms.Form):
    organisation_required = forms.BooleanField(
        label=_("Staff sign in with their organisation's account"),
        required=False,
        help_text=_(
            "Staff can no longer sign in with a password; programme managers who are superusers still can."
        ),
    )
