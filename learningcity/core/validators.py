"""Validators for contact details typed by people in either language's digits."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_TO_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_PHONE = re.compile(r"^\+?\d{9,15}$")


def normalize_phone(value: str) -> str:
    """Latin digits, no spaces or dashes: '٠٥٥ ١٢٣ ٤٥٦٧' → '0551234567'."""
    return re.sub(r"[\s\-().]", "", (value or "").translate(_TO_LATIN))


def validate_phone(value: str) -> None:
    if value and not _PHONE.match(normalize_phone(value)):
        raise ValidationError(
            _("Enter a phone number of 9 to 15 digits, for example 0148xxxxxx or +966 5x xxx xxxx."),
            code="invalid_phone",
        )
