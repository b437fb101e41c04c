"""Frameworks that initiatives and indicators are classified under.

A framework is a tree of nodes: the UNESCO Key Features of Learning Cities (3 groups, 12
areas), the Human Capability Development Program's pillars, or any local set. Nodes are
data, so a programme manager can add features under an area.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.bilingual import BilingualField
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
