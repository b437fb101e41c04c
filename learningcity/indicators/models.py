"""Frameworks that initiatives and indicators are classified under.

A framework is a tree of nodes: the UNESCO Key Features of Learning Cities (3 groups, 12
areas), the Human Capability Development Program's pillars, or any local set. Nodes are
data, so a programme manager can add features under an area.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField
from learningcity.core.files import private_document_field
from learningcity.core.models import TimeStampedModel


class Framework(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = BilingualField(_("name"), max_length=255)
    description = BilingualField(_("description"), models.TextField, required=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return self.name


class FrameworkNode(TimeStampedModel):
    """A group, area, pillar or feature within a framework."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.SlugField(_("code"), max_length=60)
    name = BilingualField(_("name"), max_length=255)
    description = BilingualField(_("description"), models.TextField, required=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["framework_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="framework_node_code_unique")
        ]
        verbose_name = _("framework element")
        verbose_name_plural = _("framework elements")

    def __str__(self) -> str:
        return self.name


class Unit(models.TextChoices):
    COUNT = "count", _("Count")
    PERCENT = "percent", _("Percent")
    SAR = "sar", _("Saudi riyals")
    HOURS = "hours", _("Hours")
    RATIO = "ratio", _("Ratio")
    SCORE = "score", _("Score")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class Aggregation(models.TextChoices):
    """How values combine over time (months into a year) and over places (governorates into a
    city, cities into the region). Over places, "latest" adds up like "sum": a stock counted
    in every governorate at the same moment."""

    SUM = "sum", _("Sum")
    WEIGHTED_MEAN = "weighted_mean", _("Weighted mean")
    LATEST = "latest", _("Latest value")
    MAX = "max", _("Maximum")


class Indicator(TimeStampedModel):
    """A performance indicator (مؤشر أداء) with its definition, calculation and targets."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = BilingualField(_("name"), max_length=255)
    definition = BilingualField(_("definition"), models.TextField, required=False)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    numerator = BilingualField(_("numerator"), max_length=255, required=False)
    denominator = BilingualField(_("denominator"), max_length=255, required=False)
    # Empty for an indicator reported by people; otherwise the key of the function in
    # learningcity.indicators.calculations that calculates it from the platform's own data.
    computed_key = models.CharField(_("computed from the platform's data"), max_length=60, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    data_source = BilingualField(_("data source"), max_length=255, required=False)
    owner_entity = models.ForeignKey(
        "partners.Entity",
        verbose_name=_("owner entity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )
    allowed_disaggregations = models.JSONField(_("allowed breakdowns"), default=list, blank=True)
    aggregation = models.CharField(
        _("aggregation rule"), max_length=20, choices=Aggregation.choices, default=Aggregation.SUM
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    # Worse than the target by no more than this share (in percent of the target): "at risk";
    # worse still: "off track".
    at_risk_margin = models.DecimalField(
        _("at-risk margin (%)"), max_digits=5, decimal_places=2, default=Decimal("10")
    )
    allow_over_100 = models.BooleanField(_("percentages may exceed 100"), default=False)
    is_public = models.BooleanField(_("published on the open data pages"), default=False)
    framework_nodes = models.ManyToManyField(
        FrameworkNode, verbose_name=_("frameworks"), related_name="indicators", blank=True
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("performance indicator")
        verbose_name_plural = _("performance indicators")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.pk])

    def clean(self) -> None:
        from learningcity.core.disaggregation import Dimension

        unknown = set(self.allowed_disaggregations or []) - set(Dimension.values)
        if unknown:
            raise ValidationError({"allowed_disaggregations": _("Unknown breakdown.")})


class IndicatorTarget(models.Model):
    """The target for one period (the period's first day, aligned to the indicator's frequency)
    — for a whole region, or for one learning city. A target without a region was set before
    the platform served more than one and holds for every region."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period_start = models.DateField(_("period"))
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    learning_city = models.ForeignKey(
        "core.LearningCity",
        verbose_name=_("learning city"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=4)

    class Meta:
        ordering = ["indicator_id", "period_start"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_start}: {self.value}"


class MeasurementStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for verification")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned for correction")


class Measurement(TimeStampedModel):
    """One value: indicator × period × place × (optional) breakdown category.

    The place is the region, a learning city or a governorate; `scope` spells it as one key
    ("region:madinah-region", "city:yanbu", "governorate:badr") so that uniqueness holds on
    every database without NULLs in the key.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period_start = models.DateField(_("period"), db_index=True)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    learning_city = models.ForeignKey(
        "core.LearningCity",
        verbose_name=_("learning city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    governorate = models.ForeignKey(
        "core.Governorate",
        verbose_name=_("governorate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    scope = models.CharField(max_length=80, editable=False)
    dimension = models.CharField(_("breakdown"), max_length=20, blank=True)
    category = models.CharField(_("category"), max_length=40, blank=True)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    numerator = models.DecimalField(_("numerator"), max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(
        _("denominator"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeasurementStatus.choices,
        default=MeasurementStatus.SUBMITTED,
        db_index=True,
    )
    comment = models.TextField(_("comment"), blank=True)
    evidence = private_document_field(_("evidence"), "indicators/evidence/", blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    is_computed = models.BooleanField(_("computed by the platform"), default=False)

    class Meta:
        ordering = ["indicator_id", "period_start", "scope", "dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "scope", "dimension", "category"],
                name="measurement_unique_cell",
            )
        ]
        indexes = [
            # Also covers the scorecard's read (selectors._cells_by_indicator: 20,000 rows at
            # regional scale) so it never visits the table: 34 → 20 ms on SQLite.
            models.Index(
                fields=["indicator", "status", "period_start", "dimension", "scope", "value", "denominator"],
                name="measurement_indicator_status",
            ),
            # A place's values, whichever indicators they are: the scorecard of one region
            # on a platform serving thirteen reads its own places' rows, not every region's
            # window of values (bench/bench_indicators.py at national scale: 315,000 rows).
            models.Index(
                fields=["scope", "dimension", "status", "period_start", "indicator", "value", "denominator"],
                name="measurement_place_period",
            ),
        ]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_start} {self.scope} {self.dimension}={self.category}: {self.value}"

    def save(self, *args, **kwargs) -> None:
        # The uniqueness key follows the place fields on every write path.
        self.scope = scope_key(self.region_id, self.learning_city_id, self.governorate_id)
        super().save(*args, **kwargs)

    derived_fields = ("scope",)


def scope_key(region_id: int | None, learning_city_id: int | None, governorate_id: int | None) -> str:
    if governorate_id:
        return f"governorate:{governorate_id}"
    if learning_city_id:
        return f"city:{learning_city_id}"
    return f"region:{region_id}"


class MeasurementRevision(models.Model):
    """The value a verified measurement had before someone changed it."""

    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="revisions")
    value = models.DecimalField(max_digits=16, decimal_places=4)
    status = models.CharField(max_length=20, choices=MeasurementStatus.choices)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.measurement_id}: {self.value}"


class RuleKind(models.TextChoices):
    RANGE = "range", _("Within a range")
    WHOLE_NUMBER = "whole", _("A whole number")
    CHANGE = "change", _("Change from the previous period")
    COMPARISON = "comparison", _("Comparison between values")


class RuleImportance(models.TextChoices):
    BLOCKING = "blocking", _("Blocks submission")
    WARNING = "warning", _("Warns")


class RuleOperator(models.TextChoices):
    EQUAL = "eq", "="
    AT_MOST = "le", "≤"
    AT_LEAST = "ge", "≥"


class ValidationRule(TimeStampedModel):
    """A check on reported values (DHIS2's validation rules), run as people type, on submission,
    on import, on the API and as a report for managers.

    A range, whole-number or change rule is about one indicator's total; a comparison reads
    any indicators and breakdowns of one period and place, written as sums:
    `LC-01[sex:female] + LC-01[sex:male]` = `LC-01`, or `LC-18` ≤ `population`
    (see learningcity.indicators.rules for the syntax)."""

    name = BilingualField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=RuleKind.choices)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rules",
    )
    minimum = models.DecimalField(_("minimum"), max_digits=16, decimal_places=4, null=True, blank=True)
    maximum = models.DecimalField(_("maximum"), max_digits=16, decimal_places=4, null=True, blank=True)
    max_change_percent = models.DecimalField(
        _("largest change from the previous period (%)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    left = models.CharField(_("left side"), max_length=500, blank=True)
    operator = models.CharField(
        _("comparison"), max_length=2, choices=RuleOperator.choices, default=RuleOperator.EQUAL
    )
    right = models.CharField(_("right side"), max_length=500, blank=True)
    # The indicators a comparison reads (worked out from its two sides by the service), so
    # that a value reported for one of them finds the rules to run.
    reads = models.ManyToManyField(Indicator, related_name="comparison_rules", blank=True, editable=False)
    importance = models.CharField(
        _("importance"), max_length=10, choices=RuleImportance.choices, default=RuleImportance.BLOCKING
    )
    message = BilingualField(_("message shown when the rule fails"), max_length=500, required=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")

    def __str__(self) -> str:
        return self.name


class LockedPeriod(models.Model):
    """An approved period of a place: its values for this indicator change only after the
    approver unlocks it. Every write of a value asks (indicators.services._write)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="locked_periods")
    period_start = models.DateField(_("period"))
    scope = models.CharField(max_length=80)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    locked_at = models.DateTimeField(_("locked at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "scope"], name="locked_period_unique"
            )
        ]
        verbose_name = _("locked period")
        verbose_name_plural = _("locked periods")

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_start} {self.scope}"


class ActionPlan(TimeStampedModel):
    """What a programme does about an indicator off its curve (Clear Impact's "turn the curve"):
    the story behind the curve, the partners with a role to play, what works, and actions —
    action items followed in the tracker like any other."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="action_plans"
    )
    story = BilingualField(_("the story behind the curve"), models.TextField)
    what_works = BilingualField(_("what works"), models.TextField, required=False)
    partners = models.ManyToManyField(
        "partners.Entity", verbose_name=_("partners with a role to play"), related_name="+", blank=True
    )
    actions = models.ManyToManyField("coordination.ActionItem", related_name="action_plans", blank=True)
    is_closed = models.BooleanField(_("closed"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["is_closed", "-created_at"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.story[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:action_plan", args=[self.pk])
