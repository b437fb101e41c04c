"""Template helpers loaded in every template (settings TEMPLATES builtins)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms, template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_bidi, gettext, pgettext
from django.utils.translation import gettext_lazy as _

from learningcity.core import hijri
from learningcity.core.arabic import written_language
from learningcity.core.audit_display import readable_changes
from learningcity.core.bilingual import bilingual_value_and_language

register = template.Library()


@register.simple_tag
def tr(instance: Any, field: str) -> str:
    """A bilingual field in the page's language, falling back to the other; text shown in the
    other language is marked with its `lang` so screen readers pronounce it correctly."""
    if instance is None:
        return ""
    value, language = bilingual_value_and_language(instance, field)
    if value and language != (get_language() or "ar").split("-")[0]:
        direction = "rtl" if language == "ar" else "ltr"
        return format_html('<span lang="{}" dir="{}">{}</span>', language, direction, value)
    return format_html("{}", value)


@register.filter
def dual_date(value: dt.date | dt.datetime | None) -> str:
    """Gregorian date with the Umm al-Qura Hijri date beside it."""
    return hijri.format_dual_date(value)


@register.filter
def dual_datetime(value: dt.datetime | None) -> str:
    return hijri.format_dual_datetime(value)


@register.filter
def hijri_date(value: dt.date | dt.datetime | None) -> str:
    return hijri.format_hijri(hijri.as_local_date(value)) if value else ""


@register.filter
def digits(value: Any) -> str:
    """Numbers in the digits the Arabic interface is set to use (ARABIC_DIGITS)."""
    return hijri.localize_digits("" if value is None else str(value))


@register.filter
def field_label(form_field: Any) -> str:
    return form_field.label if form_field is not None else ""


@register.filter
def html_datetime(value: dt.datetime | None) -> str:
    """A <time datetime> value HTML accepts: local time to the second with its offset (HTML
    allows at most three digits of a second's fraction; Django's "c" format writes six)."""
    if value is None:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def add_widget_class(bound_field: Any, css_class: str) -> str:
    """Render a field's widget with Bootstrap's class, and with the error and help text tied to
    it (aria-describedby, aria-invalid) so assistive technology reads them with the field."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
        widget, forms.CheckboxSelectMultiple
    ):
        # Bootstrap's select class in place of the input one, keeping the others (w-auto…).
        css_class = css_class.replace("form-control", "form-select")
        if "form-select" not in css_class.split():
            css_class = f"form-select {css_class}".strip()
    classes = [widget.attrs.get("class", ""), css_class]
    attrs: dict[str, str] = {}
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
        classes.append("is-invalid")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    attrs["class"] = " ".join(c for c in classes if c)
    attrs.update(_typing_direction(bound_field, widget))
    return bound_field.as_widget(attrs=attrs)


# The text a bilingual field's Arabic or English half holds is typed right to left or left to
# right whatever the page's language, and read out in its own language.
_HALVES = {"_ar": {"dir": "rtl", "lang": "ar"}, "_en": {"dir": "ltr", "lang": "en"}}


def _typing_direction(bound_field: Any, widget: Any) -> dict[str, str]:
    if not isinstance(widget, forms.TextInput | forms.Textarea) or "dir" in widget.attrs:
        return {}
    return dict(_HALVES.get(bound_field.name[-3:], {}))


@register.filter
def add_choice_class(bound_widget: Any) -> str:
    bound_widget.data["attrs"]["class"] = "form-check-input"
    return bound_widget.tag()


@register.filter
def record_type(content_type: Any) -> str:
    """The translated name of the kind of record a content type stands for."""
    model = content_type.model_class() if content_type is not None else None
    return str(model._meta.verbose_name) if model is not None else getattr(content_type, "model", "")


@register.filter
def dimension_label(dimension: str) -> str:
    from learningcity.core.disaggregation import Dimension

    try:
        return str(Dimension(dimension).label)
    except ValueError:
        return dimension


@register.filter
def category_label(category: str, dimension: str) -> str:
    from learningcity.core.disaggregation import categories

    return str(dict(categories(dimension)).get(category, category))


@register.filter
def ltr(value: Any) -> str:
    """A left-to-right run (a file type, a code, an address) isolated inside any page, so an
    Arabic line does not move its punctuation: «(.ics)» stays «(.ics)», not «(ics.)»."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter
def plural_count(value: Any) -> int:
    """The number gettext chooses a plural form by, for a quantity that may have a fraction:
    a whole number as itself, a fraction as 11 — the form Arabic (2.5 ساعة) and English
    (2.5 hours) both write a fraction with. gettext's forms take whole numbers only."""
    from decimal import Decimal

    number = Decimal(str(value or 0))
    return int(number) if number == number.to_integral_value() else 11


@register.filter
def num(value: Any, places: int = 2) -> str:
    """A number for people: thousands grouped, no trailing zeros, the interface's digits."""
    from decimal import Decimal, InvalidOperation

    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    quantized = round(number, int(places))
    text = f"{quantized:,.{int(places)}f}".rstrip("0").rstrip(".") if int(places) else f"{quantized:,.0f}"
    return hijri.localize_digits(text)


STATUS_LABELS = {
    "on_track": _("On track"),
    "at_risk": _("At risk"),
    "off_track": _("Off track"),
    "no_target": _("No target"),
    "no_data": _("No data"),
}


@register.filter
def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


@register.simple_tag
def audit_changes(entry: Any) -> list[Any]:
    """An audit entry's changes as a person reads them (core/audit_display.py)."""
    return readable_changes(entry)


@register.filter
def join_list(values: Any) -> str:
    """Items joined with the page language's list separator (، in Arabic, a comma in English)."""
    return pgettext("list separator", ", ").join(str(value) for value in values)


@register.simple_tag
def change_arrow() -> str:
    """The arrow between a value before and after, pointing the way the page reads (← in
    Arabic: "from → to" laid out right to left points back at "from"); said in words to a
    screen reader."""
    arrow = "←" if get_language_bidi() else "→"
    return format_html(
        '<span aria-hidden="true">{}</span><span class="visually-hidden"> {} </span>', arrow, _("became")
    )


@register.filter
def riyals(value: Any, places: int = 0) -> str:
    """An amount of money that never wraps between the number and its currency."""
    if value is None or value == "":
        return "—"
    return format_html(
        '<span class="text-nowrap">{}</span>', gettext("%(amount)s SAR") % {"amount": num(value, places)}
    )


@register.filter
def measure(value: Any, unit: str) -> str:
    """An indicator's value with its unit, never wrapping: a count whole, a percentage with
    its sign (٪ in Arabic), riyals with their currency."""
    if value is None or value == "":
        return "—"
    if unit == "sar":
        return riyals(value)
    text = num(value, 0 if unit == "count" else 2)
    if unit == "percent":
        text = pgettext("a number and the percent sign", "%(number)s%%") % {"number": text}
    return format_html('<span class="text-nowrap">{}</span>', text)


@register.filter
def marked_required(bound_field: Any) -> bool:
    """Whether the label says "required": only where the control itself says so too. A select
    whose first choice is a value (an action item's status) always has one, so HTML forbids it
    `required` (Django leaves it out) and the mark would promise a check that never happens."""
    field = bound_field.field
    return bool(field.required and field.widget.use_required_attribute(bound_field.initial))


@register.filter
def own_language(value: Any) -> str:
    """Text people typed, marked with its language where it is not the page's (an Arabic note
    on an English page): screen readers then read it with the right voice (WCAG 3.1.2)."""
    text = "" if value is None else str(value)
    language = written_language(text)
    if language is None or language == (get_language() or "ar").split("-")[0]:
        return format_html("{}", text)
    return format_html(
        '<span lang="{}" dir="{}">{}</span>', language, "rtl" if language == "ar" else "ltr", text
    )


@register.filter
def applied_filters(form: Any) -> int:
    """How many of a list's filters someone set: the fields given a value in the request (the
    search words, the order and the page number narrow nothing)."""
    data = getattr(form, "data", None)
    if not data or not hasattr(data, "getlist"):
        return 0
    return sum(
        1
        for name in form.fields
        if name not in ("q", "sort", "page")
        and any(value.strip() for value in data.getlist(form.add_prefix(name)))
    )
