"""Learners (المتعلّمون) and their registrations for sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.catalogue.contact import display_mobile
from learningcity.core.disaggregation import AgeGroup, Nationality, Sex
from learningcity.core.models import Governorate, TimeStampedModel


class AccessNeed(models.TextChoices):
    """What a learner may need a session to offer; each is a flag on Opportunity."""

    WHEELCHAIR = "wheelchair_access", _("Wheelchair access")
    SIGN_LANGUAGE = "sign_language", _("Sign-language interpretation")
    BRAILLE = "braille_large_print", _("Braille or large print")
    EASY_READ = "easy_read", _("Easy-read materials")


class Learner(TimeStampedModel):
    """The learner's side of an account. Accommodation needs are private: only the learner,
    providers of sessions they registered for, and programme managers may see them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner")
    full_name = models.CharField(_("full name"), max_length=150)
    # Stored in international form (+9665XXXXXXXX); unique, so it can be used to sign in.
    mobile = models.CharField(_("mobile number"), max_length=16, unique=True, null=True, blank=True)
    # When the learner proved the number is theirs (a code sent to it); cleared when the number
    # changes. Only a verified number gets text or WhatsApp messages.
    mobile_verified_at = models.DateTimeField(_("mobile number verified at"), null=True, blank=True)
    # Who vouched for full_name (an identity provider's name, identity/); empty: as typed.
    # Cleared when the learner changes the name.
    name_verified_by = models.CharField(_("name verified by"), max_length=100, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    governorate = models.ForeignKey(
        Governorate, verbose_name=_("governorate"), on_delete=models.PROTECT, related_name="learners"
    )
    nationality = models.CharField(_("citizen or resident"), max_length=10, choices=Nationality.choices)
    has_disability = models.BooleanField(_("I have a disability"), default=False)
    accommodation_needs = models.TextField(_("accommodation needs"), blank=True)
    # What a session must offer for them to take part (AccessNeed codes): suggestions keep to
    # opportunities that offer it.
    access_needs = models.JSONField(_("what I need to take part"), default=list, blank=True)
    interests = models.ManyToManyField(
        "skills.SkillGroup", verbose_name=_("what I would like to learn"), related_name="interested_learners",
        blank=True,
    )  # fmt: skip
    # Messages to the learner are written in the language they signed up in.
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="ar")
    consented_at = models.DateTimeField(_("accepted the privacy notice at"))
    privacy_notice_version = models.CharField(max_length=20)
    # Someone registered by another learner — a parent for a child, a teacher for a pupil — with
    # no account of their own: their guardian keeps their places and certificates, and gave
    # the consent above for them.
    guardian = models.ForeignKey(
        "self", verbose_name=_("registered by"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="dependents",
    )  # fmt: skip

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("learner")
        verbose_name_plural = _("learners")

    def __str__(self) -> str:
        return self.full_name

    @property
    def mobile_display(self) -> str:
        return display_mobile(self.mobile or "")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    # A freed place held for the next person waiting until they confirm it, let it go, or the
    # offer lapses (services/registrations.py).
    OFFERED = "offered", _("Place offered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED, RegistrationStatus.WAITLISTED)
# What counts against a session's places: an offer out holds its place until it is answered.
HOLDING_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


class GroupKind(models.TextChoices):
    FAMILY = "family", _("My family")
    CLASS = "class", _("A class or a group I lead")


class GroupBooking(TimeStampedModel):
    """Places taken together by one learner for others (a parent's children, a teacher's
    class): one confirmation, and each person with their own registration, attendance and
    certificate."""

    session = models.ForeignKey("catalogue.Session", on_delete=models.PROTECT, related_name="group_bookings")
    booked_by = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="group_bookings")
    kind = models.CharField(_("who they are"), max_length=10, choices=GroupKind.choices)
    name = models.CharField(_("name of the group"), max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("group booking")
        verbose_name_plural = _("group bookings")

    def __str__(self) -> str:
        return self.name or f"{self.booked_by} — {self.session}"


class Registration(TimeStampedModel):
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="registrations")
    # No index of its own: registration_session_order starts with it and serves every lookup by
    # session. Each index is one more write when an import marks 100,000 rows' attendance
    # (bench/bench_exchange.py).
    session = models.ForeignKey(
        "catalogue.Session", on_delete=models.PROTECT, related_name="registrations", db_index=False
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    # The waiting list is served in the order people joined it.
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last place offered from the waiting list: when, until when, and when it lapsed
    # unanswered (then the registration is cancelled and the place went to the next person).
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    offer_lapsed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Indexed only where set (registration_group): most registrations are nobody's group.
    group = models.ForeignKey(
        GroupBooking, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations",
        db_index=False,
    )  # fmt: skip
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One live registration per learner and session; cancelled ones stay as history.
            models.UniqueConstraint(
                fields=["learner", "session"],
                condition=~Q(status="cancelled"),
                name="registration_once_per_session",
            )
        ]
        indexes = [
            # Every lookup by session (a session's twenty-odd registrations, their status read
            # beside them), and the attendance export's order (exchange/datasets/attendance.py),
            # read in order instead of sorting a million rows on disk. One index for both: it
            # was two, and each is one more write for each of an import's 100,000 marks.
            models.Index(fields=["session", "id"], name="registration_session_order"),
            # The offers to lapse, soonest first, without reading the other registrations.
            models.Index(
                fields=["offer_expires_at"], condition=Q(status="offered"), name="registration_offers_out"
            ),
            models.Index(fields=["group"], condition=Q(group__isnull=False), name="registration_group"),
        ]

    def __str__(self) -> str:
        return self.label(str(self.learner), str(self.session))

    @staticmethod
    def label(learner: str, session: str) -> str:
        """A registration's name from its learner's and its session's (bulk changes name a
        thousand registrations of a few sessions without loading each one)."""
        return f"{learner} — {session}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def reference(self) -> str:
        """What a learner quotes to the provider or the help desk (R-000123)."""
        return f"R-{self.pk:06d}"

    def get_absolute_url(self) -> str:
        return reverse("catalogue:registration_detail", args=[self.pk])
