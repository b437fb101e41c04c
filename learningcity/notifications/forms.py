from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.core.forms import ServiceModelForm
from learningcity.notifications.models import Announcement
from learningcity.partners.models import Sector


class AnnouncementForm(ServiceModelForm):
    class Meta:
        model = Announcement
        fields = ["title_ar", "title_en", "body_ar", "body_en", "audience", "sector", "track"]
        widgets = {
            "body_ar": forms.Textarea(attrs={"rows": 6}),
            "body_en": forms.Textarea(attrs={"rows": 6, "dir": "ltr"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr"}),
            "audience": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"] = forms.ChoiceField(
            label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False,
            help_text=_("When sending to one sector."),
        )  # fmt: skip
        self.fields["track"].help_text = _("When sending to a track's partners.")
        self.fields["track"].label_from_instance = lambda track: f"{track.axis.number}. {track.title}"
        self.fields["track"].queryset = self.fields["track"].queryset.select_related("axis")
