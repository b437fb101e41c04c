from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.coordination.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    InvitationResponse,
    Meeting,
    MeetingType,
    SeriesFrequency,
)
from learningcity.coordination.selectors import MEETINGS_CACHE
from learningcity.coordination.services import MAX_SERIES_LENGTH
from learningcity.core.concurrency import VersionedFormMixin
from learningcity.core.forms import EitherCalendarDateField, LongSelect, ServiceModelForm
from learningcity.core.models import LearningCity
from learningcity.partners.models import Coordinator, CoordinatorGender, Entity
from learningcity.partners.selectors import PARTNERS_CACHE, entity_choices
from learningcity.programme.models import Axis

_LTR = {"dir": "ltr"}


class MeetingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    learning_city = forms.ModelChoiceField(
        label=_("Learning city"),
        queryset=LearningCity.objects.all(),
        required=False,
        empty_label=_("All cities"),
    )
    meeting_type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types"))] + MeetingType.choices, required=False
    )
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("", _("All meetings")), ("upcoming", _("Upcoming")), ("past", _("Past"))],
        required=False,
    )


class MeetingForm(ServiceModelForm):
    """A meeting with its date typed in either calendar and its time in Riyadh time."""

    date = EitherCalendarDateField(label=_("Date"))
    time = forms.TimeField(
        label=_("Time (Riyadh)"), widget=forms.TimeInput(attrs={"type": "time", "dir": "ltr"})
    )
    invited_entities = forms.ModelMultipleChoiceField(
        label=_("Invited entities"),
        queryset=Entity.objects.filter(status="active").order_by("sector", "name_ar"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = [
            "title_ar",
            "title_en",
            "meeting_type",
            "learning_city",
            "duration_minutes",
            "venue_ar",
            "venue_en",
            "online_url",
            "organiser",
            "description_ar",
            "description_en",
        ]
        widgets = {
            "title_en": forms.TextInput(attrs=_LTR),
            "venue_en": forms.TextInput(attrs=_LTR),
            "online_url": forms.URLInput(attrs=_LTR),
            "description_ar": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        }

    field_order = [
        "title_ar",
        "title_en",
        "meeting_type",
        "learning_city",
        "date",
        "time",
        "duration_minutes",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("date", local.date())
            self.initial.setdefault("time", local.time().replace(second=0, microsecond=0))
            self.initial.setdefault("invited_entities", list(self.instance.invited_entities.all()))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("time"):
            naive = dt.datetime.combine(cleaned["date"], cleaned["time"])
            cleaned["starts_at"] = timezone.make_aware(naive, timezone.get_default_timezone())
        return cleaned

    def meeting_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["starts_at"] = self.cleaned_data["starts_at"]
        return data


class MeetingSeriesForm(MeetingForm):
    frequency = forms.ChoiceField(label=_("Repeat"), choices=SeriesFrequency.choices)
    count = forms.IntegerField(
        label=_("Number of meetings"), min_value=2, max_value=MAX_SERIES_LENGTH, initial=6
    )


class AgendaItemForm(ServiceModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title_ar",
            "title_en",
            "presenter_entity",
            "presenter_name",
            "starts_at",
            "duration_minutes",
            "axis",
            "track",
            "notes_ar",
            "notes_en",
        ]
        widgets = {
            "title_en": forms.TextInput(attrs=_LTR),
            "starts_at": forms.TimeInput(attrs={"type": "time", "dir": "ltr"}),
            "notes_ar": forms.Textarea(attrs={"rows": 4}),
            "notes_en": forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        axis, track = cleaned.get("axis"), cleaned.get("track")
        if axis and track and track.axis_id != axis.pk:
            self.add_error("track", _("This track is not under the chosen axis."))
        return cleaned


class InvitationReplyForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your entity's reply"),
        choices=[choice for choice in InvitationResponse.choices if choice[0] != InvitationResponse.PENDING],
        widget=forms.RadioSelect,
    )
    delegate_name = forms.CharField(
        label=_("Delegate's name (if sending a delegate)"), required=False, max_length=150
    )


class AttendanceForm(forms.Form):
    # Choosing a coordinator is enough: their entity comes with them.
    entity = forms.ModelChoiceField(
        label=_("Entity (for someone not listed)"), queryset=Entity.objects.none(), required=False
    )
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"),
        queryset=Coordinator.objects.none(),
        required=False,
        empty_label=_("Someone else"),
    )
    name = forms.CharField(label=_("Name (if not a listed coordinator)"), required=False, max_length=150)
    gender = forms.ChoiceField(label=_("Gender"), choices=CoordinatorGender.choices, required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        entity_ids = meeting.invitations.values_list("entity_id", flat=True)
        self.fields["entity"].queryset = Entity.objects.filter(pk__in=entity_ids)
        self.fields["coordinator"].queryset = Coordinator.objects.filter(
            entity_id__in=entity_ids, is_active=True
        )
        self.fields["coordinator"].label_from_instance = lambda c: f"{c.full_name} — {c.entity.name}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        coordinator = cleaned.get("coordinator")
        if coordinator is not None:
            if cleaned.get("entity") is None:
                cleaned["entity"] = coordinator.entity
            return cleaned
        if cleaned.get("entity") is None:
            self.add_error("entity", _("Choose the entity of the person you are adding."))
        if cleaned.get("name") and not cleaned.get("gender"):
            self.add_error("gender", _("Choose the attendee's gender for the attendance summary."))
        return cleaned


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr", "autocapitalize": "characters"}),
    )


class DecisionForm(ServiceModelForm):
    class Meta:
        model = Decision
        fields = ["kind", "text_ar", "text_en", "axis", "track"]
        widgets = {
            "text_ar": forms.Textarea(attrs={"rows": 3}),
            "text_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        axis, track = cleaned.get("axis"), cleaned.get("track")
        if axis and track and track.axis_id != axis.pk:
            self.add_error("track", _("This track is not under the chosen axis."))
        return cleaned


class ActionItemForm(VersionedFormMixin, ServiceModelForm):
    due_date = EitherCalendarDateField(label=_("Due date"))

    class Meta:
        model = ActionItem
        fields = [
            "decision",
            "title_ar",
            "title_en",
            "description_ar",
            "description_en",
            "owner_entity",
            "owner_person",
            "due_date",
            "priority",
        ]
        widgets = {
            "title_en": forms.TextInput(attrs=_LTR),
            "description_ar": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        }

    def __init__(self, *args: Any, meeting: Meeting | None, with_status: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("instance", ActionItem(meeting=meeting))
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = meeting.decisions.all() if meeting else Decision.objects.none()
        self.fields["decision"].label_from_instance = lambda decision: f"{decision.number}. {decision.text}"[
            :120
        ]
        self.fields["owner_entity"].queryset = Entity.objects.order_by("name_ar")
        self.fields["owner_person"].queryset = Coordinator.objects.filter(is_active=True).select_related(
            "entity"
        )
        self.fields["owner_person"].label_from_instance = lambda c: f"{c.full_name} — {c.entity.name}"
        if with_status:
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"), choices=ActionStatus.choices, initial=self.instance.status
            )

    def item_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if "status" in self.cleaned_data:
            data["status"] = self.cleaned_data["status"]
        return data


class ProgressForm(forms.Form):
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg"}),
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg"}),
    )


class ActionItemFilterForm(forms.Form):
    entity = forms.ModelChoiceField(
        widget=LongSelect(kept_under=PARTNERS_CACHE),
        label=_("Entity"),
        queryset=entity_choices(),
        required=False,
        empty_label=_("All entities"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses"))] + ActionStatus.choices, required=False
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    axis = forms.ModelChoiceField(
        label=_("Axis"), queryset=Axis.objects.all(), required=False, empty_label=_("All axes")
    )
    meeting = forms.ModelChoiceField(
        # Every meeting ever held (500 at regional scale, 5,000 at national), written once per
        # change to the meetings: writing them was a third of the tracker's time.
        widget=LongSelect(kept_under=MEETINGS_CACHE),
        label=_("Meeting"),
        queryset=Meeting.objects.only("pk", "title_ar", "title_en", "starts_at").order_by("-starts_at"),
        required=False,
        empty_label=_("All meetings"),
    )
    due_from = EitherCalendarDateField(label=_("Due from"), required=False, help_text="")
    due_to = EitherCalendarDateField(label=_("Due until"), required=False, help_text="")
