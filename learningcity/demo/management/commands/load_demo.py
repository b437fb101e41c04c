import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from learningcity.demo import (
    accounts,
    catalogue,
    collaboration,
    coordination,
    datacollection,
    festivals,
    indicators,
    initiatives,
    partners,
    programme,
    reports,
)
from learningcity.demo import skills as skill_demand

# Fixed, so every demo install shows the same data.
DEMO_SEED = 2025


class Command(BaseCommand):
    help = "Load the demo data set (Arabic first, English too) and create the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Empty the database first (destroys all data)."
        )

    def handle(self, *args, **options):
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        elif get_user_model().objects.filter(username="manager").exists():
            self.stdout.write("The demo data is already loaded (use --reset to load it again).")
            self._print_logins(
                [(username, description) for username, *_rest, description in accounts.DEMO_USERS]
            )
            return
        call_command("seed_reference", verbosity=0)
        rng = random.Random(DEMO_SEED)
        today = timezone.localdate()
        # The demo's people are fictitious: nobody is e-mailed about registrations made for them.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            logins = self._load(rng, today)
        # The semantic search's embeddings of the demo opportunities (the job would, later).
        call_command("embed_opportunities", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self._print_logins(logins)
        self.stdout.write(f"API token of the demo coordinator (read/write, Taibah): {self.api_token}")
        self.stdout.write(
            "  try: curl -H 'Authorization: Bearer <token>' http://127.0.0.1:8000/api/v1/opportunities/"
        )

    def _load(self, rng: random.Random, today: dt.date) -> list[tuple[str, str]]:
        entities = partners.create_partners(rng, today)
        coordinators = partners.create_coordinators(rng, entities)
        agreements = partners.create_agreements(entities, today)
        tracks = programme.create_tracks()
        logins = accounts.create_demo_users(entities)
        source_meeting = coordination.create_source_meeting(rng, entities, tracks)
        meetings = [source_meeting, *coordination.create_follow_up_meetings(rng, entities)]
        programme_initiatives = initiatives.create_initiatives(rng, entities, tracks)
        from django.contrib.auth import get_user_model

        users = {user.username: user for user in get_user_model().objects.all()}
        initiatives.create_challenges_and_evaluations(rng, programme_initiatives, users["evaluator"])
        resources = initiatives.create_resources(rng, entities, programme_initiatives, users)
        initiatives.create_proposals(entities, users["coordinator"], tracks)
        skills = catalogue.create_skills()
        skill_demand.create_skill_demand(entities, skills, users["manager"])
        campaigns = catalogue.create_campaigns(today)
        opportunities = catalogue.create_opportunities(rng, entities, skills, campaigns)
        skill_demand.create_pathways(opportunities, skills)
        learners = catalogue.create_learners(rng)
        learning = catalogue.create_registrations(rng, learners, users["manager"])
        logins.append(("learner", "Learner (or sign in with mobile 0500000001)"))
        demo_indicators = indicators.create_indicators(rng, entities)
        values = indicators.create_values(rng, [i for i in demo_indicators if not i.computed_key])
        indicators.compute(today)
        indicators.submit_pending(demo_indicators, users["manager"], entities["gae"])
        datacollection.create_data_collection(users, entities, today)
        self._exchange(users, entities, logins)
        reports.create_reports(users, today)
        shared = collaboration.create_collaboration(entities, users)
        festival = festivals.create_festival(entities, users, today)
        logins.append((festivals.HOST_LOGIN, "Community host that joined through the festival's call"))
        self.stdout.write(
            f"  {len(entities)} partner entities, {len(coordinators)} coordinators, "
            f"{len(agreements)} agreements, {len(tracks)} tracks, {len(meetings)} meetings, "
            f"{len(programme_initiatives)} initiatives, {len(resources)} resources, "
            f"{len(demo_indicators)} indicators with {values} values, "
            f"{len(opportunities)} learning opportunities, {len(learners)} learners with "
            f"{learning['registrations']} registrations and {learning['certificates']} certificates, "
            f"{shared['practices']} practices, {shared['needs']} marketplace needs, "
            f"{shared['posts']} channel posts, {shared['stories']} success stories, "
            f"a learning festival with {festival.events.count()} events"
        )
        return logins

    def _exchange(self, users: dict, entities: dict, logins: list[tuple[str, str]]) -> None:
        """An announcement to every partner, and an API token to try the API with."""
        from learningcity.exchange.tokens import token_create
        from learningcity.notifications.announcements import announcement_send

        announcement_send(
            data={
                "title_ar": "أسبوع التعلم مدى الحياة يبدأ هذا الأسبوع",
                "title_en": "Lifelong Learning Week starts this week",
                "body_ar": "نرجو من جميع الجهات الشريكة نشر فرص التعلم التي تقدمها ضمن الحملة، وتحديث جلساتها قبل نهاية الأسبوع.",
                "body_en": "All partners: please publish your learning opportunities for the campaign and update their sessions by the end of the week.",
                "audience": "all",
            },
            by=users["manager"],
        )
        _token, plain = token_create(
            entity=entities["taibah-special"], name="demo", scope="write", days=30, by=users["coordinator"]
        )
        self.api_token = plain

    def _print_logins(self, logins: list[tuple[str, str]]) -> None:
        self.stdout.write(f"Demo logins (password: {accounts.DEMO_PASSWORD}):")
        for username, description in logins:
            self.stdout.write(f"  {username:<12} {description}")
