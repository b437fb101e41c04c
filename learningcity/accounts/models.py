from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does on the platform (DESIGN.md, "Who uses it").

    A coordinator's entities come from their coordinator records in `partners`, so one
    person can coordinate for several entities.
    """

    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    COORDINATOR = "coordinator", _("Partner coordinator")
    EVALUATOR = "evaluator", _("Evaluator")
    VIEWER = "viewer", _("Leadership / viewer")
    LEARNER = "learner", _("Learner")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.VIEWER)
    # The language the person last signed in with: their notifications, e-mails and texts are
    # written in it (empty: the platform's default, Arabic).
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_programme_manager(self) -> bool:
        # Superusers run the back office, so they hold every power a manager has.
        return self.is_active and (self.role == Role.PROGRAMME_MANAGER or self.is_superuser)

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and self.role == Role.COORDINATOR

    @property
    def is_evaluator(self) -> bool:
        return self.is_active and self.role == Role.EVALUATOR

    @property
    def is_staff_member(self) -> bool:
        """Someone on the programme's side (not a learner): may read internal pages."""
        return self.is_active and self.role != Role.LEARNER
