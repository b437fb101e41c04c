"""Gregorian dates with their Umm al-Qura Hijri equivalent.

Dates are stored Gregorian (Saudi official procedures count durations in Gregorian since
2023) and shown with the Hijri date beside them, which users still expect. Conversion is
by `hijridate`, which covers 1343–1500 AH (1924–2077 CE); outside that range only the
Gregorian date is shown.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from hijridate import Gregorian, Hijri

from learningcity.core.arabic import latin_digits, to_arabic_indic_digits

GREGORIAN_MONTHS_AR = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
GREGORIAN_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

HIJRI_YEARS = range(1343, 1501)


def to_hijri(value: dt.date) -> Hijri | None:
    try:
        return Gregorian(value.year, value.month, value.day).to_hijri()
    except OverflowError:
        return None


def from_hijri(year: int, month: int, day: int) -> dt.date:
    """Raises ValueError for a day that month does not have, OverflowError outside the table."""
    return Hijri(year, month, day).to_gregorian()


def _is_arabic(language: str | None) -> bool:
    return (language or get_language() or settings.LANGUAGE_CODE).startswith("ar")


def localize_digits(text: str, language: str | None = None) -> str:
    """Arabic-Indic digits in the Arabic interface when the ARABIC_DIGITS setting asks for them."""
    if _is_arabic(language) and settings.ARABIC_DIGITS == "arabic-indic":
        return to_arabic_indic_digits(text)
    return text


def format_gregorian(value: dt.date, language: str | None = None) -> str:
    if _is_arabic(language):
        return localize_digits(f"{value.day} {GREGORIAN_MONTHS_AR[value.month - 1]} {value.year}م", language)
    return f"{value.day} {GREGORIAN_MONTHS_EN[value.month - 1]} {value.year}"


def format_hijri(value: dt.date, language: str | None = None) -> str:
    hijri = to_hijri(value)
    if hijri is None:
        return ""
    if _is_arabic(language):
        return localize_digits(f"{hijri.day} {hijri.month_name('ar')} {hijri.year}هـ", language)
    return f"{hijri.day} {hijri.month_name('en')} {hijri.year} AH"


def as_local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def format_dual_date(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """'12 ديسمبر 2025م (21 جمادى الآخرة 1447هـ)' or '12 December 2025 (21 Jumada al-Akhirah 1447 AH)'."""
    if value is None:
        return ""
    day = as_local_date(value)
    gregorian = format_gregorian(day, language)
    hijri = format_hijri(day, language)
    return f"{gregorian} ({hijri})" if hijri else gregorian


def format_dual_datetime(value: dt.datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    clock = localize_digits(local.strftime("%H:%M"), language)
    return f"{format_dual_date(local, language)} {clock}"


_HIJRI_MARKER = re.compile(r"\s*(هـ|ه|h|ah|a\.h\.)\s*$", re.IGNORECASE)
_GREGORIAN_MARKER = re.compile(r"\s*(م|ad|ce)\s*$", re.IGNORECASE)
_DATE_PARTS = re.compile(r"^\s*(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,4})\s*$")


class DateParseError(ValueError):
    """The text is not a date in either calendar; `code` says why, for a translated message."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_either_calendar(text: str) -> dt.date:
    """Parse a date typed in either calendar.

    Accepts year-month-day or day/month/year with -, / or . between the parts, in Latin or
    Arabic-Indic digits. A year within 1343–1500, or a trailing هـ / AH, means Hijri
    (Umm al-Qura); otherwise Gregorian. No Gregorian date the platform deals with falls in
    those years, so the year alone is unambiguous.
    """
    cleaned = latin_digits(text.strip())
    marked_hijri = bool(_HIJRI_MARKER.search(cleaned))
    cleaned = _GREGORIAN_MARKER.sub("", _HIJRI_MARKER.sub("", cleaned))
    match = _DATE_PARTS.match(cleaned)
    if not match:
        raise DateParseError("format")
    first, month, last = (int(part) for part in match.groups())
    if len(match.group(1)) == 4:
        year, day = first, last
    elif len(match.group(3)) == 4:
        year, day = last, first
    else:
        raise DateParseError("format")
    if marked_hijri or year in HIJRI_YEARS:
        if year not in HIJRI_YEARS:
            raise DateParseError("hijri_range")
        try:
            return from_hijri(year, month, day)
        except (ValueError, OverflowError) as exc:
            raise DateParseError("invalid_day") from exc
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateParseError("invalid_day") from exc
