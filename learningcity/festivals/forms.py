from __future__ import annotations

from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from learningcity.catalogue.models import AudienceSex
from learningcity.core.disaggregation import AgeGroup
from learningcity.core.forms import DayAndTimesForm, EitherCalendarDateField, ServiceModelForm
from learningcity.core.hijri import format_dual_date
from learningcity.core.models import Governorate
from learningcity.festivals.models import Festival, FestivalEvent, HostSignUp
from learningcity.partners.selectors import editable_entities


class FestivalForm(ServiceModelForm):
    starts_on = EitherCalendarDateField(label=_("First day"))
    ends_on = EitherCalendarDateField(label=_("Last day"))
    call_closes_on = EitherCalendarDateField(
        label=_("Submissions close on"), help_text=_("The last day hosts can submit or change an event.")
    )
    themes = forms.CharField(
        label=_("Themes"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One theme a line, its Arabic name first and, after a vertical bar, its English name."),
    )

    class Meta:
        model = Festival
        fields = [
            "title_ar", "title_en", "slug", "description_ar", "description_en", "learning_city",
            "starts_on", "ends_on", "call_closes_on", "status",
        ]  # fmt: skip
        widgets = {
            "title_en": forms.TextInput(attrs={"dir": "ltr"}),
            "slug": forms.TextInput(attrs={"dir": "ltr"}),
            "description_ar": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learning_city"].label_from_instance = lambda city: city.name
        if self.instance.pk and not self.is_bound:
            self.initial["themes"] = "\n".join(
                f"{theme.name_ar} | {theme.name_en}".rstrip(" |") for theme in self.instance.themes.all()
            )

    def theme_names(self) -> list[tuple[str, str]]:
        """The themes as (Arabic, English), in the order typed."""
        names = []
        for line in self.cleaned_data["themes"].splitlines():
            arabic, _bar, english = line.partition("|")
            names.append((arabic.strip(), english.strip()))
        return names

    def festival_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "themes"}


class HostSignUpForm(ServiceModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the platform keeps these contact details to review the request and to reach me about it."
        ),
    )

    class Meta:
        model = HostSignUp
        fields = [
            "organisation_name", "organisation_type", "sector", "governorate", "about", "contact_name",
            "contact_gender", "email", "phone",
        ]  # fmt: skip
        widgets = {
            "about": forms.Textarea(attrs={"rows": 4}),
            "email": forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel", "autocomplete": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["governorate"].label_from_instance = lambda governorate: governorate.name
        self.fields["contact_gender"].choices = [("", "—"), *self.fields["contact_gender"].choices[1:]]

    def sign_up_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "consent"}


class EventForm(DayAndTimesForm, ServiceModelForm):
    """An event as a day and two times within the festival, like a session."""

    ends_before_start = _("An event must end after it starts.")
    age_groups = forms.MultipleChoiceField(
        label=_("Age groups"),
        choices=AgeGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if the event suits every age."),
    )

    class Meta:
        model = FestivalEvent
        fields = [
            "host", "theme", "title_ar", "title_en", "description_ar", "description_en", "event_type",
            "governorate", "venue_ar", "venue_en", "address", "audience_sex", "capacity",
            "wheelchair_access", "sign_language",
        ]  # fmt: skip
        widgets = {
            "title_en": forms.TextInput(attrs={"dir": "ltr"}),
            "venue_en": forms.TextInput(attrs={"dir": "ltr"}),
            "description_ar": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
        }

    field_order = [
        "host", "theme", "title_ar", "title_en", "description_ar", "description_en", "event_type", "day",
        "start_time", "end_time", "governorate", "venue_ar", "venue_en", "address", "audience_sex",
        "age_groups", "capacity", "wheelchair_access", "sign_language",
    ]  # fmt: skip

    def __init__(self, *args: Any, festival: Festival, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        hosts = editable_entities(user)
        fields["host"].queryset = hosts
        fields["host"].label_from_instance = lambda entity: entity.name
        fields["theme"].queryset = festival.themes.all()
        fields["theme"].label_from_instance = lambda theme: theme.name
        fields["governorate"].queryset = Governorate.objects.filter(region=festival.learning_city.region)
        fields["governorate"].label_from_instance = lambda governorate: governorate.name
        fields["day"].help_text = _("Between %(first)s and %(last)s.") % {
            "first": festival.starts_on.isoformat(),
            "last": festival.ends_on.isoformat(),
        }
        event = self.instance
        if event.pk:
            self.span_initial(event.starts_at, event.ends_at)
            fields["age_groups"].initial = event.age_group_list
        else:
            if hosts.count() == 1:
                fields["host"].initial = hosts.first()
            fields["day"].initial = festival.starts_on

    def event_data(self) -> dict[str, Any]:
        names = [*self.Meta.fields, "starts_at", "ends_at"]
        return {name: self.cleaned_data[name] for name in names}


def _review_form(choices: list[tuple[str, Any]], note_label: Any, note_help: Any) -> type[forms.Form]:
    """A programme manager's answer: one decision and the note the other side reads."""

    class ReviewForm(forms.Form):
        decision = forms.ChoiceField(label=_("Decision"), choices=choices, widget=forms.RadioSelect)
        note = forms.CharField(
            label=note_label,
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=note_help,
        )

    return ReviewForm


EventReviewForm = _review_form(
    [("accept", _("Accept and publish")), ("changes", _("Ask for changes")), ("decline", _("Decline"))],
    _("Note to the host"),
    _("Needed when asking for changes or declining: say what to change, or why."),
)
HostReviewForm = _review_form(
    [("approve", _("Approve: create the entity and its coordinator's account")), ("decline", _("Decline"))],
    _("Note to the organisation"),
    _("Needed when declining: the organisation is told why by e-mail."),
)


AUDIENCE_CHOICES = [
    ("", _("Everyone")),
    (AudienceSex.WOMEN, _("Women")),
    (AudienceSex.MEN, _("Men")),
    *[(f"age:{value}", label) for value, label in AgeGroup.choices],
]


class ProgrammeFilterForm(forms.Form):
    day = forms.DateField(label=_("Day"), required=False, widget=forms.Select)
    place = forms.TypedChoiceField(label=_("Place"), required=False, coerce=int, empty_value=None)
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    audience = forms.ChoiceField(label=_("Audience"), required=False, choices=AUDIENCE_CHOICES)

    def __init__(self, *args: Any, festival: Festival, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = ("", _("All"))
        self.fields["day"].widget.choices = [
            every,
            *[
                (day.isoformat(), f"{date_format(day, 'l')} {format_dual_date(day)}")
                for day in festival.days()
            ],
        ]
        self.fields["place"].choices = [every, *[(place.pk, place.name) for place in places]]
        self.fields["theme"].choices = [every, *[(theme.pk, theme.name) for theme in festival.themes.all()]]
