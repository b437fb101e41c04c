"""Impact evaluations scored on the OECD DAC criteria."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.files import private_document_field
from learningcity.core.models import TimeStampedModel
from learningcity.programme.models.initiatives import Initiative


class EvaluationMethod(models.TextChoices):
    SURVEY = "survey", _("Survey")
    PRE_POST = "pre_post", _("Pre/post test")
    OBSERVATION = "observation", _("Observation")
    ADMINISTRATIVE = "administrative", _("Administrative data")


class DacCriterion(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    COHERENCE = "coherence", _("Coherence")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    EFFICIENCY = "efficiency", _("Efficiency")
    IMPACT = "impact", _("Impact")
    SUSTAINABILITY = "sustainability", _("Sustainability")


class Evaluation(TimeStampedModel):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="evaluations"
    )
    method = models.CharField(_("method"), max_length=20, choices=EvaluationMethod.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    findings = models.TextField(_("findings"))
    evidence = private_document_field(_("evidence"), "evaluations/", blank=True)

    class Meta:
        ordering = ["-period_end", "pk"]
        verbose_name = _("impact evaluation")
        verbose_name_plural = _("impact evaluations")

    def __str__(self) -> str:
        return f"{self.initiative.code}: {self.get_method_display()} ({self.period_start}–{self.period_end})"

    @property
    def average_score(self) -> float | None:
        scores = [score.score for score in self.scores.all()]
        return round(sum(scores) / len(scores), 1) if scores else None


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(_("criterion"), max_length=20, choices=DacCriterion.choices)
    score = models.PositiveSmallIntegerField(
        _("score (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    narrative = models.TextField(_("narrative"), blank=True)

    class Meta:
        ordering = ["evaluation_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="evaluation_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()}: {self.score}"


class EvaluationRecommendation(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    action_item = models.OneToOneField(
        "coordination.ActionItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="from_recommendation",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return self.text[:80]
