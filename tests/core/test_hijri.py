import contextlib
import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from learningcity.core.hijri import (
    DateParseError,
    format_dual_date,
    format_dual_datetime,
    from_hijri,
    parse_either_calendar,
    to_hijri,
)


def test_known_date_converts_both_ways():
    # The meeting's week: 14 December 2025 is 23 Jumada al-Akhirah 1447 (Umm al-Qura).
    hijri = to_hijri(dt.date(2025, 12, 14))
    assert (hijri.year, hijri.month, hijri.day) == (1447, 6, 23)
    assert from_hijri(1447, 6, 23) == dt.date(2025, 12, 14)


def test_dual_date_in_arabic_and_english():
    day = dt.date(2025, 12, 14)
    assert format_dual_date(day, "ar") == "14 ديسمبر 2025م (23 جمادى الآخرة 1447هـ)"
    assert format_dual_date(day, "en") == "14 December 2025 (23 Jumada al-Akhirah 1447 AH)"


def test_arabic_indic_digits_setting(settings):
    settings.ARABIC_DIGITS = "arabic-indic"
    assert format_dual_date(dt.date(2025, 12, 14), "ar") == "١٤ ديسمبر ٢٠٢٥م (٢٣ جمادى الآخرة ١٤٤٧هـ)"
    # English keeps Latin digits whatever the Arabic setting.
    assert format_dual_date(dt.date(2025, 12, 14), "en").startswith("14 December 2025")


def test_datetimes_are_shown_in_riyadh_time():
    # 22:30 UTC is already the next day in Riyadh (UTC+3).
    moment = dt.datetime(2025, 12, 13, 22, 30, tzinfo=dt.UTC)
    with translation.override("en"):
        assert format_dual_datetime(moment) == "14 December 2025 (23 Jumada al-Akhirah 1447 AH) 01:30"


def test_dates_outside_the_umm_al_qura_table_show_gregorian_only():
    assert format_dual_date(dt.date(1900, 1, 1), "en") == "1 January 1900"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2025-12-14", dt.date(2025, 12, 14)),
        ("14/12/2025", dt.date(2025, 12, 14)),
        ("1447-06-23", dt.date(2025, 12, 14)),
        ("23/06/1447 هـ", dt.date(2025, 12, 14)),
        ("١٤٤٧/٠٦/٢٣", dt.date(2025, 12, 14)),
        ("1447-6-23 AH", dt.date(2025, 12, 14)),
        ("2025-12-14 م", dt.date(2025, 12, 14)),
    ],
)
def test_parse_either_calendar(typed, expected):
    assert parse_either_calendar(typed) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("tomorrow", "format"),
        ("1447-06-31", "invalid_day"),
        ("2025-02-30", "invalid_day"),
        ("1600-01-01 هـ", "hijri_range"),
        ("12-12-12", "format"),
    ],
)
def test_parse_either_calendar_rejects(typed, code):
    with pytest.raises(DateParseError) as error:
        parse_either_calendar(typed)
    assert error.value.code == code


@given(st.dates(min_value=dt.date(1924, 8, 1), max_value=dt.date(2077, 11, 16)))
def test_hijri_round_trip(day):
    hijri = to_hijri(day)
    assert from_hijri(hijri.year, hijri.month, hijri.day) == day
    assert parse_either_calendar(f"{hijri.year}-{hijri.month}-{hijri.day}") == day


@given(st.text(max_size=40))
def test_parse_either_calendar_raises_only_its_own_error(text):
    with contextlib.suppress(DateParseError):
        parse_either_calendar(text)
