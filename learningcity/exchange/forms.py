from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.core.forms import LongSelect
from learningcity.exchange.models import TokenScope
from learningcity.partners.models import Entity
from learningcity.partners.permissions import coordinated_entity_ids


def entities_for(user: Any) -> Any:
    entities = Entity.objects.order_by("name_ar")
    return entities if user.is_programme_manager else entities.filter(pk__in=coordinated_entity_ids(user))


class TokenForm(forms.Form):
    entity = forms.ModelChoiceField(widget=LongSelect, label=_("Entity"), queryset=Entity.objects.none())
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What uses it, e.g. “the registrations system”.")
    )
    scope = forms.ChoiceField(
        label=_("Access"), choices=TokenScope.choices, initial=TokenScope.READ, widget=forms.RadioSelect
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=366, initial=90)
    personal_data = forms.BooleanField(
        label=_("Include learners' contact details and accommodation needs"),
        required=False,
        help_text=_(
            "Only if the system needs them to serve the learners registered for your sessions. "
            "Without this, registrations come without mobile number, e-mail and accommodation needs."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entity"].queryset = entities_for(user)
        self.fields["entity"].label_from_instance = lambda entity: entity.name
        if self.fields["entity"].queryset.count() == 1:
            self.fields["entity"].initial = self.fields["entity"].queryset.first()


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("File (CSV or Excel .xlsx)"), help_text=_("Use the template: its header names the columns.")
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, Any]], max_mb: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.max_mb = max_mb

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.max_mb * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is %(size)d MB; the most accepted is %(max)d MB. Split it into smaller files.")
                % {"size": upload.size // (1024 * 1024), "max": self.max_mb}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a CSV or an Excel (.xlsx) file."))
        return upload


class WebhookForm(forms.Form):
    entity = forms.ModelChoiceField(widget=LongSelect, label=_("Entity"), queryset=Entity.objects.none())
    url = forms.URLField(label=_("Address (URL)"), max_length=500, assume_scheme="https",
                         widget=forms.URLInput(attrs={"dir": "ltr"}))  # fmt: skip
    events = forms.MultipleChoiceField(label=_("Events"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from learningcity.core.events import EVENTS

        super().__init__(*args, **kwargs)
        self.fields["entity"].queryset = entities_for(user)
        self.fields["entity"].label_from_instance = lambda entity: entity.name
        self.fields["events"].choices = [(name, name) for name in EVENTS]
        if self.fields["entity"].queryset.count() == 1:
            self.fields["entity"].initial = self.fields["entity"].queryset.first()
