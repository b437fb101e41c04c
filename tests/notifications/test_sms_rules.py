"""The Saudi SMS rules every text message obeys (notifications/sms_rules.py)."""

import datetime as dt

import pytest

from learningcity.notifications.sms_rules import (
    RIYADH,
    InvalidNumber,
    awareness_send_time,
    international,
    segments,
)


@pytest.mark.parametrize(
    "written", ["+966512345678", "0512345678", "00966512345678", "966512345678", "051 234 5678", "512345678"]
)
def test_numbers_go_out_in_international_form(written):
    assert international(written) == "966512345678"


@pytest.mark.parametrize("written", ["", "0112345678", "+971501234567", "05123", "0512345678999"])
def test_a_number_no_sms_can_reach_is_refused(written):
    with pytest.raises(InvalidNumber):
        international(written)


@pytest.mark.parametrize(
    ("text", "encoding", "parts"),
    [
        ("a" * 160, "GSM-7", 1),
        ("a" * 161, "GSM-7", 2),  # 153 per part once split
        ("a" * 306, "GSM-7", 2),
        ("a" * 307, "GSM-7", 3),
        ("{" * 80, "GSM-7", 1),  # an extension character counts two: 160
        ("{" * 81, "GSM-7", 2),
        ("س" * 70, "UCS-2", 1),  # Arabic is Unicode: 70 in one part
        ("س" * 71, "UCS-2", 2),  # 67 per part once split
        ("س" * 134, "UCS-2", 2),
        ("س" * 135, "UCS-2", 3),
        ("Hello سلام", "UCS-2", 1),  # one Arabic letter makes the whole message Unicode
        ("😀" * 35, "UCS-2", 1),  # outside the basic plane: two units each
        ("😀" * 36, "UCS-2", 2),
    ],
)
def test_messages_are_counted_in_the_parts_providers_charge_by(text, encoding, parts):
    counted = segments(text)
    assert (counted.encoding, counted.parts) == (encoding, parts)


def _riyadh(hour: int, minute: int = 0, day: int = 6) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=RIYADH)


@pytest.mark.parametrize(
    ("written", "leaves"),
    [
        (_riyadh(9, 0), _riyadh(9, 0)),
        (_riyadh(13, 30), _riyadh(13, 30)),
        (_riyadh(21, 59), _riyadh(21, 59)),
        (_riyadh(22, 0), _riyadh(9, 0, day=7)),
        (_riyadh(23, 0), _riyadh(9, 0, day=7)),
        (_riyadh(2, 15), _riyadh(9, 0)),
        (_riyadh(8, 59), _riyadh(9, 0)),
    ],
)
def test_awareness_messages_leave_only_between_nine_and_ten_at_night_riyadh_time(written, leaves):
    assert awareness_send_time(written) == leaves
    # The same moment written in UTC gives the same answer.
    assert awareness_send_time(written.astimezone(dt.UTC)) == leaves
