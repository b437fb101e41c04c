from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "learningcity.catalogue"
    label = "catalogue"
    verbose_name = _("Learning opportunities")

    def ready(self) -> None:
        # Registers the catalogue's computed indicators (learners, hours, opportunities).
        from learningcity.catalogue import (
            indicators,  # noqa: F401
            tasks,  # noqa: F401 - registers the periodic jobs
        )
        from learningcity.catalogue.services.personal_data import anonymise_inactive_learners
        from learningcity.core.retention import register_retention

        register_retention("learners_anonymised", "inactive_learner", anonymise_inactive_learners)
        from learningcity.catalogue.contact import verified_contacts
        from learningcity.notifications.outbox import register_contact_source

        register_contact_source(verified_contacts)
        self._prove_verified_mobiles()
        self._invalidate_cached_searches()
        self._keep_upcoming_sessions()
        self._tell_followers_of_searches()

    @staticmethod
    def _prove_verified_mobiles() -> None:
        """A verified mobile number is a level of assurance (core/assurance.py)."""
        from django.urls import reverse

        from learningcity.catalogue.models import Learner
        from learningcity.core import assurance

        assurance.register_proof(
            assurance.VERIFIED_MOBILE,
            holds=lambda user: Learner.objects.filter(user=user, mobile_verified_at__isnull=False).exists(),
            way=lambda: (str(_("Verify your mobile number")), reverse("catalogue:mobile_verify")),
        )

    @staticmethod
    def _tell_followers_of_searches() -> None:
        from learningcity.catalogue.services.saved_searches import on_opportunity_published
        from learningcity.core import events

        events.subscribe(on_opportunity_published)

    @staticmethod
    def _keep_upcoming_sessions() -> None:
        from django.db.models.signals import post_delete, post_save

        from learningcity.catalogue.models import Session
        from learningcity.catalogue.services.upcoming import session_changed

        post_save.connect(session_changed, sender=Session, dispatch_uid="catalogue:upcoming:save")
        post_delete.connect(session_changed, sender=Session, dispatch_uid="catalogue:upcoming:delete")

    @staticmethod
    def _invalidate_cached_searches() -> None:
        """Cached search results (views.public.opportunity_search) depend
        on the opportunities, their sessions, the links the filters use and the filters'
        choices; the cards show the provider's and the governorate's names. The home page's
        catalogue parts (home.py) show the current campaigns as well."""
        from learningcity.catalogue.models import (
            Campaign,
            Opportunity,
            OpportunityAgeGroup,
            OpportunityDisability,
            Session,
        )
        from learningcity.catalogue.selectors import CATALOGUE_CACHE
        from learningcity.core.cache import invalidate_on
        from learningcity.core.models import Governorate, LearningCity, Region
        from learningcity.partners.models import Entity
        from learningcity.skills.models import Skill

        invalidate_on(
            CATALOGUE_CACHE,
            Opportunity,
            Session,
            Campaign,
            OpportunityAgeGroup,
            OpportunityDisability,
            Entity,
            Governorate,
            LearningCity,
            Region,
            Skill,
            m2m=[Opportunity.campaigns.through, Opportunity.skills.through],
        )
