from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from learningcity.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `learningcity backup`: replaces the database and the uploaded files, "
        "then checks every table's row count and checksum against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing the data")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"No such file: {archive}")
        if (
            not options["yes"]
            and input("This replaces every record and file. Type 'yes' to go on: ") != "yes"
        ):
            raise CommandError("Nothing was changed.")
        try:
            result = restore(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not result.ok:
            raise CommandError(
                f"Restored, but these tables differ from the backup: {', '.join(result.mismatches)}"
            )
        self.stdout.write(
            f"Restored {result.tables} tables, {result.rows:,} rows; every table matches the backup."
        )
