"""Community initiative intake: a partner (or later a citizen) proposes, a manager reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.core.models import Governorate, TimeStampedModel
from learningcity.partners.models import Entity
from learningcity.programme.models.initiatives import Initiative
from learningcity.programme.models.roadmap import Track


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted into the framework")
    DECLINED = "declined", _("Declined")


class Proposal(TimeStampedModel):
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("what the initiative would do"))
    target_groups = models.CharField(_("who it is for"), max_length=255, blank=True)
    governorate = models.ForeignKey(
        Governorate,
        verbose_name=_("governorate"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    suggested_track = models.ForeignKey(
        Track,
        verbose_name=_("suggested track"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposer_entity = models.ForeignKey(
        Entity,
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
        db_index=True,
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposed initiative")
        verbose_name_plural = _("proposed initiatives")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:proposal_detail", args=[self.pk])
