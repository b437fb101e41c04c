"""Form pieces shared by every app."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.core.hijri import DateParseError, format_hijri, parse_either_calendar
from learningcity.core.models import AuditAction
from learningcity.core.selectors import audited_content_types

_DATE_ERRORS = {
    "format": _("Enter a date as year-month-day, for example 2025-12-14 or 1447-06-23 (Hijri)."),
    "hijri_range": _("Hijri dates from 1343 to 1500 AH can be converted."),
    "invalid_day": _("That day does not exist in that month."),
}


class EitherCalendarDateField(forms.DateField):
    """A date typed in the Gregorian or the Umm al-Qura Hijri calendar, stored Gregorian.

    A year between 1343 and 1500, or a trailing هـ / AH, marks the date as Hijri. With
    `picker`, the browser's own calendar is offered instead of typing (a filter picked with a
    tap on a phone): it sends a Gregorian date, which this field reads like any other.
    """

    def __init__(self, *args: Any, picker: bool = False, **kwargs: Any) -> None:
        if not picker:
            kwargs.setdefault(
                "help_text", _("Gregorian (2025-12-14) or Hijri (1447-06-23 هـ); either is converted.")
            )
        super().__init__(*args, **kwargs)
        if picker:
            self.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        else:
            self.widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "dir": "ltr"})

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_either_calendar(str(value))
        except DateParseError as exc:
            raise forms.ValidationError(_DATE_ERRORS[exc.code], code=exc.code) from exc

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        return value


def hijri_hint(value: dt.date | None) -> str:
    return format_hijri(value) if value else ""


class DayAndTimesForm(forms.Form):
    """A time span as people give it: a day and two times (a session, a festival event), made
    `starts_at` and `ends_at` (aware, in the platform's time zone) when the form is cleaned."""

    day = EitherCalendarDateField(label=_("Date"))
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def span_initial(self, starts_at: dt.datetime, ends_at: dt.datetime) -> None:
        """Fill the three fields from a stored span."""
        start = timezone.localtime(starts_at)
        self.fields["day"].initial = start.date()
        self.fields["start_time"].initial = start.time()
        self.fields["end_time"].initial = timezone.localtime(ends_at).time()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", self.ends_before_start)
            else:
                cleaned["starts_at"] = timezone.make_aware(dt.datetime.combine(day, start))
                cleaned["ends_at"] = timezone.make_aware(dt.datetime.combine(day, end))
        return cleaned

    ends_before_start = _("A session must end after it starts.")


class ServiceModelForm(forms.ModelForm):
    """A model form that validates on its own copy of the record. Django's ModelForm writes the
    cleaned values into its instance while validating; a service that compares the submitted
    values with the record (to audit what changed, to refuse a stale edit) would then find
    nothing changed. The view passes the record it loaded and gives that one to the service."""

    def __init__(self, *args: Any, instance: models.Model | None = None, **kwargs: Any) -> None:
        # A model's copy has its own state and related-object cache (Model.__getstate__).
        super().__init__(*args, instance=copy.copy(instance) if instance is not None else None, **kwargs)


def model_form_values(form: forms.ModelForm) -> dict[str, Any]:
    """The cleaned values of a model form's own (non-many-to-many) fields, ready for
    `model_update`, with Django's file-field meaning: None keeps the file, False clears it."""
    values: dict[str, Any] = {}
    model = form._meta.model
    for name, value in form.cleaned_data.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field
            continue
        if field.many_to_many:
            continue
        if isinstance(field, models.FileField):
            if value is None:
                continue
            value = value or ""
        values[name] = value
    return values


def model_form_m2m(form: forms.ModelForm) -> dict[str, Any]:
    model = form._meta.model
    return {
        name: value
        for name, value in form.cleaned_data.items()
        if any(field.name == name and field.many_to_many for field in model._meta.get_fields())
    }


def form_status(request: Any, *forms_: forms.Form | None) -> int:
    """400 when a submitted form failed validation (so clients and tests can tell), else 200."""
    failed = request.method == "POST" and any(
        form is not None and form.is_bound and form.errors for form in forms_
    )
    return 400 if failed else 200


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's validation error on the form, keeping everything the user typed."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("By (username)"), required=False)
    content_type = forms.ModelChoiceField(
        label=_("Record type"), queryset=ContentType.objects.none(), required=False
    )
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All"))] + AuditAction.choices, required=False
    )
    since = EitherCalendarDateField(label=_("From"), required=False, help_text="")
    until = EitherCalendarDateField(label=_("To"), required=False, help_text="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["content_type"]
        field.queryset = audited_content_types()
        field.label_from_instance = lambda content_type: str(content_type.model_class()._meta.verbose_name)


def _said(label: Any) -> Any:
    """Django's "---------" empty choice said in words, as the select template says it
    (templates/django/forms/widgets/select.html)."""
    from django.db.models.fields import BLANK_CHOICE_DASH
    from django.utils.translation import gettext

    return gettext("Choose…") if label == BLANK_CHOICE_DASH[0][1] else label


class LongSelect(forms.Select):
    """A <select> for long lists (thousands of partner entities): the options are written in
    one pass instead of one template per option, which took most of a list page's time at
    regional scale (2,000 entities: ~200 ms per select). Same HTML, same escaping.

    With `kept_under` (a cache generation, core/cache.py, that moves on whenever the list's
    rows change) the options are written once per generation and language and kept: even in
    one pass, 2,500 entities cost a staff list page half its time. Only for a list that
    depends on nothing else — every entity, not "the entities this user coordinates"."""

    def __init__(self, attrs: dict | None = None, choices: Any = (), kept_under: str | None = None) -> None:
        super().__init__(attrs, choices)
        self.kept_under = kept_under

    def _options(self) -> str:
        from django.utils.html import format_html_join

        return format_html_join(
            "", '<option value="{}">{}</option>', ((value, _said(label)) for value, label in self.choices)
        )

    def _kept_options(self) -> str:
        from django.utils.translation import get_language

        from learningcity.core.cache import cached, query_key

        queryset = getattr(self.choices, "queryset", None)
        if self.kept_under is None or queryset is None:
            return self._options()
        # The list's own query and empty label say which list it is.
        which = query_key(queryset, self.choices.field.empty_label)
        return cached(self.kept_under, ("long-select", get_language(), which), self._options)

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> str:
        from django.forms.utils import flatatt
        from django.utils.html import conditional_escape, format_html
        from django.utils.safestring import mark_safe

        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = self._kept_options()
        for chosen in {str(v) for v in self.format_value(value)}:
            tag = f'<option value="{conditional_escape(chosen)}">'
            options = options.replace(tag, tag[:-1] + " selected>", 1)
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # noqa: S308 - escaped in _options
