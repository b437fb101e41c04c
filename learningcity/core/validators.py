"""Validators for contact details typed by people in either language's digits."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from learningcity.core.arabic import latin_digits

_PHONE = re.compile(r"^\+?\d{9,15}$")


def normalize_phone(value: str) -> str:
    """Latin digits, no spaces or dashes: '٠٥٥ ١٢٣ ٤٥٦٧' → '0551234567'."""
    return re.sub(r"[\s\-().]", "", latin_digits(value or ""))


def validate_phone(value: str) -> None:
    if value and not _PHONE.match(normalize_phone(value)):
        raise ValidationError(
            _("Enter a phone number of 9 to 15 digits, for example 0148xxxxxx or +966 5x xxx xxxx."),
            code="invalid_phone",
        )
