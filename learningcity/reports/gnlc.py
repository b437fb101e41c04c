"""The GNLC biennial progress report pack: sections organised by the UNESCO Key Features
(3 groups, 12 areas, read from the seeded framework) and by the six areas of action of the
Guidelines for Building Learning Cities, each with the platform's statistics for the two-year
window beside the narrative the programme manager writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.catalogue.models import Campaign, Opportunity, OpportunityStatus
from learningcity.core.templatetags.lc import num
from learningcity.indicators.models import FrameworkNode, Indicator, Measurement, MeasurementStatus
from learningcity.indicators.reference import UNESCO_FRAMEWORK
from learningcity.indicators.selectors import Tile, scorecard
from learningcity.programme.models import Evaluation, Milestone, Track
from learningcity.reports.city import CityReport, ReportScope, city_report
from learningcity.reports.models import GnlcReport

GUIDELINE_AREAS = (
    ("plan", gettext_lazy("Developing a plan for building a learning city")),
    ("structure", gettext_lazy("Creating a coordinated structure involving all stakeholders")),
    ("celebration", gettext_lazy("Initiating and maintaining the process with celebratory events")),
    ("access", gettext_lazy("Making sure that learning is accessible to all")),
    ("monitoring", gettext_lazy("Establishing a monitoring and evaluation process")),
    ("funding", gettext_lazy("Ensuring sustainable funding")),
)
OVERVIEW_KEY = "overview"
# Initiatives named under each Key Features area in the PDF; the workbook names them all.
INITIATIVES_PER_AREA = 12


@dataclass
class Section:
    key: str
    title: str
    statistics: list[tuple[str, str]] = field(default_factory=list)
    indicators: list[Tile] = field(default_factory=list)
    initiatives: list[Any] = field(default_factory=list)
    narrative_ar: str = ""
    narrative_en: str = ""


@dataclass
class Group:
    title: str
    areas: list[Section]


@dataclass
class GnlcPack:
    report: GnlcReport
    scope: ReportScope
    city: CityReport
    overview: Section
    key_features: list[Group]
    guidelines: list[Section]

    def sections(self) -> list[Section]:
        return [self.overview] + [a for g in self.key_features for a in g.areas] + self.guidelines


def report_scope(report: GnlcReport) -> ReportScope:
    return ReportScope(
        region=report.region,
        learning_city=report.learning_city,
        start=report.period_start,
        end=report.period_end,
    )


def narrative_keys() -> list[str]:
    """Every section a narrative can be written for, in the pack's order."""
    areas = FrameworkNode.objects.filter(
        framework__code=UNESCO_FRAMEWORK, parent__isnull=False, parent__parent__isnull=True
    )
    return (
        [OVERVIEW_KEY]
        + [f"kf:{code}" for code in areas.values_list("code", flat=True)]
        + [f"guideline:{key}" for key, _label in GUIDELINE_AREAS]
    )


def section_titles() -> dict[str, str]:
    areas = FrameworkNode.objects.filter(
        framework__code=UNESCO_FRAMEWORK, parent__isnull=False, parent__parent__isnull=True
    )
    titles = {OVERVIEW_KEY: _("Overview of the learning city")}
    titles.update({f"kf:{area.code}": area.name for area in areas})
    titles.update({f"guideline:{key}": str(label) for key, label in GUIDELINE_AREAS})
    return titles


def build_pack(report: GnlcReport) -> GnlcPack:
    scope = report_scope(report)
    city = city_report(scope)
    pack = GnlcPack(
        report=report,
        scope=scope,
        city=city,
        overview=_section(report, OVERVIEW_KEY, _("Overview of the learning city"), _overview(city)),
        key_features=_key_features(report, scope),
        guidelines=[
            _section(report, f"guideline:{key}", str(label), GUIDELINE_STATISTICS[key](scope, city))
            for key, label in GUIDELINE_AREAS
        ],
    )
    return pack


def _section(report: GnlcReport, key: str, title: str, statistics: list[tuple[str, str]]) -> Section:
    return Section(
        key=key,
        title=title,
        statistics=statistics,
        narrative_ar=report.narrative(key, "ar"),
        narrative_en=report.narrative(key, "en"),
    )


def _overview(city: CityReport) -> list[tuple[str, str]]:
    return [
        (_("Initiatives in the period"), num(city.initiatives_total, 0)),
        (_("Beneficiaries reached"), num(city.beneficiaries_total, 0)),
        (_("Learners registered"), num(city.learners_total, 0)),
        (_("Learning hours completed"), num(city.learning_hours, 0)),
        (_("Active partner entities"), num(city.partners_total, 0)),
    ]


def _key_features(report: GnlcReport, scope: ReportScope) -> list[Group]:
    nodes = list(FrameworkNode.objects.filter(framework__code=UNESCO_FRAMEWORK).order_by("position", "pk"))
    groups = [n for n in nodes if n.parent_id is None]
    areas = [n for n in nodes if n.parent_id in {g.pk for g in groups}]
    # An indicator or initiative counts for an area when it is linked to the area or to a
    # feature under it.
    area_of = {a.pk: a.pk for a in areas}
    for node in nodes:
        if node.parent_id in area_of:
            area_of[node.pk] = area_of[node.parent_id]
    indicators_by_area: dict[int, list[Indicator]] = {a.pk: [] for a in areas}
    links = Indicator.framework_nodes.through.objects.filter(frameworknode_id__in=area_of).select_related(
        "indicator"
    )
    for link in links:
        bucket = indicators_by_area[area_of[link.frameworknode_id]]
        if link.indicator not in bucket:
            bucket.append(link.indicator)
    all_indicators = {i.pk: i for bucket in indicators_by_area.values() for i in bucket}
    tiles = {
        tile.indicator.pk: tile
        for tile in scorecard(
            indicators=list(all_indicators.values()), scope=scope.indicator_scope, until=scope.end
        )
    }
    initiatives = scope.initiatives().filter(framework_nodes__in=list(area_of)).distinct()
    initiatives_by_area: dict[int, list[Any]] = {a.pk: [] for a in areas}
    initiative_links = initiatives.model.framework_nodes.through.objects.filter(
        initiative__in=initiatives, frameworknode_id__in=area_of
    ).select_related("initiative")
    for link in initiative_links.order_by("initiative__code"):
        bucket = initiatives_by_area[area_of[link.frameworknode_id]]
        if link.initiative not in bucket:
            bucket.append(link.initiative)
    result = []
    for group in groups:
        sections = []
        for area in (a for a in areas if a.parent_id == group.pk):
            area_initiatives = initiatives_by_area[area.pk]
            statistics = [
                (_("Initiatives linked to this area"), num(len(area_initiatives), 0)),
                (_("Indicators measuring this area"), num(len(indicators_by_area[area.pk]), 0)),
            ]
            section = _section(report, f"kf:{area.code}", area.name, statistics)
            section.indicators = [tiles[i.pk] for i in indicators_by_area[area.pk] if i.pk in tiles]
            section.initiatives = area_initiatives
            sections.append(section)
        result.append(Group(title=group.name, areas=sections))
    return result


def _plan(scope: ReportScope, city: CityReport) -> list[tuple[str, str]]:
    milestones = Milestone.objects.filter(
        initiative__in=scope.initiatives(), due_date__range=(scope.start, scope.end)
    )
    counts = milestones.aggregate(due=Count("pk"), done=Count("pk", filter=Q(completed_on__isnull=False)))
    return [
        (_("Axes of the roadmap"), num(len(city.axes), 0)),
        (_("Tracks"), num(Track.objects.filter(initiatives__in=scope.initiatives()).distinct().count(), 0)),
        (_("Initiatives in the period"), num(city.initiatives_total, 0)),
        (_("Average initiative progress"), f"{num(city.average_progress, 1)}%"),
        (_("Milestones due in the period"), num(counts["due"], 0)),
        (_("Milestones completed"), num(counts["done"], 0)),
    ]


def _structure(scope: ReportScope, city: CityReport) -> list[tuple[str, str]]:
    rows = [(str(s.label), num(s.entities, 0)) for s in city.sectors if s.entities]
    rate = city.implementation_rate
    return [
        (_("Active partner entities"), num(city.partners_total, 0)),
        *rows,
        (_("Coordination meetings held"), num(city.meetings_held, 0)),
        (_("Decisions taken"), num(city.decisions, 0)),
        (_("Implementation rate"), "—" if rate is None else f"{num(rate, 0)}%"),
    ]


def _opportunities(scope: ReportScope) -> Any:
    opportunities = Opportunity.objects.exclude(status=OpportunityStatus.DRAFT).filter(
        sessions__starts_at__date__range=(scope.start, scope.end)
    )
    if scope.learning_city:
        return opportunities.filter(learning_city=scope.learning_city).distinct()
    return opportunities.filter(governorate__region=scope.region).distinct()


def _celebration(scope: ReportScope, city: CityReport) -> list[tuple[str, str]]:
    campaigns = Campaign.objects.filter(starts_on__lte=scope.end, ends_on__gte=scope.start)
    events = _opportunities(scope).filter(opportunity_type__in=["event", "lecture"])
    festival_events = sum(row.accepted for row in city.festivals)
    return [
        (_("Awareness campaigns"), num(campaigns.count(), 0)),
        (_("Events and lectures held"), num(events.count(), 0)),
        (_("Learning festivals"), num(len(city.festivals), 0)),
        (_("Learning festival events"), num(festival_events, 0)),
        (_("Hosts of learning festival events"), num(sum(row.hosts for row in city.festivals), 0)),
    ]


def _access(scope: ReportScope, city: CityReport) -> list[tuple[str, str]]:
    opportunities = _opportunities(scope)
    accessible = (
        Q(wheelchair_access=True) | Q(sign_language=True) | Q(braille_large_print=True) | Q(easy_read=True)
    )
    counts = opportunities.aggregate(
        total=Count("pk", distinct=True),
        free=Count("pk", filter=Q(fee=0) | Q(fee__isnull=True), distinct=True),
        accessible=Count("pk", filter=accessible, distinct=True),
    )
    disability = next((b for b in city.learners if b.dimension == "disability"), None)
    with_disability = dict(disability.rows).get(_("With a disability"), 0) if disability else 0
    return [
        (_("Learning opportunities offered"), num(counts["total"], 0)),
        (_("Free of charge"), num(counts["free"], 0)),
        (_("With accessibility features"), num(counts["accessible"], 0)),
        (_("Learners registered"), num(city.learners_total, 0)),
        (_("Learners with a disability"), num(with_disability, 0)),
        (_("Completions"), num(city.completions, 0)),
    ]


def _monitoring(scope: ReportScope, city: CityReport) -> list[tuple[str, str]]:
    verified = Measurement.objects.filter(
        status=MeasurementStatus.VERIFIED, period_start__range=(scope.start, scope.end)
    ).count()
    evaluations = Evaluation.objects.filter(
        initiative__in=scope.initiatives(), period_end__range=(scope.start, scope.end)
    )
    statuses = city.indicator_status_counts
    return [
        (_("Indicators followed"), num(len(city.indicators), 0)),
        (_("On track"), num(statuses.get("on_track", 0), 0)),
        (_("Verified values recorded"), num(verified, 0)),
        (_("Impact evaluations"), num(evaluations.count(), 0)),
        (_("Field challenges resolved"), num(city.challenges_resolved, 0)),
    ]


def _funding(scope: ReportScope, city: CityReport) -> list[tuple[str, str]]:
    budget = scope.initiatives().aggregate(total=Sum("budget"))["total"] or Decimal(0)
    rows = [(f"{_('Funding (SAR)')} — {s.label}", num(s.funding, 0)) for s in city.sectors if s.funding]
    return [
        (_("Budget of the period's initiatives (SAR)"), num(budget, 0)),
        (_("Funding from partners (SAR)"), num(city.funding_total, 0)),
        *rows,
        (_("Shared resources"), num(sum(s.resources for s in city.sectors), 0)),
    ]


GUIDELINE_STATISTICS = {
    "plan": _plan,
    "structure": _structure,
    "celebration": _celebration,
    "access": _access,
    "monitoring": _monitoring,
    "funding": _funding,
}


def version_text(narratives: dict[str, dict[str, str]]) -> str:
    """A version's narratives as text, section by section, for comparing two versions."""
    titles = section_titles()
    lines = []
    for key in narratives:
        lines.append(f"## {titles.get(key, key)}")
        for language in ("ar", "en"):
            text = narratives[key].get(language, "")
            if text:
                lines.extend(text.splitlines())
    return "\n".join(lines)
