"""Learning opportunities (فرص التعلّم), their sessions and the campaigns that group them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField
from learningcity.core.disaggregation import AgeGroup
from learningcity.core.models import Governorate, LearningCity, TimeStampedModel, external_id_field
from learningcity.core.morphology import index_document, root_document
from learningcity.partners.models import Entity

# The accessibility flags of an opportunity, in the order the page lists them.
ACCESSIBILITY_FEATURES = ("wheelchair_access", "sign_language", "braille_large_print", "easy_read")


# Attendance is taken from this long before a session starts (the door opens).
DOORS_OPEN_BEFORE = dt.timedelta(minutes=30)


class OpportunityType(models.TextChoices):
    COURSE = "course", _("Course")
    WORKSHOP = "workshop", _("Workshop")
    LECTURE = "lecture", _("Lecture")
    EVENT = "event", _("Event")
    VOLUNTEERING = "volunteering", _("Volunteering")
    ELEARNING = "elearning", _("E-learning")
    VISIT = "visit", _("Visit")
    CLUB = "club", _("Club")


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class AudienceSex(models.TextChoices):
    """Who may attend. Separate sessions for men and for women are common, so a session can
    narrow its opportunity's audience."""

    EVERYONE = "everyone", _("Everyone")
    MEN = "men", _("Men only")
    WOMEN = "women", _("Women only")


class Level(models.TextChoices):
    ALL = "all", _("All levels")
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class TeachingLanguage(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")
    BOTH = "ar-en", _("Arabic and English")
    SIGN = "sgn", _("Saudi Sign Language")


class Credential(models.TextChoices):
    NONE = "none", _("No certificate")
    ATTENDANCE = "attendance", _("Certificate of attendance")
    COMPLETION = "completion", _("Certificate of completion")


class DisabilityKind(models.TextChoices):
    VISUAL = "visual", _("Visual impairment")
    HEARING = "hearing", _("Hearing impairment")
    PHYSICAL = "physical", _("Physical disability")
    INTELLECTUAL = "intellectual", _("Intellectual disability")
    AUTISM = "autism", _("Autism")
    LEARNING = "learning", _("Learning difficulties")


class Campaign(TimeStampedModel):
    """An awareness campaign (حملة توعوية), such as a lifelong-learning week."""

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    title = BilingualField(_("title"), max_length=200)
    description = BilingualField(_("description"), models.TextField, required=False)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("awareness campaign")
        verbose_name_plural = _("awareness campaigns")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:campaign_detail", args=[self.slug])

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})

    def is_current(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on


NON_NEGATIVE = MinValueValidator(Decimal("0"))


class Opportunity(TimeStampedModel):
    title = BilingualField(_("title"), max_length=200)
    description = BilingualField(_("description"), models.TextField)
    opportunity_type = models.CharField(_("type"), max_length=20, choices=OpportunityType.choices)
    provider = models.ForeignKey(
        Entity, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="opportunities"
    )
    initiative = models.ForeignKey(
        "programme.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    campaigns = models.ManyToManyField(
        Campaign, verbose_name=_("awareness campaigns"), related_name="opportunities", blank=True
    )
    learning_city = models.ForeignKey(
        LearningCity, verbose_name=_("learning city"), on_delete=models.PROTECT, related_name="opportunities"
    )
    governorate = models.ForeignKey(
        Governorate, verbose_name=_("governorate"), on_delete=models.PROTECT, related_name="opportunities"
    )
    venue = BilingualField(_("venue"), max_length=200, required=False)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    online_url = models.URLField(_("online link"), blank=True)
    fee = models.DecimalField(
        _("fee (SAR)"), max_digits=9, decimal_places=2, default=Decimal("0"), validators=[NON_NEGATIVE]
    )
    audience_sex = models.CharField(
        _("audience"), max_length=10, choices=AudienceSex.choices, default=AudienceSex.EVERYONE
    )
    prerequisites = BilingualField(_("prerequisites"), models.TextField, required=False)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.ALL)
    language = models.CharField(
        _("language of instruction"), max_length=5, choices=TeachingLanguage.choices, default="ar"
    )
    wheelchair_access = models.BooleanField(_("wheelchair access"), default=False)
    sign_language = models.BooleanField(_("sign-language interpretation"), default=False)
    braille_large_print = models.BooleanField(_("braille or large print"), default=False)
    easy_read = models.BooleanField(_("easy-read materials"), default=False)
    skills = models.ManyToManyField(
        "skills.Skill", verbose_name=_("skills taught"), related_name="opportunities", blank=True
    )
    hours = models.DecimalField(
        _("learning hours"), max_digits=6, decimal_places=1, default=Decimal("0"), validators=[NON_NEGATIVE]
    )
    credential = models.CharField(
        _("credential awarded"), max_length=20, choices=Credential.choices, default=Credential.NONE
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
        db_index=True,
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    # When the next scheduled session starts, stored so that lists sorted soonest first read an
    # index instead of looking up every opportunity's sessions (50,000 of them at regional
    # scale). Kept by services/upcoming.py when a session changes and, as sessions begin, by
    # the hourly job; pages show the live next session beside it.
    upcoming_session_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Search index (core.arabic): the title's terms rank above the rest, so they are kept apart.
    search_title = models.TextField(editable=False, blank=True, default="")
    search_body = models.TextField(editable=False, blank=True, default="")
    # The ISRI roots of the same words (core.morphology), matched with a lower weight.
    search_roots = models.TextField(editable=False, blank=True, default="")
    external_id = external_id_field()

    derived_fields = ("search_title", "search_body", "search_roots")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("learning opportunity")
        verbose_name_plural = _("learning opportunities")
        indexes = [
            models.Index(fields=["status", "governorate"], name="opportunity_status_gov"),
            models.Index(fields=["status", "upcoming_session_at"], name="opportunity_status_upcoming"),
            # The home page's few featured opportunities, soonest first, without reading the rest.
            models.Index(
                fields=["upcoming_session_at"],
                condition=Q(featured=True, status="published"),
                name="opportunity_featured",
            ),
            # The manage list, the last changed first, a page at a time (catalogue/selectors.py).
            models.Index(fields=["-updated_at", "-id"], name="opportunity_last_changed"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "external_id"],
                condition=~Q(external_id=""),
                name="opportunity_external_id_unique",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Here so that every write path (services, back office, imports) stays searchable.
        self.refresh_search_index()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("catalogue:opportunity_detail", args=[self.pk])

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both the latitude and the longitude, or neither.")})
        if self.governorate_id and self.learning_city_id:
            city_region = LearningCity.objects.filter(pk=self.learning_city_id).values_list(
                "region_id", flat=True
            )
            governorate_region = Governorate.objects.filter(pk=self.governorate_id).values_list(
                "region_id", flat=True
            )
            if list(city_region) != list(governorate_region):
                raise ValidationError(
                    {"governorate": _("This governorate is not in the learning city's region.")}
                )
        if self.opportunity_type == OpportunityType.ELEARNING and not self.online_url:
            raise ValidationError({"online_url": _("An e-learning opportunity needs its online link.")})

    def refresh_search_index(self) -> None:
        self.search_title = index_document(self.title_ar, self.title_en)
        skill_names: list[str] = []
        if self.pk:
            # A skill's other names find its opportunities too ("بايثون" finds Python courses).
            for name_ar, name_en, synonyms in self.skills.values_list("name_ar", "name_en", "synonyms"):
                skill_names += [name_ar, name_en, synonyms]
        provider_names = []
        if self.provider_id:
            provider_names = list(
                Entity.objects.filter(pk=self.provider_id).values_list("name_ar", "name_en")[0]
            )
        body = (
            self.description_ar,
            self.description_en,
            self.venue_ar,
            self.venue_en,
            self.address,
            *provider_names,
            *skill_names,
        )
        self.search_body = index_document(*body)
        self.search_roots = root_document(self.title_ar, *body)

    @property
    def is_free(self) -> bool:
        return not self.fee

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def is_public(self) -> bool:
        """Visible to the public: published, or closed/cancelled but still worth a page."""
        return self.status != OpportunityStatus.DRAFT

    @property
    def accessibility_features(self) -> list[str]:
        fields = {field.name: field for field in self._meta.concrete_fields}
        return [str(fields[name].verbose_name) for name in ACCESSIBILITY_FEATURES if getattr(self, name)]


class OpportunityAgeGroup(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="age_groups")
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "age_group"], name="opportunity_age_group_once")
        ]
        indexes = [models.Index(fields=["age_group", "opportunity"], name="opportunity_age_lookup")]

    def __str__(self) -> str:
        return self.get_age_group_display()


class OpportunityDisability(models.Model):
    """A disability the opportunity is designed for (not a restriction: everyone is welcome)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="suited_disabilities")
    kind = models.CharField(_("disability"), max_length=20, choices=DisabilityKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "kind"], name="opportunity_disability_once")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Session(TimeStampedModel):
    """One dated run of an opportunity that people register for, with its own places."""

    places_left: int  # worked out for a page by catalogue.selectors.session_list, not stored
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    audience_sex = models.CharField(
        _("audience"),
        max_length=10,
        choices=AudienceSex.choices,
        blank=True,
        help_text=_("Leave empty to use the opportunity's audience."),
    )
    note = BilingualField(_("note"), max_length=200, required=False)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Relative, so a repeated session keeps its rule: "closes two days before" each time.
    registration_days_before = models.PositiveSmallIntegerField(
        _("registration closes"),
        default=0,
        choices=[
            (0, _("When the session starts")),
            (1, _("A day before")),
            (2, _("Two days before")),
            (3, _("Three days before")),
            (7, _("A week before")),
        ],
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]
        indexes = [
            # Each opportunity's next session, for lists sorted soonest first: one index seek each.
            models.Index(
                fields=["opportunity", "starts_at"], condition=Q(status="scheduled"), name="session_upcoming"
            )
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.opportunity} — {local:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("catalogue:session_register", args=[self.pk])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})

    @property
    def audience(self) -> str:
        return self.audience_sex or self.opportunity.audience_sex

    def get_audience_display(self) -> str:
        return str(AudienceSex(self.audience).label)

    def has_started(self, now: dt.datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def doors_open(self, now: dt.datetime | None = None) -> bool:
        """Whether people may be checked in: from DOORS_OPEN_BEFORE before the start (hosts
        check people in at the door as they arrive)."""
        return self.starts_at - DOORS_OPEN_BEFORE <= (now or timezone.now())

    @property
    def registration_deadline(self) -> dt.datetime:
        return self.starts_at - dt.timedelta(days=self.registration_days_before)

    def registration_closed(self, now: dt.datetime | None = None) -> bool:
        """Past the deadline its provider set (a session that has started is closed anyway)."""
        return self.registration_days_before > 0 and self.registration_deadline <= (now or timezone.now())
