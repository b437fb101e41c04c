"""A learner's progress along a pathway, and the opportunities to take next.

A step is done when the learner completed a session of its opportunity, booked when they
hold a place (or wait for one) in a session to come, otherwise to do. The skills still to gain
are the pathway's skills that no completed opportunity taught them; the next opportunities
are suggestions (catalogue/recommendations.py) teaching those skills that the learner can
take, pathway steps first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.catalogue.models import Learner, Registration, RegistrationStatus
from learningcity.catalogue.recommendations import Suggestion, opportunities_for
from learningcity.skills.models import Pathway, Skill


@dataclass
class StepProgress:
    step: Any
    status: str  # "done", "booked", "to do"


@dataclass
class PathwayProgress:
    pathway: Pathway
    steps: list[StepProgress] = field(default_factory=list)
    skills_to_gain: list[Skill] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(step.status == "done" for step in self.steps)

    @property
    def started(self) -> bool:
        return any(step.status != "to do" for step in self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done / len(self.steps)) if self.steps else 0


def _learner_state(learner: Learner) -> tuple[set[int], set[int], set[int]]:
    """(opportunity ids completed, opportunity ids booked, skill ids completed)."""
    registrations = Registration.objects.filter(learner=learner).exclude(status=RegistrationStatus.CANCELLED)
    completed = set(
        registrations.filter(completed_at__isnull=False).values_list("session__opportunity_id", flat=True)
    )
    booked = set(
        registrations.filter(completed_at__isnull=True, session__starts_at__gt=timezone.now()).values_list(
            "session__opportunity_id", flat=True
        )
    )
    skills = set(Skill.objects.filter(opportunities__in=completed).values_list("pk", flat=True))
    return completed, booked, skills


def progress(learner: Learner | None, pathways: list[Pathway]) -> list[PathwayProgress]:
    """Progress along each of `pathways` (prefetched with steps and skills)."""
    completed, booked, skills_done = _learner_state(learner) if learner else (set(), set(), set())
    result = []
    for pathway in pathways:
        steps = [
            StepProgress(
                step,
                "done"
                if step.opportunity_id in completed
                else "booked"
                if step.opportunity_id in booked
                else "to do",
            )
            for step in pathway.steps.all()
        ]
        to_gain = [skill for skill in pathway.skills.all() if skill.pk not in skills_done]
        result.append(PathwayProgress(pathway, steps, to_gain))
    return result


def next_opportunities(
    learner: Learner, pathway_progress: PathwayProgress, limit: int = 3
) -> list[Suggestion]:
    """What to take next towards the pathway's skills still to gain, with the reasons."""
    wanted = {skill.pk: skill for skill in pathway_progress.skills_to_gain}
    if not wanted:
        return []
    suggestions = opportunities_for(learner, limit=limit, teaching=set(wanted))
    in_pathway = {step.step.opportunity_id for step in pathway_progress.steps}
    for suggestion in suggestions:
        skill = next(s for s in suggestion.opportunity.skills.all() if s.pk in wanted)
        suggestion.reasons.insert(
            0,
            _("Teaches %(skill)s, a skill of this pathway you have not gained yet.") % {"skill": skill.name},
        )
        if suggestion.opportunity.pk in in_pathway:
            suggestion.score += 10
    suggestions.sort(key=lambda item: -item.score)
    return suggestions
