"""Learner accounts: signing up and keeping one's details."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.models import Role, User
from learningcity.catalogue.contact import normalize_email, normalize_mobile
from learningcity.catalogue.models import Learner
from learningcity.core.audit import audit_created
from learningcity.core.services import model_update

LEARNER_FIELDS = (
    "full_name",
    "sex",
    "age_group",
    "governorate",
    "nationality",
    "has_disability",
    "accommodation_needs",
    "access_needs",
)


def email_taken(email: str, exclude_user: Any = None) -> bool:
    users = get_user_model().objects.filter(email__iexact=email)
    if exclude_user is not None:
        users = users.exclude(pk=exclude_user.pk)
    return users.exists()


def mobile_taken(mobile: str, exclude_learner: Any = None) -> bool:
    learners = Learner.objects.filter(mobile=mobile)
    if exclude_learner is not None:
        learners = learners.exclude(pk=exclude_learner.pk)
    return learners.exists()


def _contact(data: Mapping[str, Any]) -> tuple[str, str | None]:
    errors: dict[str, list[Any]] = {}
    email = mobile = None
    if data.get("email"):
        try:
            email = normalize_email(data["email"])
        except ValidationError as exc:
            errors["email"] = exc.messages
    if data.get("mobile"):
        try:
            mobile = normalize_mobile(data["mobile"])
        except ValidationError as exc:
            errors["mobile"] = exc.messages
    if not errors and not email and not mobile:
        errors["mobile"] = [
            _("Give a mobile number or an e-mail address, so you can sign in and hear from us.")
        ]
    if errors:
        raise ValidationError(errors)
    return email or "", mobile


@transaction.atomic
def learner_sign_up(*, data: Mapping[str, Any], password: str | None, language: str = "ar") -> Learner:
    """Create a learner's account. `data` holds the Learner fields plus `email` and `mobile`
    (at least one) and `consent` (must be true). No password (None): the account is signed in
    to through an identity provider or a code sent to the mobile number."""
    email, mobile = _contact(data)
    errors: dict[str, list[Any]] = {}
    if not data.get("consent"):
        errors["consent"] = [_("Please read and accept the privacy notice to create an account.")]
    if email and email_taken(email):
        errors["email"] = [
            _("An account with this e-mail address already exists. Sign in instead, or reset your password.")
        ]
    if mobile and mobile_taken(mobile):
        errors["mobile"] = [_("An account with this mobile number already exists. Sign in instead.")]
    User = get_user_model()
    username = (mobile or email).lower()
    candidate = User(
        username=username, email=email, first_name=data.get("full_name", "")[:150], role=Role.LEARNER
    )
    try:
        if password is not None:
            validate_password(password, user=candidate)
    except ValidationError as exc:
        errors["password1"] = exc.messages
    if errors:
        raise ValidationError(errors)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {
                "mobile" if mobile else "email": _(
                    "An account with these details already exists. Sign in instead."
                )
            }
        )
    try:
        candidate.set_password(password)  # None: an unusable password
        candidate.save()
        learner = Learner(
            user=candidate,
            mobile=mobile,
            consented_at=timezone.now(),
            privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
            language=language if language in dict(settings.LANGUAGES) else "ar",
            **{name: data[name] for name in LEARNER_FIELDS if name in data},
        )
        learner.full_clean(exclude=["user"])
        learner.save()
        learner.interests.set(data.get("interests") or [])
    except IntegrityError as exc:
        # Two sign-ups with the same details at the same moment: the second is told plainly.
        raise ValidationError(_("An account with these details already exists. Sign in instead.")) from exc
    audit_created(actor=candidate, instance=learner)
    return learner


@transaction.atomic
def learner_update(*, learner: Learner, data: Mapping[str, Any], by: User) -> Learner:
    if by.pk != learner.user_id:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("You may not change this record."))
    email, mobile = _contact(data)
    errors: dict[str, list[Any]] = {}
    if email and email_taken(email, exclude_user=learner.user):
        errors["email"] = [_("Another account already uses this e-mail address.")]
    if mobile and mobile_taken(mobile, exclude_learner=learner):
        errors["mobile"] = [_("Another account already uses this mobile number.")]
    if errors:
        raise ValidationError(errors)
    # A new number must be proved again before it gets text messages.
    verified: dict[str, Any] = {"mobile_verified_at": None} if mobile != learner.mobile else {}
    # A name typed over the one an identity provider vouched for is no longer vouched for.
    if "full_name" in data and data["full_name"] != learner.full_name:
        verified["name_verified_by"] = ""
    learner, _changes = model_update(
        instance=learner,
        data={"mobile": mobile, **verified, **{k: data[k] for k in LEARNER_FIELDS if k in data}},
        by=by,
        m2m={"interests": data["interests"]} if "interests" in data else None,
    )
    user = learner.user
    if user.email != email or user.first_name != learner.full_name[:150]:
        user.email = email
        user.first_name = learner.full_name[:150]
        user.save(update_fields=["email", "first_name"])
    return learner
