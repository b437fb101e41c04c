"""The site navigation: one list, so each later area adds its entry here and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Any
    # Who sees the entry: "all", "signed_in" (any account but learners), "coordinator" or "manager".
    audience: str = "all"


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("core:home", _("Home")),
    NavItem("partners:list", _("Partners")),
    NavItem("coordination:meeting_list", _("Meetings"), "signed_in"),
    NavItem("coordination:my_action_items", _("My action items"), "coordinator"),
    NavItem("coordination:action_item_list", _("Action items"), "signed_in"),
    NavItem("core:geography", _("Learning cities")),
    NavItem("core:audit_log", _("Audit log"), "manager"),
)


def _visible(item: NavItem, user: Any) -> bool:
    if item.audience == "all":
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if item.audience == "manager":
        return user.is_programme_manager
    if item.audience == "coordinator":
        return user.is_coordinator
    return user.is_staff_member


def navigation_for(request: HttpRequest, user: Any) -> list[dict[str, Any]]:
    items = []
    for item in NAVIGATION:
        if not _visible(item, user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = request.path == url if item.url_name == "core:home" else request.path.startswith(url)
        items.append({"url": url, "label": item.label, "active": active})
    # Only the most specific match is current: on "My action items", "Action items" is not.
    matches = [entry for entry in items if entry["active"]]
    if matches:
        current = max(matches, key=lambda entry: len(entry["url"]))
        for entry in matches:
            entry["active"] = entry is current
    return items
