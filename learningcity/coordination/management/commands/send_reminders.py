import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from learningcity.coordination.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Send action-item reminders (some days before the due date, and once overdue) and the weekly "
        "digest of overdue items to programme managers. Run it daily; running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days-before",
            type=int,
            default=settings.ACTION_ITEM_REMINDER_DAYS,
            help="How many days before the due date to remind (default: ACTION_ITEM_REMINDER_DAYS).",
        )
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for catching up.")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--date must be YYYY-MM-DD") from exc
        if options["days_before"] < 0:
            raise CommandError("--days-before cannot be negative")
        run = send_reminders(today=today, days_before=options["days_before"])
        self.stdout.write(
            f"Reminders sent: {run.due_soon} due soon, {run.overdue} overdue; "
            f"weekly digest {'sent' if run.digest_sent else 'not sent'}."
        )
