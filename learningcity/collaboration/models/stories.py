"""Success stories (قصص النجاح): public stories of learners, initiatives and partners, with
photos shown only with recorded consent and figures drawn live from the platform, published
after a programme manager's review."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.collaboration.models.practices import ReviewStatus
from learningcity.core.bilingual import BilingualField
from learningcity.core.models import TimeStampedModel
from learningcity.core.uploads import validate_image


class StoryKind(models.TextChoices):
    LEARNER = "learner", _("A learner's story")
    INITIATIVE = "initiative", _("An initiative's story")
    PARTNER = "partner", _("A partner's story")


class Story(TimeStampedModel):
    kind = models.CharField(_("kind of story"), max_length=20, choices=StoryKind.choices)
    title = BilingualField(_("title"), max_length=200)
    summary = BilingualField(_("summary"), max_length=300)
    body = BilingualField(_("story"), models.TextField)
    # Whose story it is: the figures shown beside it are this initiative's or entity's.
    initiative = models.ForeignKey(
        "programme.Initiative", verbose_name=_("initiative"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="stories",
    )  # fmt: skip
    entity = models.ForeignKey(
        "partners.Entity", verbose_name=_("entity"), on_delete=models.PROTECT, related_name="stories"
    )
    photo = models.FileField(_("photo"), upload_to="stories/%Y/", blank=True, validators=[validate_image])
    photo_description = BilingualField(
        _("photo description"), max_length=255, required=False,
        help_text=_("What the photo shows, for people who cannot see it."),
    )  # fmt: skip
    photo_consent = models.BooleanField(_("the people in the photo agreed to its publication"), default=False)
    consent_record = models.CharField(
        _("how consent was recorded"), max_length=255, blank=True,
        help_text=_("Who agreed, how and when (e.g. signed form kept by the entity, 3 March 2026)."),
    )  # fmt: skip
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.SUBMITTED,
        db_index=True,
    )
    review_note = models.CharField(_("review note"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collaboration:story_detail", args=[self.pk])

    def clean(self) -> None:
        if self.photo and not (self.photo_consent and self.consent_record.strip()):
            raise ValidationError(
                {
                    "photo_consent": _(
                        "A photo is published only with the consent of the people in it: confirm it "
                        "and say how it was recorded, or remove the photo."
                    )
                }
            )
        if self.photo and not self.photo_description_ar.strip():
            raise ValidationError(
                {"photo_description_ar": _("Describe the photo for people who cannot see it.")}
            )
