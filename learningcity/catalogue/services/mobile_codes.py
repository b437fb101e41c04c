"""One-time codes by SMS (issue 23): a learner proves a mobile number is theirs, and may sign in
with the number and a code instead of a password.

A code is six digits, lives MOBILE_CODE_MINUTES, allows MOBILE_CODE_ATTEMPTS guesses, and only
its hash is stored. Asking for codes is limited per number (so nobody can flood a phone) and per
client address (so nobody can walk through numbers); a new code replaces the one before. The
code goes out through the outbound pipeline as a service message — at any hour, to the number
being proved, before it is verified (the one message an unverified number gets)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from learningcity.catalogue.contact import display_mobile, normalize_mobile
from learningcity.catalogue.models import CodePurpose, Learner, MobileCode
from learningcity.catalogue.services.certificates import certificates_release
from learningcity.core.ratelimit import allowed
from learningcity.notifications import outbox
from learningcity.notifications.models import Channel, MessageCategory, OutboundMessage
from learningcity.notifications.sms_rules import international

# Counted by `minutes` (Arabic: 10 دقائق, 15 دقيقة).
CODE_TEXT = {
    CodePurpose.VERIFY: ngettext_lazy(
        "%(code)s is your code to confirm your mobile number on the Learning City Platform. It expires in %(minutes)s minute.",
        "%(code)s is your code to confirm your mobile number on the Learning City Platform. It expires in %(minutes)s minutes.",
        "minutes",
    ),
    CodePurpose.SIGN_IN: ngettext_lazy(
        "%(code)s is your code to sign in to the Learning City Platform. It expires in %(minutes)s minute. Do not share it with anyone.",
        "%(code)s is your code to sign in to the Learning City Platform. It expires in %(minutes)s minutes. Do not share it with anyone.",
        "minutes",
    ),
}  # fmt: skip


class TooManyCodes(ValidationError):
    """Codes were asked for too often: for this number, or from this address."""


@transaction.atomic
def code_send(*, mobile: str, purpose: str, client: str, language: str = "ar") -> MobileCode | None:
    """Send a fresh code to `mobile` for `purpose`. For signing in, a number with no learner
    gets nothing, and the caller says the same either way (no one learns which numbers have
    accounts). Raises TooManyCodes past the limits."""
    mobile = normalize_mobile(mobile)
    per_number, per_client = (
        settings.RATE_LIMITS["mobile_code_number"],
        settings.RATE_LIMITS["mobile_code_client"],
    )
    if not allowed("mobile_code_number", mobile, limit=per_number[0], window=per_number[1]) or not allowed(
        "mobile_code_client", client or "unknown", limit=per_client[0], window=per_client[1]
    ):
        raise TooManyCodes(_("Too many codes were asked for. Please wait a few minutes, then ask again."))
    learner = Learner.objects.filter(mobile=mobile).select_related("user").first()
    if purpose == CodePurpose.SIGN_IN and (learner is None or not learner.user.is_active):
        return None
    if learner is not None:
        language = learner.language
    MobileCode.objects.filter(mobile=mobile, purpose=purpose, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    code = f"{secrets.randbelow(10**6):06d}"
    minutes = settings.MOBILE_CODE_MINUTES
    record = MobileCode.objects.create(
        mobile=mobile,
        purpose=purpose,
        code_hash=make_password(code),
        expires_at=timezone.now() + dt.timedelta(minutes=minutes),
    )
    with translation.override(language):
        text = CODE_TEXT[CodePurpose(purpose)] % {"code": code, "minutes": minutes}
    outbox.queue(
        [
            OutboundMessage(
                recipient=learner.user if learner else None, channel=Channel.SMS, category=MessageCategory.SERVICE,
                kind=f"mobile_code.{purpose}", to=international(mobile), language=language, body=text,
            )
        ]
    )  # fmt: skip
    return record


def code_check(*, mobile: str, purpose: str, code: str) -> MobileCode:
    """The valid code `code` for `mobile`, now used; or ValidationError saying what is wrong (a
    wrong code counts a guess; a spent, expired or guessed-out code must be asked for again)."""
    mobile = normalize_mobile(mobile)
    record = MobileCode.objects.filter(mobile=mobile, purpose=purpose, used_at__isnull=True).first()
    if record is None:
        raise ValidationError(_("No code is waiting for this number. Ask for a new code."), code="no_code")
    if record.expires_at <= timezone.now():
        raise ValidationError(_("This code has expired. Ask for a new code."), code="expired")
    if record.attempts >= settings.MOBILE_CODE_ATTEMPTS:
        raise ValidationError(_("Too many wrong codes. Ask for a new code."), code="attempts")
    typed = "".join(character for character in str(code) if character.isdigit())
    if not check_password(typed, record.code_hash):
        MobileCode.objects.filter(pk=record.pk).update(attempts=F("attempts") + 1)
        left = settings.MOBILE_CODE_ATTEMPTS - record.attempts - 1
        if left <= 0:
            raise ValidationError(_("Too many wrong codes. Ask for a new code."), code="attempts")
        raise ValidationError(
            ngettext(
                "That code is not right. Check the last text message and try again (%(left)s try left).",
                "That code is not right. Check the last text message and try again (%(left)s tries left).",
                left,
            )
            % {"left": left},
            code="wrong",
        )
    # Used once: a second use of the same code (a double submit, a replay) finds nothing.
    if not MobileCode.objects.filter(pk=record.pk, used_at__isnull=True).update(used_at=timezone.now()):
        raise ValidationError(_("No code is waiting for this number. Ask for a new code."), code="no_code")
    return record


# Not atomic: a wrong guess must stay counted when the error is raised.
def mobile_verify(*, learner: Learner, code: str) -> Learner:
    """Mark the learner's number as theirs, with the code sent to it."""
    if not learner.mobile:
        raise ValidationError(_("Add a mobile number first."))
    code_check(mobile=learner.mobile, purpose=CodePurpose.VERIFY, code=code)
    Learner.objects.filter(pk=learner.pk).update(mobile_verified_at=timezone.now())
    learner.refresh_from_db(fields=["mobile_verified_at"])
    certificates_release(learner=learner)  # those that waited for a verified number
    return learner


def sign_in_with_code(*, mobile: str, code: str) -> Any:
    """The account behind `mobile`, when `code` is the one sent to it for signing in. A number
    that received the code is proved the learner's, so it counts as verified too."""
    record = code_check(mobile=mobile, purpose=CodePurpose.SIGN_IN, code=code)
    learner = (
        Learner.objects.select_related("user").filter(mobile=record.mobile, user__is_active=True).first()
    )
    if learner is None:
        raise ValidationError(_("No code is waiting for this number. Ask for a new code."), code="no_code")
    if learner.mobile_verified_at is None:
        Learner.objects.filter(pk=learner.pk).update(mobile_verified_at=timezone.now())
        certificates_release(learner=learner)
    return learner.user


def masked(mobile: str) -> str:
    """0512345678 → 05••••••78: enough for the person to recognise their number on screen."""
    shown = display_mobile(mobile)
    return f"{shown[:2]}{'•' * (len(shown) - 4)}{shown[-2:]}" if len(shown) > 4 else shown
