"""What an action needs of a person (core/assurance.py), said before they start."""

from __future__ import annotations

from typing import Any

from django import template

from learningcity.core import assurance

register = template.Library()


@register.inclusion_tag("includes/assurance_note.html", takes_context=True)
def assurance_note(context: dict[str, Any], action: str) -> dict[str, Any]:
    """What `action` needs, said before the person starts, and the way to it if they lack it;
    nothing when a password is enough."""
    if assurance.required(action) == assurance.PASSWORD:
        return {"show": False}
    user = context.get("user")
    return {
        "show": True,
        "text": assurance.explain(action),
        "met": bool(user and user.is_authenticated and assurance.meets(user, action)),
        "way": assurance.way_forward(action),
    }
