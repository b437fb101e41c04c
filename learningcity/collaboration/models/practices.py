"""The practice library (مكتبة الممارسات): good practices and lessons learned, written by
coordinators, reviewed by a programme manager before every partner sees them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.core.arabic import search_document
from learningcity.core.bilingual import BilingualField
from learningcity.core.files import AttachedDocument, private_document_field
from learningcity.core.models import TimeStampedModel


class ReviewStatus(models.TextChoices):
    """Practices and stories wait for a programme manager's review before they are shown."""

    SUBMITTED = "submitted", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for changes")


def link_list(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def web_links(text: str) -> list[str]:
    """The lines that are web addresses: what a page may turn into links (clean() refuses the
    rest, but a record written around it must not put a javascript: link on a page)."""
    return [line for line in link_list(text) if line.lower().startswith(("https://", "http://"))]


class Practice(TimeStampedModel):
    title = BilingualField(_("title"), max_length=255)
    summary = BilingualField(_("summary"), models.TextField)
    what_was_done = BilingualField(_("what was done"), models.TextField, required=False)
    results = BilingualField(
        _("results"),
        models.TextField,
        required=False,
        help_text=_("With figures: how many, how much, by when."),
    )
    to_avoid = BilingualField(_("what to avoid"), models.TextField, required=False)
    entity = models.ForeignKey(
        "partners.Entity",
        verbose_name=_("entity sharing it"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    partner_entities = models.ManyToManyField(
        "partners.Entity", verbose_name=_("other entities behind it"), related_name="+", blank=True
    )
    initiative = models.ForeignKey(
        "programme.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    framework_area = models.ForeignKey(
        "indicators.FrameworkNode",
        verbose_name=_("UNESCO area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    axis = models.ForeignKey(
        "programme.Axis",
        verbose_name=_("axis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source_city = models.CharField(
        _("from another learning city"),
        max_length=150,
        blank=True,
        help_text=_("For a practice of another GNLC member city: the city and its country."),
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
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
    reviewed_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_document = models.TextField(editable=False, blank=True, default="")

    derived_fields = ("search_document",)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_document = search_document(
            self.title_ar, self.title_en, self.summary_ar, self.summary_en, self.what_was_done_ar,
            self.what_was_done_en, self.results_ar, self.results_en, self.to_avoid_ar, self.to_avoid_en,
            self.source_city,
        )  # fmt: skip
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("collaboration:practice_detail", args=[self.pk])

    def clean(self) -> None:
        check = URLValidator(schemes=["http", "https"])
        for line in link_list(self.links):
            try:
                check(line)
            except ValidationError:
                raise ValidationError(
                    {
                        "links": _("“%(link)s” is not a web address (it must start with https://).")
                        % {"link": line}
                    }
                ) from None

    @property
    def link_list(self) -> list[str]:
        return web_links(self.links)


class PracticeAttachment(AttachedDocument):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = private_document_field(_("file"), "practices/%Y/")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("practice attachment")
        verbose_name_plural = _("practice attachments")


class PracticeMark(models.Model):
    """A partner found the practice useful (one mark a person)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "user"], name="practice_mark_once")]
        verbose_name = _("useful mark")
        verbose_name_plural = _("useful marks")

    def __str__(self) -> str:
        return f"{self.practice_id} ← {self.user_id}"


class PracticeComment(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]
