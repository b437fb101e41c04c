"""The partnership marketplace (سوق الشراكات): an initiative publishes what it needs, partner
entities (the private sector above all) offer or pledge towards it, and the initiative's owner
accepts or declines. An accepted pledge becomes the initiative's funding or a resource
allocated to it, so it counts wherever partners' contributions are counted."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.core.arabic import search_document
from learningcity.core.bilingual import BilingualField
from learningcity.core.models import TimeStampedModel

POSITIVE_AMOUNT = MinValueValidator(Decimal("0.01"))


class NeedKind(models.TextChoices):
    FUNDING = "funding", _("Funding")
    SPONSORSHIP = "sponsorship", _("Sponsoring a training programme")
    VENUE = "venue", _("A venue")
    EQUIPMENT = "equipment", _("Equipment")
    TRAINERS = "trainers", _("Trainers")
    VOLUNTEERS = "volunteers", _("Volunteers")


# Needs measured in riyals; the others are counted (venues, pieces of equipment, people).
MONEY_KINDS = frozenset({NeedKind.FUNDING, NeedKind.SPONSORSHIP})


class Need(TimeStampedModel):
    initiative = models.ForeignKey(
        "programme.Initiative", verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="needs"
    )
    kind = models.CharField(_("what is needed"), max_length=20, choices=NeedKind.choices)
    title = BilingualField(_("title"), max_length=255)
    description = BilingualField(_("details"), models.TextField, required=False)
    amount = models.DecimalField(
        _("amount (SAR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[POSITIVE_AMOUNT],
    )
    quantity = models.PositiveIntegerField(
        _("how many"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Venues, pieces of equipment, trainers or volunteers."),
    )  # fmt: skip
    deadline = models.DateField(_("offers until"))
    needed_from = models.DateField(_("needed from"), null=True, blank=True)
    needed_until = models.DateField(_("needed until"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_document = models.TextField(editable=False, blank=True, default="")

    derived_fields = ("search_document",)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        initiative = self.initiative
        self.search_document = search_document(
            self.title_ar, self.title_en, self.description_ar, self.description_en, initiative.code,
            initiative.title_ar, initiative.title_en,
        )  # fmt: skip
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("collaboration:need_detail", args=[self.pk])

    def clean(self) -> None:
        if self.kind in MONEY_KINDS:
            if self.amount is None:
                raise ValidationError({"amount": _("Say how much funding is needed, in riyals.")})
            self.quantity = None
        elif self.kind:
            if self.quantity is None:
                raise ValidationError({"quantity": _("Say how many are needed.")})
            self.amount = None
        if self.needed_from and self.needed_until and self.needed_until < self.needed_from:
            raise ValidationError({"needed_until": _("The end date cannot be before the start date.")})

    @property
    def in_money(self) -> bool:
        return self.kind in MONEY_KINDS

    @property
    def size(self) -> Decimal:
        """How much is needed, in the need's own unit (riyals or a count)."""
        return Decimal((self.amount if self.in_money else self.quantity) or 0)


class PledgeStatus(models.TextChoices):
    OFFERED = "offered", _("Awaiting the owner's decision")
    ACCEPTED = "accepted", _("Accepted")
    DELIVERED = "delivered", _("Delivered")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Pledges the initiative counts on: they fill the need.
COUNTED_STATUSES = (PledgeStatus.ACCEPTED, PledgeStatus.DELIVERED)


class Pledge(TimeStampedModel):
    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="pledges")
    entity = models.ForeignKey(
        "partners.Entity", verbose_name=_("pledging entity"), on_delete=models.PROTECT, related_name="pledges"
    )
    # In the need's unit: riyals for funding and sponsorship, a count otherwise.
    size = models.DecimalField(_("pledged"), max_digits=14, decimal_places=2, validators=[POSITIVE_AMOUNT])
    note = models.TextField(_("what you offer"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.OFFERED, db_index=True
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("reason"), max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # What the accepted pledge became in the programme's records.
    funding = models.OneToOneField(
        "programme.InitiativeFunding", on_delete=models.SET_NULL, null=True, blank=True, related_name="pledge"
    )
    resource_request = models.OneToOneField(
        "programme.ResourceRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="pledge"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return f"{self.entity} → {self.need}"

    @property
    def is_counted(self) -> bool:
        return self.status in COUNTED_STATUSES
