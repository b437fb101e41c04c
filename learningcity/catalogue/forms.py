from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.catalogue.contact import display_mobile, normalize_email, normalize_mobile
from learningcity.catalogue.models import (
    AccessNeed,
    AudienceSex,
    Campaign,
    DisabilityKind,
    GroupKind,
    Learner,
    Opportunity,
    OpportunityType,
    Session,
)
from learningcity.core.disaggregation import AgeGroup, Nationality, Sex
from learningcity.core.forms import DayAndTimesForm, EitherCalendarDateField, ServiceModelForm
from learningcity.core.models import Governorate, LearningCity
from learningcity.partners.selectors import editable_entities
from learningcity.programme.models import Initiative
from learningcity.skills.models import Skill

ACCESSIBILITY_CHOICES = [
    ("wheelchair_access", _("Wheelchair access")),
    ("sign_language", _("Sign-language interpretation")),
    ("braille_large_print", _("Braille or large print")),
    ("easy_read", _("Easy-read materials")),
]
SORT_CHOICES = [("relevance", _("Best match")), ("soonest", _("Soonest")), ("newest", _("Newest"))]


class OpportunitySearchForm(forms.Form):
    """The public search. Every field is optional and a bad value in one is reported without
    losing the others."""

    q = forms.CharField(label=_("Search"), required=False, strip=True, widget=forms.SearchInput)
    learning_city = forms.ModelChoiceField(
        label=_("Learning city"), queryset=LearningCity.objects.all(), required=False, empty_label=_("All")
    )
    governorate = forms.ModelChoiceField(
        label=_("Governorate"), queryset=Governorate.objects.all(), required=False, empty_label=_("All")
    )
    type = forms.MultipleChoiceField(
        label=_("Type"), choices=OpportunityType.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    audience = forms.ChoiceField(
        label=_("Open to"),
        choices=[
            ("", _("Everyone")),
            (AudienceSex.WOMEN, _("Women")),
            (AudienceSex.MEN, _("Men")),
            (AudienceSex.EVERYONE, _("Mixed sessions")),
        ],
        required=False,
    )
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=[("", _("All"))] + AgeGroup.choices, required=False
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        choices=ACCESSIBILITY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    disability = forms.ChoiceField(
        label=_("Designed for"), choices=[("", _("Anyone"))] + DisabilityKind.choices, required=False
    )
    free = forms.BooleanField(label=_("Free only"), required=False)
    online = forms.BooleanField(label=_("Online only"), required=False)
    date_from = EitherCalendarDateField(label=_("From date"), required=False, help_text="")
    date_to = EitherCalendarDateField(label=_("To date"), required=False, help_text="")
    skill = forms.ModelChoiceField(
        label=_("Skill"), queryset=Skill.objects.all(), required=False, empty_label=_("All")
    )
    # On unless the person's own search form said otherwise (its hidden "filtered" field): a
    # link or the home page's search box opens the bookable opportunities first.
    upcoming = forms.BooleanField(label=_("Has upcoming sessions (bookable first)"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and "filtered" not in data:
            data = data.copy()
            data["upcoming"] = "on"
        super().__init__(data, *args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("What would you like to learn?")
        self.fields["learning_city"].label_from_instance = lambda city: city.name
        self.fields["governorate"].label_from_instance = lambda governorate: governorate.name
        self.fields["skill"].label_from_instance = lambda skill: skill.name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return cleaned

    def applied_count(self) -> int:
        """How many filters narrow the list (the words, the order and the default are not)."""
        return sum(
            1 for name, value in self.filters().items() if value and name not in ("q", "sort", "upcoming")
        )

    def filters(self) -> dict[str, Any]:
        """The valid fields' values (an invalid field is left out, the rest still apply)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}


class OpportunityForm(ServiceModelForm):
    age_groups = forms.MultipleChoiceField(
        label=_("Age groups"),
        choices=AgeGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if the opportunity suits every age."),
    )
    disabilities = forms.MultipleChoiceField(
        label=_("Designed for people with"),
        choices=DisabilityKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Opportunity
        fields = [
            "title_ar", "title_en", "description_ar", "description_en", "opportunity_type", "provider",
            "initiative", "campaigns", "learning_city", "governorate", "venue_ar", "venue_en", "address",
            "latitude", "longitude", "online_url", "fee", "audience_sex", "prerequisites_ar",
            "prerequisites_en", "level", "language", "wheelchair_access", "sign_language",
            "braille_large_print", "easy_read", "skills", "hours", "credential", "featured",
        ]  # fmt: skip
        widgets = {
            "description_ar": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5, "dir": "ltr"}),
            "prerequisites_ar": forms.Textarea(attrs={"rows": 2}),
            "prerequisites_en": forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr"}),
            "venue_en": forms.TextInput(attrs={"dir": "ltr"}),
            "online_url": forms.URLInput(attrs={"dir": "ltr"}),
            "skills": forms.CheckboxSelectMultiple,
            "campaigns": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        fields = self.fields
        fields["provider"].queryset = editable_entities(user)
        fields["provider"].label_from_instance = lambda entity: entity.name
        fields["initiative"].queryset = Initiative.objects.order_by("code")
        fields["learning_city"].label_from_instance = lambda city: city.name
        fields["governorate"].label_from_instance = lambda governorate: governorate.name
        fields["skills"].label_from_instance = lambda skill: skill.name
        fields["campaigns"].queryset = Campaign.objects.filter(
            ends_on__gte=timezone.localdate() - dt.timedelta(days=365)
        )
        fields["campaigns"].label_from_instance = lambda campaign: campaign.title
        if not user.is_programme_manager:
            # Featuring on the home page is the programme's editorial choice.
            del fields["featured"]
        if self.instance.pk:
            fields["age_groups"].initial = list(self.instance.age_groups.values_list("age_group", flat=True))
            fields["disabilities"].initial = list(
                self.instance.suited_disabilities.values_list("kind", flat=True)
            )
        elif fields["provider"].queryset.count() == 1:
            fields["provider"].initial = fields["provider"].queryset.first()

    RELATED = ("age_groups", "disabilities", "skills", "campaigns")

    def opportunity_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name not in self.RELATED}

    def related_values(self) -> dict[str, Any]:
        """The many-valued choices, as the opportunity services take them."""
        return {name: self.cleaned_data[name] for name in self.RELATED}


class SessionForm(DayAndTimesForm, ServiceModelForm):
    """A session as a day and two times (how providers think of it); can repeat."""

    repeat_every_days = forms.TypedChoiceField(
        label=_("Repeat"),
        choices=[
            (0, _("Does not repeat")),
            (1, _("Every day")),
            (7, _("Every week")),
            (14, _("Every two weeks")),
        ],
        coerce=int,
        initial=0,
        required=False,
    )
    repeat_count = forms.IntegerField(
        label=_("Number of sessions"),
        min_value=1,
        max_value=52,
        initial=1,
        required=False,
        help_text=_("With a repeat: how many sessions to create in all."),
    )

    class Meta:
        model = Session
        fields = ["capacity", "audience_sex", "registration_days_before", "note_ar", "note_en"]
        widgets = {"note_en": forms.TextInput(attrs={"dir": "ltr"})}

    field_order = ["day", "start_time", "end_time", "capacity", "audience_sex", "registration_days_before",
                   "note_ar", "note_en",
                   "repeat_every_days", "repeat_count"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audience_sex"].choices = [("", _("Same as the opportunity"))] + AudienceSex.choices
        # Left out (an older form, the API's partners): registration stays open until the start.
        self.fields["registration_days_before"].required = False
        if self.instance.pk:
            self.span_initial(self.instance.starts_at, self.instance.ends_at)
            del self.fields["repeat_every_days"]
            del self.fields["repeat_count"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "starts_at" in cleaned and not self.instance.pk and cleaned["starts_at"] <= timezone.now():
            self.add_error("day", _("A new session must be in the future."))
        return cleaned

    def session_data(self) -> dict[str, Any]:
        names = ["starts_at", "ends_at", "capacity", "audience_sex", "note_ar", "note_en"]
        data = {name: self.cleaned_data[name] for name in names}
        return {**data, "registration_days_before": self.cleaned_data.get("registration_days_before") or 0}


class LearnerForm(ServiceModelForm):
    """The learner's details, shared by sign-up and the profile page."""

    access_needs = forms.MultipleChoiceField(
        label=_("What I need to take part"),
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Suggestions will keep to opportunities that offer it."),
    )

    mobile = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=30,
        help_text=_("For example 05XXXXXXXX. Give a mobile number, an e-mail address, or both."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "dir": "ltr"}),
    )
    email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )

    class Meta:
        model = Learner
        fields = [
            "full_name",
            "sex",
            "age_group",
            "governorate",
            "nationality",
            "has_disability",
            "accommodation_needs",
            "interests",
        ]
        widgets = {
            "interests": forms.CheckboxSelectMultiple,
            "sex": forms.RadioSelect,
            "nationality": forms.RadioSelect,
            "accommodation_needs": forms.Textarea(attrs={"rows": 3}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "accommodation_needs": _(
                "Optional. Anything that helps you take part, such as a sign-language interpreter, step-free "
                "access or large print. Only you, the providers of sessions you register for, and the "
                "programme's managers can see it."
            ),
        }

    field_order = ["full_name", "mobile", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sex"].choices = Sex.choices
        self.fields["nationality"].choices = Nationality.choices
        self.fields["governorate"].label_from_instance = lambda governorate: governorate.name
        self.fields["interests"].label_from_instance = lambda group: group.name
        self.fields["interests"].help_text = _("Suggestions for you start from these.")
        if self.instance.pk:
            self.fields["access_needs"].initial = self.instance.access_needs
            self.fields["mobile"].initial = display_mobile(self.instance.mobile or "")
            self.fields["email"].initial = self.instance.user.email

    # Checked here as well as in the service, so a bad number is reported together with
    # every other mistake on the form, not only once the rest is right.
    def clean_mobile(self) -> str:
        value = self.cleaned_data["mobile"]
        return normalize_mobile(value) if value else ""

    def clean_email(self) -> str:
        value = self.cleaned_data["email"]
        return normalize_email(value) if value else ""

    def learner_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class SignUpForm(LearnerForm):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits, and not easy to guess."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree to my details being used as it describes."),
        required=True,
        error_messages={"required": _("Please read and accept the privacy notice to create an account.")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("password1")
            and cleaned.get("password2")
            and cleaned["password1"] != cleaned["password2"]
        ):
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned


class SignInForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Mobile number, e-mail or username")
        self.fields["username"].widget.attrs["dir"] = "auto"


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class CertificateLookupForm(forms.Form):
    """A certificate number as people type it: copied with spaces, upper-case, without dashes."""

    number = forms.CharField(
        label=_("Certificate number"),
        max_length=64,
        help_text=_("It is printed under the QR code on the certificate."),
    )

    def clean_number(self) -> uuid.UUID:
        typed = "".join(self.cleaned_data["number"].split())
        try:
            return uuid.UUID(typed)
        except ValueError:
            raise forms.ValidationError(
                _(
                    "A certificate number has 32 letters and digits, with or without dashes, as printed under the QR code."
                ),
                code="invalid",
            ) from None


class MobileNumberForm(forms.Form):
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        help_text=_("For example 05XXXXXXXX."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "dir": "ltr"}),
    )


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("The code in the text message"),
        max_length=12,
        help_text=_("Six digits."),
        # The phone offers the code from the text message (autocomplete one-time-code).
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "dir": "ltr",
                "pattern": "[0-9٠-٩ ]*",
            }
        ),
    )


class GroupBookingForm(forms.Form):
    """Places for others: who they are and the consent given for them (the people themselves
    are GroupPersonForm rows)."""

    kind = forms.ChoiceField(
        label=_("Who are you registering?"),
        choices=GroupKind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    name = forms.CharField(
        label=_("Name of the group (a class, for example)"), max_length=150, required=False
    )
    consent = forms.BooleanField(
        label=_(
            "I may register them (their parent, guardian or teacher), and they accept the privacy notice"
        ),
        required=False,
    )


SELECT = forms.Select(attrs={"class": "form-select"})


class GroupPersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False, widget=SELECT)
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=[("", "—"), *AgeGroup.choices], required=False, widget=SELECT
    )

    def is_blank(self) -> bool:
        return not any(self.cleaned_data.get(name) for name in ("full_name", "sex", "age_group"))


def group_people_formset(rows: int) -> type[forms.BaseFormSet]:
    """The people's rows: `rows` of them empty at first (a family of three by default)."""
    return forms.formset_factory(
        GroupPersonForm, extra=rows, max_num=settings.GROUP_PLACES_MAX, absolute_max=settings.GROUP_PLACES_MAX
    )
