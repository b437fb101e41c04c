from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from learningcity.catalogue.services.registrations import session_reminders_send


class Command(BaseCommand):
    help = (
        "Remind learners with a confirmed place of sessions starting soon. Run it every hour; "
        "each session's learners are reminded once, however often it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours-before",
            type=int,
            default=settings.SESSION_REMINDER_HOURS,
            help="Remind of sessions starting within this many hours (default: SESSION_REMINDER_HOURS).",
        )

    def handle(self, *args, **options):
        if options["hours_before"] < 1:
            raise CommandError("--hours-before must be at least 1")
        sent = session_reminders_send(hours_before=options["hours_before"])
        self.stdout.write(f"Session reminders sent: {sent}.")
