from django.core.management.base import BaseCommand

from learningcity.core.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Remove personal data past its retention period (settings.RETENTION_DAYS): anonymise "
        "long-inactive learners, delete old import/export files and personal-data access logs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would go; change nothing.")

    def handle(self, *args, **options):
        run = apply_retention(dry_run=options["dry_run"])
        verb = "Would remove" if options["dry_run"] else "Removed"
        for name, count in run.as_dict().items():
            self.stdout.write(f"{verb}: {name.replace('_', ' ')}: {count}")
