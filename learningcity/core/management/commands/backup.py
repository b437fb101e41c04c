from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from learningcity.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into one .tar.gz archive with a manifest of every "
        "table's row count and checksum (SQLite online backup; pg_dump on PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="the archive to write (default: backups/learningcity-<time>.tar.gz)"
        )

    def handle(self, *args, **options):
        from django.conf import settings

        output = Path(
            options["output"]
            or Path(settings.DATA_DIR) / "backups" / f"learningcity-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            manifest = backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(f"Backed up {len(manifest['tables'])} tables, {rows:,} rows, to {output}")
