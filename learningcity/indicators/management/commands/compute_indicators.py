import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from learningcity.indicators.store_calculated import compute_indicators


class Command(BaseCommand):
    help = "Calculate the computed indicators for the current period from the platform's own data."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Compute as of this date (YYYY-MM-DD) instead of today.")

    def handle(self, *args, **options):
        try:
            as_of = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--date must be YYYY-MM-DD") from exc
        stored = compute_indicators(as_of=as_of)
        if options["verbosity"]:
            total = sum(stored.values())
            self.stdout.write(
                f"Computed {len(stored)} indicators ({total} values) as of {as_of.isoformat()}."
            )
