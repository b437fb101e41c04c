"""A learning festival (مهرجان التعلم): a call for hosts with its dates and themes, the
organisations that answer it (a community organisation without an account signs up first),
and the events they submit. An accepted event becomes an ordinary learning opportunity with
one session, so registration, attendance, certificates and the host app work for it as they
do for the rest of the catalogue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.catalogue.models import AudienceSex, Opportunity, OpportunityType
from learningcity.core.bilingual import BilingualField
from learningcity.core.disaggregation import AgeGroup
from learningcity.core.models import Governorate, LearningCity, TimeStampedModel
from learningcity.core.sectors import Sector
from learningcity.core.validators import validate_phone
from learningcity.partners.models import CoordinatorGender, Entity, EntityType

# The longest festival the call accepts: a festival is a week or a season, not a year.
MAX_FESTIVAL_DAYS = 92
# Addresses under /festivals/ that are pages of their own (urls.py), so no festival's.
RESERVED_SLUGS = frozenset({"new", "hosts", "events"})


class FestivalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CALL_OPEN = "call_open", _("Call for hosts open")
    CALL_CLOSED = "call_closed", _("Call for hosts closed")


class Festival(TimeStampedModel):
    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    title = BilingualField(_("title"), max_length=200)
    description = BilingualField(_("description"), models.TextField, required=False)
    learning_city = models.ForeignKey(
        LearningCity, verbose_name=_("learning city"), on_delete=models.PROTECT, related_name="festivals"
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    call_closes_on = models.DateField(
        _("submissions close on"), help_text=_("The last day hosts can submit or change an event.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FestivalStatus.choices,
        default=FestivalStatus.DRAFT,
        db_index=True,
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("learning festival")
        verbose_name_plural = _("learning festivals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("festivals:programme", args=[self.slug])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address name is taken by a page of the platform; choose another.")
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = _("The last day cannot be before the first day.")
            elif (self.ends_on - self.starts_on).days >= MAX_FESTIVAL_DAYS:
                errors["ends_on"] = _("A festival lasts at most %(days)s days.") % {"days": MAX_FESTIVAL_DAYS}
        if self.call_closes_on and self.ends_on and self.call_closes_on > self.ends_on:
            errors["call_closes_on"] = _("Submissions must close by the festival's last day.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.status != FestivalStatus.DRAFT

    def accepts_submissions(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == FestivalStatus.CALL_OPEN and today <= self.call_closes_on

    def days(self) -> list[dt.date]:
        return [
            self.starts_on + dt.timedelta(days=n) for n in range((self.ends_on - self.starts_on).days + 1)
        ]


class FestivalTheme(models.Model):
    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="themes")
    name = BilingualField(_("theme"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["festival_id", "position", "pk"]
        verbose_name = _("festival theme")
        verbose_name_plural = _("festival themes")

    def __str__(self) -> str:
        return self.name


class Reviewed(models.Model):
    """A programme manager's answer to what someone submitted: who, when, and the reason given
    (required when it is not a plain yes)."""

    review_note = models.CharField(_("reason"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class HostStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class HostSignUp(Reviewed, TimeStampedModel):
    """A community organisation with no account asking to host festival events. A programme
    manager approves it (the organisation becomes a partner entity of the community sector and
    its contact a coordinator with an account) or declines it with a reason."""

    festival = models.ForeignKey(
        Festival, verbose_name=_("festival"), on_delete=models.CASCADE, related_name="host_sign_ups"
    )
    organisation_name = models.CharField(_("organisation's name"), max_length=255)
    organisation_type = models.CharField(
        _("type"), max_length=30, choices=EntityType.choices, default=EntityType.ASSOCIATION
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.COMMUNITY)
    governorate = models.ForeignKey(
        Governorate, verbose_name=_("governorate"), on_delete=models.PROTECT, related_name="+"
    )
    about = models.TextField(_("what the organisation does"), max_length=2000)
    contact_name = models.CharField(_("contact person's name"), max_length=150)
    contact_gender = models.CharField(_("contact person is"), max_length=1, choices=CoordinatorGender.choices)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("mobile number"), max_length=30, validators=[validate_phone])
    # The language the form was filled in: the messages to this person, who has no account
    # (and so no language of their own yet), are written in it.
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="ar")
    status = models.CharField(
        _("status"), max_length=20, choices=HostStatus.choices, default=HostStatus.PENDING, db_index=True
    )
    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("host sign-up")
        verbose_name_plural = _("host sign-ups")

    def __str__(self) -> str:
        return self.organisation_name

    def get_absolute_url(self) -> str:
        return reverse("festivals:host_detail", args=[self.pk])


class EventStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, waiting for review")
    CHANGES_REQUESTED = "changes_requested", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


# Who may still change an event: a host edits it until it is accepted or declined.
EDITABLE_STATUSES = (EventStatus.SUBMITTED, EventStatus.CHANGES_REQUESTED)


class FestivalEvent(Reviewed, TimeStampedModel):
    """An event a host submits to a festival's call."""

    festival = models.ForeignKey(
        Festival, verbose_name=_("festival"), on_delete=models.CASCADE, related_name="events"
    )
    host = models.ForeignKey(
        Entity, verbose_name=_("host"), on_delete=models.PROTECT, related_name="festival_events"
    )
    theme = models.ForeignKey(
        FestivalTheme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="events"
    )
    title = BilingualField(_("title"), max_length=200)
    description = BilingualField(_("description"), models.TextField)
    event_type = models.CharField(
        _("type"), max_length=20, choices=OpportunityType.choices, default=OpportunityType.EVENT
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    governorate = models.ForeignKey(
        Governorate, verbose_name=_("governorate"), on_delete=models.PROTECT, related_name="+"
    )
    venue = BilingualField(_("venue"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    audience_sex = models.CharField(
        _("audience"), max_length=10, choices=AudienceSex.choices, default=AudienceSex.EVERYONE
    )
    # Age groups as core.disaggregation.AgeGroup values, comma-separated (empty: every age);
    # they become the opportunity's age groups when the event is accepted.
    age_groups = models.CharField(_("age groups"), max_length=60, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    wheelchair_access = models.BooleanField(_("wheelchair access"), default=False)
    sign_language = models.BooleanField(_("sign-language interpretation"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SUBMITTED, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opportunity = models.OneToOneField(
        Opportunity, on_delete=models.SET_NULL, null=True, blank=True, related_name="festival_event"
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["festival", "status", "starts_at"], name="festival_event_programme")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="festival_event_ends_after_start"
            )
        ]
        verbose_name = _("festival event")
        verbose_name_plural = _("festival events")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("festivals:event_detail", args=[self.pk])

    @property
    def age_group_list(self) -> list[str]:
        return [value for value in self.age_groups.split(",") if value]

    @property
    def age_group_labels(self) -> list[str]:
        return [str(AgeGroup(value).label) for value in self.age_group_list if value in AgeGroup.values]

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES
