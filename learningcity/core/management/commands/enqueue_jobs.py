from django.core.management.base import BaseCommand

from learningcity.core.tasks import SCHEDULES


class Command(BaseCommand):
    help = (
        "Put the periodic jobs on the queue for the worker: 'daily' (action-item reminders, computed "
        "indicators) or 'hourly' (session reminders, webhook retries). Call it from cron or a timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("schedule", choices=sorted(SCHEDULES))

    def handle(self, *args, **options):
        for job in SCHEDULES[options["schedule"]]:
            result = job.enqueue()
            self.stdout.write(f"Queued {job.name} ({result.id}).")
