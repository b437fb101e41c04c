"""Who may do what in the catalogue (tested as a matrix in tests/catalogue/test_permissions.py).

- Everyone, signed in or not: browse published opportunities, campaigns and providers, and
  verify a certificate.
- Learners: register for sessions and cancel their own registrations; see their own
  accommodation needs and certificates.
- Coordinators of the provider entity (and programme managers): keep the opportunity and its
  sessions, see and export registrants, mark attendance and completion, revoke certificates.
- A learner's accommodation needs appear only on the registrants page of sessions they
  registered for (so to that provider and managers), and to the learner.
"""

from __future__ import annotations

from typing import Any

from learningcity.partners.permissions import can_edit_entity, coordinated_entity_ids


def can_manage_opportunities(user: Any) -> bool:
    """Has somewhere to add opportunities: a manager, or a coordinator of at least one entity."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_programme_manager or bool(coordinated_entity_ids(user))


def can_edit_opportunity(user: Any, opportunity: Any) -> bool:
    return can_edit_entity(user, opportunity.provider_id)


def can_view_unpublished(user: Any, opportunity: Any) -> bool:
    return opportunity.is_public or can_edit_opportunity(user, opportunity)


def is_learner(user: Any) -> bool:
    # The role is checked first so that staff pages cost no extra query.
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == "learner"
        and hasattr(user, "learner")
    )


def can_cancel_registration(user: Any, registration: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if registration.learner.user_id == user.pk or _guardian_of(user, registration.learner):
        return True
    return can_edit_entity(user, registration.session.opportunity.provider_id)


def _guardian_of(user: Any, learner: Any) -> bool:
    """Whether `user` registered `learner` (group places: their child, their pupil)."""
    return learner.guardian_id is not None and learner.guardian.user_id == user.pk


def can_answer_offer(user: Any, registration: Any) -> bool:
    """Only the person offered a place takes it (staff may still let it go for them, as they
    may cancel: can_cancel_registration)."""
    return getattr(user, "is_authenticated", False) and registration.learner.user_id == user.pk
