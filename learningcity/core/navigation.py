"""The site navigation: one list, so each area adds its entries here and nowhere else.
Entries can be grouped into a menu (Coordination, Programme…) to keep the bar short."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Any
    # Who sees the entry: "all", "signed_in" (any account but learners), "signed_in_any"
    # (learners too), "coordinator",
    # "manager", "learner" or "provider" (someone who keeps an entity's opportunities).
    audience: str = "all"


@dataclass(frozen=True)
class NavGroup:
    label: Any
    items: tuple[NavItem, ...] = field(default_factory=tuple)


NAVIGATION: tuple[NavItem | NavGroup, ...] = (
    NavItem("home", _("Home")),
    NavGroup(
        _("Learning opportunities"),
        (
            NavItem("catalogue:search", _("Find a learning opportunity")),
            NavItem("catalogue:campaign_list", _("Awareness campaigns")),
            NavItem("festivals:list", _("Learning festivals")),
            NavItem("skills:pathway_list", _("Learning pathways")),
            NavItem("collaboration:story_list", _("Success stories")),
            NavItem("catalogue:my_learning", _("My learning"), "learner"),
            NavItem("catalogue:manage_list", _("Manage opportunities"), "provider"),
        ),
    ),
    NavItem("partners:list", _("Partners")),
    NavGroup(
        _("Coordination"),
        (
            NavItem("coordination:meeting_list", _("Meetings"), "signed_in"),
            NavItem("coordination:my_action_items", _("My action items"), "coordinator"),
            NavItem("coordination:action_item_list", _("Action items"), "signed_in"),
        ),
    ),
    NavGroup(
        _("Programme"),
        (
            NavItem("programme:roadmap", _("Roadmap"), "signed_in"),
            NavItem("programme:initiative_list", _("Initiatives"), "signed_in"),
            NavItem("programme:resource_list", _("Resources"), "signed_in"),
            NavItem("programme:challenge_list", _("Field challenges"), "signed_in"),
            NavItem("skills:gaps", _("Skills and the labour market"), "signed_in"),
            NavItem("collaboration:need_list", _("Partnership marketplace"), "signed_in"),
            NavItem("collaboration:practice_list", _("Practice library"), "signed_in"),
            NavItem("collaboration:channel_list", _("Track channels"), "signed_in"),
        ),
    ),
    NavGroup(
        _("Indicators"),
        (
            NavItem("indicators:dashboard", _("Dashboard"), "signed_in"),
            NavItem("indicators:list", _("Performance indicators"), "signed_in"),
            NavItem("indicators:framework", _("UNESCO Key Features"), "signed_in"),
            NavItem("indicators:verification", _("Values to verify"), "manager"),
            NavItem("datacollection:to_fill", _("Forms to fill"), "provider"),
            NavItem("datacollection:to_approve", _("Forms to approve"), "signed_in"),
            NavItem("datacollection:data_sets", _("Data sets"), "signed_in"),
            NavItem("indicators:public_list", _("Open indicators")),
            NavItem("reports:index", _("Reports"), "signed_in"),
        ),
    ),
    NavItem("core:geography", _("Learning cities")),
)
# The account menu, beside the person's name: what belongs to the account (its entity's API
# tokens) or to the managers' oversight rather than daily work, so the main bar fits one line
# at 1,366 px.
ACCOUNT_MENU: tuple[NavItem, ...] = (
    NavItem("my_work", _("What needs you"), "signed_in"),
    NavItem("accounts:profile", _("Your account"), "signed_in_any"),
    NavItem("exchange:token_list", _("API tokens"), "provider"),
    NavItem("admin:index", _("Back office"), "manager"),
    NavItem("core:audit_log", _("Audit log"), "manager"),
    NavItem("notifications:delivery_log", _("Messages sent"), "manager"),
)


def _visible(item: NavItem, user: Any) -> bool:
    if item.audience == "all":
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if item.audience == "signed_in_any":
        return True
    if item.audience == "manager":
        return user.is_programme_manager
    if item.audience == "coordinator":
        return user.is_coordinator
    if item.audience == "learner":
        return user.role == "learner"
    if item.audience == "provider":
        return user.is_programme_manager or user.is_coordinator
    return user.is_staff_member


def _entry(item: NavItem, request: HttpRequest) -> dict[str, Any] | None:
    try:
        url = reverse(item.url_name)
    except NoReverseMatch:
        return None
    active = request.path == url if item.url_name == "home" else request.path.startswith(url)
    return {"url": url, "label": item.label, "active": active}


def navigation_for(request: HttpRequest, user: Any) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for node in NAVIGATION:
        if isinstance(node, NavGroup):
            children = [_entry(item, request) for item in node.items if _visible(item, user)]
            children = [child for child in children if child]
            if children:
                entries.append({"label": node.label, "children": children})
                links.extend(children)
        elif _visible(node, user):
            entry = _entry(node, request)
            if entry:
                entries.append(entry)
                links.append(entry)
    # Only the most specific match is current: on "My action items", "Action items" is not.
    matches = [link for link in links if link["active"]]
    if matches:
        current = max(matches, key=lambda link: len(link["url"]))
        for link in matches:
            link["active"] = link is current
    for entry in entries:
        if "children" in entry:
            entry["active"] = any(child["active"] for child in entry["children"])
    return entries


def account_menu_for(request: HttpRequest, user: Any) -> list[dict[str, Any]]:
    entries = [_entry(item, request) for item in ACCOUNT_MENU if _visible(item, user)]
    return [entry for entry in entries if entry]
