"""The gap between the skills partners need and the learning offered, per skill and governorate.

For each (skill, governorate) that has demand or supply:
- needed: people the partners' active declarations ask for;
- trained: different people who completed an opportunity teaching the skill there;
- offered: published opportunities teaching it there; places: places in their sessions to come;
- still to train = needed − trained (not below 0);
- unmet = still to train − places (not below 0): the need nothing on offer will meet.
Rows are sorted by unmet, then by still to train. Four grouped queries, whatever the size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone

from learningcity.catalogue.models import Opportunity, OpportunityStatus, Registration, Session, SessionStatus
from learningcity.core.models import Governorate
from learningcity.skills.models import Skill, SkillDemand


@dataclass
class GapRow:
    skill: Skill
    governorate: Governorate
    needed: int = 0
    partners: int = 0
    pledged_funding: Decimal = Decimal(0)
    pledged_places: int = 0
    offered: int = 0
    places: int = 0
    trained: int = 0

    @property
    def still_to_train(self) -> int:
        return max(self.needed - self.trained, 0)

    @property
    def unmet(self) -> int:
        return max(self.still_to_train - self.places, 0)

    @property
    def met_share(self) -> int | None:
        """Per cent of the need already trained (None without a need)."""
        return min(round(100 * self.trained / self.needed), 100) if self.needed else None


def skill_gaps(filters: Mapping[str, Any] | None = None) -> list[GapRow]:
    """Filters: governorate (a Governorate), group (a SkillGroup), skill (a Skill)."""
    filters = filters or {}
    demand = SkillDemand.objects.filter(withdrawn_at__isnull=True)
    teaching = Opportunity.skills.through.objects.filter(opportunity__status=OpportunityStatus.PUBLISHED)
    sessions = Session.objects.filter(
        starts_at__gt=timezone.now(),
        status=SessionStatus.SCHEDULED,
        opportunity__status=OpportunityStatus.PUBLISHED,
    )
    completions = Registration.objects.filter(completed_at__isnull=False)
    if filters.get("governorate"):
        demand = demand.filter(governorate=filters["governorate"])
        teaching = teaching.filter(opportunity__governorate=filters["governorate"])
        sessions = sessions.filter(opportunity__governorate=filters["governorate"])
        completions = completions.filter(session__opportunity__governorate=filters["governorate"])
    for key, skill_filter in (("group", "group"), ("skill", "pk")):
        if filters.get(key):
            demand = demand.filter(**{f"skill__{skill_filter}": filters[key]})
            teaching = teaching.filter(**{f"skill__{skill_filter}": filters[key]})
            sessions = sessions.filter(**{f"opportunity__skills__{skill_filter}": filters[key]})
            completions = completions.filter(
                **{f"session__opportunity__skills__{skill_filter}": filters[key]}
            )

    cells: dict[tuple[int, int], dict[str, Any]] = defaultdict(dict)
    for row in demand.values("skill_id", "governorate_id").annotate(
        needed=Sum("people_needed"),
        partners=Count("entity_id", distinct=True),
        pledged_funding=Sum("pledged_funding"),
        pledged_places=Sum("pledged_places"),
    ):
        cells[(row["skill_id"], row["governorate_id"])].update(
            needed=row["needed"], partners=row["partners"],
            pledged_funding=row["pledged_funding"] or Decimal(0), pledged_places=row["pledged_places"] or 0,
        )  # fmt: skip
    for taught in teaching.values("skill_id", "opportunity__governorate_id").annotate(
        offered=Count("opportunity_id", distinct=True)
    ):
        cells[(taught["skill_id"], taught["opportunity__governorate_id"])]["offered"] = taught["offered"]
    for offered in (
        sessions.filter(opportunity__skills__isnull=False)
        .values("opportunity__skills", "opportunity__governorate_id")
        .annotate(places=Sum("capacity"))
    ):
        place = (offered["opportunity__skills"], offered["opportunity__governorate_id"])
        cells[place]["places"] = offered["places"]
    for completed in (
        completions.filter(session__opportunity__skills__isnull=False)
        .values("session__opportunity__skills", "session__opportunity__governorate_id")
        .annotate(trained=Count("learner_id", distinct=True))
    ):
        place = (completed["session__opportunity__skills"], completed["session__opportunity__governorate_id"])
        cells[place]["trained"] = completed["trained"]

    skills = Skill.objects.select_related("group").in_bulk({skill for skill, _ in cells})
    governorates = Governorate.objects.in_bulk({governorate for _, governorate in cells})
    rows = [
        GapRow(skill=skills[skill], governorate=governorates[governorate], **values)
        for (skill, governorate), values in cells.items()
        if skill in skills and governorate in governorates
    ]
    rows.sort(key=lambda row: (-row.unmet, -row.still_to_train, -row.needed, row.skill.name_ar))
    return rows


def unmet_by_governorate(rows: list[GapRow]) -> dict[int, int]:
    """People still needed after what is trained and on offer, per governorate id."""
    totals: dict[int, int] = defaultdict(int)
    for row in rows:
        totals[row.governorate.pk] += row.unmet
    return dict(totals)


def active_demand(filters: Mapping[str, Any] | None = None) -> Any:
    demand = SkillDemand.objects.filter(withdrawn_at__isnull=True).select_related(
        "skill__group", "governorate", "entity"
    )
    filters = filters or {}
    if filters.get("governorate"):
        demand = demand.filter(governorate=filters["governorate"])
    if filters.get("entity"):
        demand = demand.filter(entity=filters["entity"])
    return demand
