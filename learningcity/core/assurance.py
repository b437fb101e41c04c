"""How sure the platform is of who a person is, and how sure it must be before an action.

Three levels, each above the last: a password (an account anyone could open), a verified mobile
number (a code reached the number: catalogue), the national identity (the national single
sign-on vouched for the person: identity). ASSURANCE_REQUIRED in settings names the level each
action needs (registering for a session, receiving a certificate, becoming a coordinator).
Core knows only the levels; the apps that can prove one register how it is held and where a
person goes to reach it (core imports no feature app)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PASSWORD, VERIFIED_MOBILE, NATIONAL_IDENTITY = "password", "verified_mobile", "national_identity"
LEVELS = (PASSWORD, VERIFIED_MOBILE, NATIONAL_IDENTITY)
LEVEL_LABELS = {
    PASSWORD: _("an account with a password"),
    VERIFIED_MOBILE: _("a verified mobile number"),
    NATIONAL_IDENTITY: _("the national single sign-on"),
}
ACTIONS = {
    "register": _("Registering for a session"),
    "certificate": _("Receiving a certificate"),
    "coordinator": _("Becoming a coordinator"),
}


@dataclass(frozen=True)
class Proof:
    holds: Callable[[Any], bool]  # does this person hold the level?
    way: Callable[[], tuple[str, str] | None]  # (what to do, address), when there is a way


_PROOFS: dict[str, Proof] = {}


def register_proof(
    level: str, *, holds: Callable[[Any], bool], way: Callable[[], tuple[str, str] | None]
) -> None:
    _PROOFS[level] = Proof(holds, way)


def level_of(user: Any) -> str:
    """The highest level `user` holds (a password, at least, once signed in)."""
    held = PASSWORD
    for level in LEVELS[1:]:
        proof = _PROOFS.get(level)
        if proof is not None and getattr(user, "is_authenticated", False) and proof.holds(user):
            held = level
    return held


def required(action: str) -> str:
    return settings.ASSURANCE_REQUIRED.get(action, PASSWORD)


def meets(user: Any, action: str) -> bool:
    needed = required(action)
    # A password is every account's level: no need to look further (most actions, by default).
    return needed == PASSWORD or LEVELS.index(level_of(user)) >= LEVELS.index(needed)


def way_forward(action: str) -> tuple[str, str] | None:
    """What the person can do to reach the level `action` needs: (label, address), or None."""
    proof = _PROOFS.get(required(action))
    return proof.way() if proof is not None else None


def explain(action: str) -> str:
    """ "Registering for a session needs: a verified mobile number." — shown before one starts."""
    return _("%(action)s needs: %(level)s.") % {
        "action": ACTIONS[action],
        "level": LEVEL_LABELS[required(action)],
    }


def require(user: Any, action: str, *, field: str | None = None) -> None:
    """Refuse the action, saying what it needs, when `user` does not hold that level."""
    if meets(user, action):
        return
    message = explain(action)
    raise ValidationError({field: [message]} if field else message, code="assurance")
