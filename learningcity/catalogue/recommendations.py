"""Opportunities for you: what to suggest to a signed-in learner, and why.

Only opportunities the learner can actually take are suggested: published, with a session to
come, open to their sex and age group, in their governorate or online, offering everything
they said they need to take part, and not already taken or booked. An opportunity designed
for a disability (or taught in sign language) is open to everyone who finds it, but it is
suggested only to a learner who said they need what it was designed around: offering a
course for blind learners to someone who said nothing of the kind tells them what the
platform assumes about them. Among those, the score
favours what they said they would like to learn (their interests) and what builds on skills
they have completed (a new skill in the same group), then the soonest session. Each
suggestion carries its reasons, in the learner's language, shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from learningcity.catalogue.models import (
    AccessNeed,
    AudienceSex,
    DisabilityKind,
    Learner,
    Opportunity,
    OpportunityDisability,
    OpportunityStatus,
    OpportunityType,
    Registration,
    RegistrationStatus,
    TeachingLanguage,
)
from learningcity.core.disaggregation import Sex

AUDIENCE_FOR = {Sex.MALE: AudienceSex.MEN, Sex.FEMALE: AudienceSex.WOMEN}
# What a learner who needs it says of themselves, for each disability an opportunity can be
# designed for.
NEED_BEHIND = {
    DisabilityKind.VISUAL: AccessNeed.BRAILLE,
    DisabilityKind.HEARING: AccessNeed.SIGN_LANGUAGE,
    DisabilityKind.PHYSICAL: AccessNeed.WHEELCHAIR,
    DisabilityKind.INTELLECTUAL: AccessNeed.EASY_READ,
    DisabilityKind.AUTISM: AccessNeed.EASY_READ,
    DisabilityKind.LEARNING: AccessNeed.EASY_READ,
}


@dataclass
class Suggestion:
    opportunity: Opportunity
    reasons: list[str] = field(default_factory=list)
    score: int = 0


def suitable_opportunities(learner: Learner) -> QuerySet[Opportunity]:
    """What `learner` could register for: the hard conditions, before any ranking."""
    opportunities = Opportunity.objects.filter(
        status=OpportunityStatus.PUBLISHED, upcoming_session_at__isnull=False
    ).filter(Q(governorate_id=learner.governorate_id) | Q(opportunity_type=OpportunityType.ELEARNING))
    audience = [AudienceSex.EVERYONE, *([AUDIENCE_FOR[learner.sex]] if learner.sex in AUDIENCE_FOR else [])]
    opportunities = opportunities.filter(audience_sex__in=audience)
    opportunities = opportunities.filter(
        Q(age_groups__isnull=True) | Q(age_groups__age_group=learner.age_group)
    )
    needs = set(learner.access_needs or [])
    for need in needs:
        if need in AccessNeed.values:
            opportunities = opportunities.filter(**{need: True})
    opportunities = opportunities.filter(_designed_for_everyone_or_them(needs))
    taken = Registration.objects.filter(learner=learner).exclude(status=RegistrationStatus.CANCELLED)
    return opportunities.exclude(pk__in=taken.values("session__opportunity_id")).distinct()


def _designed_for_everyone_or_them(needs: set[str]) -> Q:
    """Opportunities designed for no disability, or for one behind a need the learner has."""
    designed = OpportunityDisability.objects.filter(opportunity=OuterRef("pk"))
    theirs = [kind for kind, need in NEED_BEHIND.items() if need in needs]
    condition = ~Exists(designed) | Exists(designed.filter(kind__in=theirs))
    if AccessNeed.SIGN_LANGUAGE not in needs:
        condition &= ~Q(language=TeachingLanguage.SIGN)
    return condition


def opportunities_for(
    learner: Learner, limit: int = 4, candidates: int = 60, teaching: set[int] | None = None
) -> list[Suggestion]:
    """Up to `limit` suggestions with their reasons (a fixed number of queries); with
    `teaching`, only opportunities that teach one of those skills (by id)."""
    interests = {group.pk: group for group in learner.interests.all()}
    completed = {
        skill.pk: skill
        for registration in Registration.objects.filter(learner=learner, completed_at__isnull=False)
        .select_related("session__opportunity")
        .prefetch_related("session__opportunity__skills")
        for skill in registration.session.opportunity.skills.all()
    }
    completed_groups = {skill.group_id: skill for skill in completed.values()}
    suitable = suitable_opportunities(learner)
    if teaching is not None:
        suitable = suitable.filter(skills__in=teaching).distinct()
    pool = (
        suitable.select_related("governorate", "provider")
        .prefetch_related("skills__group")
        .order_by("upcoming_session_at", "pk")[:candidates]
    )
    suggestions = []
    for opportunity in pool:
        skills = list(opportunity.skills.all())
        new_skills = [skill for skill in skills if skill.pk not in completed]
        if skills and not new_skills:
            continue  # teaches nothing they have not completed
        suggestion = Suggestion(opportunity)
        liked = next((interests[skill.group_id] for skill in new_skills if skill.group_id in interests), None)
        if liked is not None:
            suggestion.score += 3
            suggestion.reasons.append(_("Matches your interest in %(group)s.") % {"group": liked.name})
        builds_on = next(
            (completed_groups[s.group_id] for s in new_skills if s.group_id in completed_groups), None
        )
        if builds_on is not None:
            suggestion.score += 2
            suggestion.reasons.append(
                _("Builds on %(skill)s, which you completed.") % {"skill": builds_on.name}
            )
        if opportunity.featured:
            suggestion.score += 1
        if opportunity.opportunity_type == OpportunityType.ELEARNING:
            suggestion.reasons.append(_("Online: take part from wherever you are."))
        else:
            suggestion.reasons.append(
                _("In %(governorate)s, where you live.") % {"governorate": opportunity.governorate.name}
            )
        if learner.access_needs:
            needs = [str(label) for value, label in AccessNeed.choices if value in learner.access_needs]
            separator = pgettext("list separator", ", ")
            suggestion.reasons.append(
                _("Offers what you need: %(needs)s.") % {"needs": separator.join(needs)}
            )
        suggestions.append(suggestion)
    suggestions.sort(key=lambda item: -item.score)  # stable: the soonest first among equals
    for suggestion in suggestions:
        suggestion.opportunity.next_session_at = suggestion.opportunity.upcoming_session_at  # for the card
    return suggestions[:limit]


def suggestions_for_user(user: Any, limit: int = 3) -> list[Suggestion]:
    """The home page's "opportunities for you": only for a signed-in learner."""
    if not getattr(user, "is_authenticated", False) or user.is_staff_member:
        return []  # (staff have no learner record: no query spent looking for one)
    learner = Learner.objects.filter(user=user).first()
    return opportunities_for(learner, limit=limit) if learner is not None else []
