from __future__ import annotations

from typing import Any

from django import template

from learningcity.core import assurance
from learningcity.identity.models import LinkedIdentity
from learningcity.identity.providers import configured

register = template.Library()


@register.inclusion_tag("identity/sign_in_buttons.html", takes_context=True)
def sign_in_buttons(context: dict[str, Any], next_url: str = "") -> dict[str, Any]:
    """A button per configured provider, the national single sign-on first; nothing when
    none is configured."""
    providers = configured("national") + configured("organisation")
    return {"providers": providers, "next": next_url}


@register.inclusion_tag("identity/identities_section.html", takes_context=True)
def identities_section(context: dict[str, Any]) -> dict[str, Any]:
    user = context["user"]
    linked = list(LinkedIdentity.objects.filter(user=user).order_by("created_at"))
    linked_names = {identity.provider for identity in linked}
    by_name = {source.name: source for source in configured()}
    return {
        "linked": [(identity, by_name.get(identity.provider)) for identity in linked],
        "to_link": [
            source
            for source in configured()
            if source.name not in linked_names and (source.kind == "national") == (user.role == "learner")
        ],
        "level": assurance.LEVEL_LABELS[assurance.level_of(user)],
        "csrf_token": context.get("csrf_token"),
    }
