import datetime as dt

from django.utils import translation

from learningcity.core.forms import EitherCalendarDateField


def test_either_calendar_field_accepts_hijri_and_gregorian():
    field = EitherCalendarDateField()
    assert field.clean("1447-06-23") == dt.date(2025, 12, 14)
    assert field.clean("2025-12-14") == dt.date(2025, 12, 14)


def test_either_calendar_field_error_is_in_the_users_language():
    field = EitherCalendarDateField()
    with translation.override("ar"):
        try:
            field.clean("1447-06-31")
        except Exception as error:
            message = " ".join(error.messages)
    assert "هذا اليوم" in message or "لا يوجد" in message
