"""Numbers with their units (core/templatetags/lc.py): a count whole, a percentage with the
page language's sign, money with its currency, none of them breaking across lines."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from learningcity.core.templatetags.lc import measure, riyals


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
