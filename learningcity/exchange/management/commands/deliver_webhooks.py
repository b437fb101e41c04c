from django.core.management.base import BaseCommand

from learningcity.exchange.webhooks import retry_due


class Command(BaseCommand):
    help = "Retry webhook deliveries whose back-off time has come. Run it every minute (cron or a timer)."

    def handle(self, *args, **options):
        self.stdout.write(f"Webhook deliveries retried: {retry_due()}.")
