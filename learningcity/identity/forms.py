from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.catalogue.forms import LearnerForm, SignInForm
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


class IdentityLearnerForm(LearnerForm):
    """A new learner arriving with a verified identity: the name is the provider's, there is
    no password to choose, and what the provider verified is already filled in."""

    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree to my details being used as it describes."),
        required=True,
        error_messages={"required": _("Please read and accept the privacy notice to create an account.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["full_name"]


class StaffRuleForm(forms.Form):
    organisation_required = forms.BooleanField(
        label=_("Staff sign in with their organisation's account"),
        required=False,
        help_text=_(
            "Staff can no longer sign in with a password; programme managers who are superusers still can."
        ),
    )
