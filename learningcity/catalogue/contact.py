"""Mobile numbers and e-mail addresses as learners type them."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from learningcity.core.arabic import latin_digits

_SEPARATORS = re.compile(r"[\s\-().\u200e\u200f]")
# A Saudi mobile number: 5 and eight more digits, written 05…, 5…, 9665…, +9665… or 009665….
_SAUDI_MOBILE = re.compile(r"^(?:\+966|00966|966|0)?(5\d{8})$")


def normalize_mobile(text: str) -> str:
    """`text` as +9665XXXXXXXX, or ValidationError with a message the learner can act on."""
    compact = _SEPARATORS.sub("", latin_digits(text))
    match = _SAUDI_MOBILE.match(compact)
    if not match:
        raise ValidationError(
            _("Enter a Saudi mobile number such as 05XXXXXXXX (10 digits starting with 05)."),
            code="invalid_mobile",
        )
    return f"+966{match.group(1)}"


def looks_like_mobile(text: str) -> bool:
    compact = _SEPARATORS.sub("", latin_digits(text))
    return bool(compact) and compact.lstrip("+").isdigit()


def normalize_email(text: str) -> str:
    address = text.strip()
    try:
        validate_email(address)
    except ValidationError as exc:
        raise ValidationError(
            _("Enter a valid e-mail address, such as name@example.com."), code="invalid_email"
        ) from exc
    local, _at, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def display_mobile(mobile: str) -> str:
    """+966512345678 → 0512345678, the form people in the Kingdom write and read."""
    return f"0{mobile.removeprefix('+966')}" if mobile and mobile.startswith("+966") else mobile


def verified_contacts(user_ids: list[int]) -> dict[int, Any]:
    """The outbound pipeline's contact source (notifications.outbox): each learner's verified
    mobile number and the language they read."""
    from learningcity.catalogue.models import Learner
    from learningcity.notifications.outbox import Contact

    rows = Learner.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "mobile", "mobile_verified_at", "language"
    )
    return {
        user_id: Contact(mobile=mobile if mobile and verified_at else "", language=language)
        for user_id, mobile, verified_at, language in rows
    }
