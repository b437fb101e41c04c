"""Data sets, the forms filled for them, and who approves those forms at each level."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField
from learningcity.core.models import Governorate, LearningCity, Region, TimeStampedModel
from learningcity.indicators.models import Frequency, Indicator


class DataSet(TimeStampedModel):
    """Indicators reported together, once per period, by the entities named, for each of the
    places named (DHIS2's data set)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = BilingualField(_("name"), max_length=255)
    frequency = models.CharField(
        _("period type"), max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicators"), related_name="data_sets")
    entities = models.ManyToManyField(
        "partners.Entity", verbose_name=_("reporting entities"), related_name="data_sets"
    )
    regions = models.ManyToManyField(Region, verbose_name=_("regions"), related_name="+", blank=True)
    learning_cities = models.ManyToManyField(
        LearningCity, verbose_name=_("learning cities"), related_name="+", blank=True
    )
    governorates = models.ManyToManyField(
        Governorate, verbose_name=_("governorates"), related_name="+", blank=True
    )
    days_to_report = models.PositiveSmallIntegerField(_("days to report after the period ends"), default=15)
    # The first period a form is due for: a data set set up today asks nothing of last year.
    opens_on = models.DateField(_("first period"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("data set")
        verbose_name_plural = _("data sets")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("datacollection:data_set", args=[self.pk])


class FormStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    APPROVED = "approved", _("Approved and locked")


class Level(models.TextChoices):
    """The levels a form is approved at, lowest first: the place hierarchy."""

    GOVERNORATE = "governorate", _("Governorate")
    CITY = "city", _("Learning city")
    REGION = "region", _("Region")


class DataForm(TimeStampedModel):
    """One data set's values for one period and place: a draft until submitted, then approved
    level by level, and locked when the last level approves."""

    data_set = models.ForeignKey(
        DataSet, verbose_name=_("data set"), on_delete=models.PROTECT, related_name="forms"
    )
    period_start = models.DateField(_("period"))
    scope = models.CharField(max_length=80)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    learning_city = models.ForeignKey(
        LearningCity, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=FormStatus.choices, default=FormStatus.DRAFT
    )
    # What was typed, cell by cell ("LC-01", "LC-01|sex|female" → the text), kept as typed so
    # a draft loses nothing; values reach the indicators only on submission.
    entries = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # The highest level that approved the current submission ("" while none has).
    approved_level = models.CharField(max_length=12, choices=Level.choices, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["data_set_id", "-period_start", "scope"]
        constraints = [
            models.UniqueConstraint(fields=["data_set", "period_start", "scope"], name="data_form_unique")
        ]
        verbose_name = _("data entry form")
        verbose_name_plural = _("data entry forms")

    def __str__(self) -> str:
        return f"{self.data_set} {self.period_start} {self.scope}"

    def get_absolute_url(self) -> str:
        return reverse(
            "datacollection:form", args=[self.data_set_id, self.period_start.isoformat(), self.scope]
        )


class Approver(models.Model):
    """A person a programme manager named to approve forms for one place (its level is the
    place's kind: a governorate, a learning city or the region)."""

    scope = models.CharField(max_length=80)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approver"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "user"], name="approver_unique")]
        verbose_name = _("approver")
        verbose_name_plural = _("approvers")

    def __str__(self) -> str:
        return f"{self.scope}: {self.user_id}"


class ApprovalStep(models.Model):
    """What happened to a form at one level: approved, returned, unlocked — the form's history
    beside the audit log's field-by-field record."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        UNLOCKED = "unlocked", _("Unlocked")

    form = models.ForeignKey(DataForm, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=12, choices=Action.choices)
    level = models.CharField(max_length=12, choices=Level.choices, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.form_id} {self.action} {self.level}"


class FormReminder(models.Model):
    """A reminder already sent about one form (before it is due, or once overdue), so a second
    run of the daily job — or a second worker — sends nothing twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    data_set = models.ForeignKey(DataSet, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    scope = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["data_set", "period_start", "scope", "kind"], name="form_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.data_set_id} {self.period_start} {self.scope}"
