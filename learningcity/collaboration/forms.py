"""Forms for expertise exchange and partnership. They parse and validate input; the services
decide what may be written."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.collaboration.models import Need, NeedKind, Practice, Story
from learningcity.collaboration.permissions import is_manager, writing_entities
from learningcity.core.forms import EitherCalendarDateField, LongSelect, ServiceModelForm
from learningcity.core.models import Governorate
from learningcity.core.uploads import validate_document
from learningcity.indicators.models import FrameworkNode
from learningcity.partners.permissions import coordinated_entity_ids
from learningcity.partners.selectors import entity_choices
from learningcity.programme.models import Axis, Initiative, Track

_LTR = {"dir": "ltr"}


def unesco_areas() -> Any:
    """The areas of the key-features frameworks: the elements one level below a group."""
    return FrameworkNode.objects.filter(parent__isnull=False, parent__parent__isnull=True).order_by(
        "framework_id", "parent__position", "position"
    )


def initiatives_kept_by(user: Any) -> Any:
    initiatives = Initiative.objects.only("pk", "code", "title_ar", "title_en").order_by("code")
    return (
        initiatives
        if is_manager(user)
        else initiatives.filter(owner_entity_id__in=coordinated_entity_ids(user))
    )


class _EntityChoiceMixin:
    def _limit_entity(self, user: Any) -> None:
        entities = writing_entities(user).only("pk", "name_ar", "name_en")
        self.fields["entity"].queryset = entities
        self.fields["entity"].widget = LongSelect(choices=self.fields["entity"].choices)
        if entities.count() == 1:
            self.fields["entity"].initial = entities.first()


# --- Practice library ---------------------------------------------------------------------


class PracticeForm(_EntityChoiceMixin, ServiceModelForm):
    class Meta:
        model = Practice
        fields = [
            "title_ar", "title_en", "summary_ar", "summary_en", "what_was_done_ar", "what_was_done_en",
            "results_ar", "results_en", "to_avoid_ar", "to_avoid_en", "entity", "partner_entities",
            "initiative", "framework_area", "axis", "source_city", "links",
        ]  # fmt: skip
        widgets = {
            "summary_ar": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3, **_LTR}),
            "what_was_done_ar": forms.Textarea(attrs={"rows": 4}),
            "what_was_done_en": forms.Textarea(attrs={"rows": 4, **_LTR}),
            "results_ar": forms.Textarea(attrs={"rows": 3}),
            "results_en": forms.Textarea(attrs={"rows": 3, **_LTR}),
            "to_avoid_ar": forms.Textarea(attrs={"rows": 3}),
            "to_avoid_en": forms.Textarea(attrs={"rows": 3, **_LTR}),
            "title_en": forms.TextInput(attrs=_LTR),
            "links": forms.Textarea(attrs={"rows": 2, **_LTR}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_entity(user)
        self.fields["partner_entities"].queryset = entity_choices()
        self.fields["partner_entities"].widget.attrs["size"] = 6
        self.fields["initiative"].queryset = Initiative.objects.only("pk", "code", "title_ar", "title_en")
        self.fields["framework_area"].queryset = unesco_areas()
        self.fields["axis"].queryset = Axis.objects.all()


class PracticeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    framework_area = forms.ModelChoiceField(
        label=_("UNESCO area"),
        queryset=FrameworkNode.objects.none(),
        required=False,
        empty_label=_("All areas"),
    )
    axis = forms.ModelChoiceField(
        label=_("Axis"), queryset=Axis.objects.all(), required=False, empty_label=_("All axes")
    )
    origin = forms.ChoiceField(
        label=_("From"),
        required=False,
        choices=[
            ("", _("Here and elsewhere")),
            ("here", _("Our partners")),
            ("network", _("Other learning cities")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Newest first")), ("useful", _("Most useful first"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework_area"].queryset = unesco_areas()


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish")), ("return", _("Return for changes"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title of the file"), max_length=255)
    file = forms.FileField(label=_("File"), validators=[validate_document])


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


# --- Track channels -----------------------------------------------------------------------


class ChannelPostForm(forms.Form):
    text = forms.CharField(
        label=_("Message"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mention someone with @ and their username, or an entity with @ and its short name."),
    )
    attachment = forms.FileField(label=_("Attach a file"), required=False, validators=[validate_document])
    mention_users = forms.ModelMultipleChoiceField(
        label=_("Mention coordinators"), queryset=Initiative.objects.none(), required=False
    )
    mention_entities = forms.ModelMultipleChoiceField(
        label=_("Mention entities"), queryset=Initiative.objects.none(), required=False
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, users: Any, entities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mention_users"].queryset = users
        self.fields["mention_users"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.get_username()} (@{user.get_username()})"
        )
        self.fields["mention_entities"].queryset = entities
        for name in ("mention_users", "mention_entities"):
            self.fields[name].widget.attrs["size"] = 4


class ChannelSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the channel"), required=False, max_length=200)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Why hide this message?"), max_length=500)


# --- Marketplace --------------------------------------------------------------------------


class NeedForm(ServiceModelForm):
    deadline = EitherCalendarDateField(label=_("offers until"))
    needed_from = EitherCalendarDateField(label=_("needed from"), required=False)
    needed_until = EitherCalendarDateField(label=_("needed until"), required=False)

    class Meta:
        model = Need
        fields = [
            "initiative", "kind", "title_ar", "title_en", "description_ar", "description_en", "amount",
            "quantity", "deadline", "needed_from", "needed_until",
        ]  # fmt: skip
        widgets = {
            "title_en": forms.TextInput(attrs=_LTR),
            "description_ar": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3, **_LTR}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives_kept_by(user)
        self.fields["initiative"].widget = LongSelect(choices=self.fields["initiative"].choices)


class NeedFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("What is needed"), required=False, choices=[("", _("Everything")), *NeedKind.choices]
    )
    track = forms.ModelChoiceField(
        label=_("Track"),
        queryset=Track.objects.select_related("axis"),
        required=False,
        empty_label=_("All tracks"),
    )
    governorate = forms.ModelChoiceField(
        label=_("Governorate"),
        queryset=Governorate.objects.all(),
        required=False,
        empty_label=_("All governorates"),
    )
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Open to offers")), ("closed", _("Closed")), ("all", _("All needs"))],
    )


class PledgeForm(forms.Form):
    entity = forms.ModelChoiceField(label=_("On behalf of"), queryset=Initiative.objects.none())
    size = forms.DecimalField(label=_("You pledge"), min_value=0, max_digits=14, decimal_places=2)
    note = forms.CharField(
        label=_("What you offer"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Conditions, dates, what exactly you provide."),
    )  # fmt: skip

    def __init__(self, *args: Any, entities: Any, need: Need, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entity"].queryset = entities
        self.fields["entity"].widget = LongSelect(choices=self.fields["entity"].choices)
        if entities.count() == 1:
            self.fields["entity"].initial = entities.first()
        self.fields["size"].label = (
            _("Amount you pledge (SAR)") if need.in_money else _("How many you provide")
        )


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("Note to the partner"), required=False, max_length=500)


# --- Success stories ----------------------------------------------------------------------


class StoryForm(_EntityChoiceMixin, ServiceModelForm):
    class Meta:
        model = Story
        fields = [
            "kind", "title_ar", "title_en", "summary_ar", "summary_en", "body_ar", "body_en", "entity",
            "initiative", "photo", "photo_description_ar", "photo_description_en", "photo_consent",
            "consent_record",
        ]  # fmt: skip
        widgets = {
            "title_en": forms.TextInput(attrs=_LTR),
            "summary_en": forms.TextInput(attrs=_LTR),
            "body_ar": forms.Textarea(attrs={"rows": 8}),
            "body_en": forms.Textarea(attrs={"rows": 8, **_LTR}),
            "photo_description_en": forms.TextInput(attrs=_LTR),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_entity(user)
        self.fields["initiative"].queryset = Initiative.objects.only("pk", "code", "title_ar", "title_en")
        self.fields["initiative"].widget = LongSelect(choices=self.fields["initiative"].choices)
