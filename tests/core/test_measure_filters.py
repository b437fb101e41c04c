"""Numbers with their units (core/templatetags/lc.py): a count whole, a percentage with the
page language's sign, money with its currency, none of them breaking across lines."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from learningcity.core.templatetags.lc import measure, own_language, riyals


def test_units_read_in_each_language_and_never_wrap():
    with translation.override("ar"):
        assert measure(Decimal("45.50"), "percent") == '<span class="text-nowrap">45.5٪</span>'
        assert riyals(Decimal("12000")) == '<span class="text-nowrap">12,000 ر.س</span>'
    with translation.override("en"):
        assert measure(Decimal("45.50"), "percent") == '<span class="text-nowrap">45.5%</span>'
        assert measure(Decimal("8432"), "count") == '<span class="text-nowrap">8,432</span>'
        assert riyals(Decimal("12000")) == '<span class="text-nowrap">12,000 SAR</span>'
        assert measure(Decimal("12000"), "sar") == riyals(Decimal("12000"))
        assert measure(None, "count") == "—"


def test_typed_text_is_marked_with_its_language_where_it_is_not_the_pages():
    with translation.override("en"):
        assert own_language("حُجزت القاعة") == '<span lang="ar" dir="rtl">حُجزت القاعة</span>'
        assert own_language("Venue booked") == "Venue booked"
        assert own_language("2026-03-01") == "2026-03-01"  # no letters: no language to say
        assert own_language("<b>") == "&lt;b&gt;"
    with translation.override("ar"):
        assert own_language("Venue booked") == '<span lang="en" dir="ltr">Venue booked</span>'
        assert own_language("حُجزت القاعة for the week") == "حُجزت القاعة for the week"
