"""The sectors of society a partner belongs to. A partner's own field (partners.Entity.sector)
and one of the dimensions figures are broken down by (core.disaggregation), so it lives here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government sector")
    PRIVATE = "private", _("Private sector")
    NONPROFIT = "nonprofit", _("Non-profit sector")
    ACADEMIC = "academic", _("Academic sector")
    COMMUNITY = "community", _("Community")
