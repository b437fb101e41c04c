from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.exchange.models import TokenScope
from learningcity.partners.models import Entity
from learningcity.partners.permissions import coordinated_entity_ids


def entities_for(user: Any) -> Any:
    entities = Entity.objects.order_by("name_ar")
    return entities if user.is_programme_manager else entities.filter(pk__in=coordinated_entity_ids(user))


class TokenForm(forms.Form):
    entity = forms.ModelChoiceField(label=_("Entity"), queryset=Entity.objects.none())
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What uses it, e.g. “the registrations system”.")
    )
    scope = forms.ChoiceField(
        label=_("Access"), choices=TokenScope.choices, initial=TokenScope.READ, widget=forms.RadioSelect
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=366, initial=90)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entity"].queryset = entities_for(user)
        self.fields["entity"].label_from_instance = lambda entity: entity.name
        if self.fields["entity"].queryset.count() == 1:
            self.fields["entity"].initial = self.fields["entity"].queryset.first()
