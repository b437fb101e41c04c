from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from learningcity.core import context
from learningcity.exchange.datasets import DATASETS
from learningcity.exchange.imports import import_table


class Command(BaseCommand):
    help = (
        "Import a CSV or XLSX file of one kind (partners, initiatives, opportunities, measurements, attendance). "
        "Checks only, unless --commit; with --commit every row is written or none is. Exit status 1 on any problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(DATASETS))
        parser.add_argument("file")
        parser.add_argument(
            "--user", required=True, help="Whose permissions the import uses (and who the audit log names)."
        )
        parser.add_argument(
            "--commit", action="store_true", help="Write the rows (otherwise only check them)."
        )
        parser.add_argument("--language", default="ar", choices=["ar", "en"], help="Language of the report.")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']!r}.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        dataset = DATASETS[options["kind"]]
        if not dataset.may_import(user):
            raise CommandError(f"{user} may not import {options['kind']}.")
        with (
            translation.override(options["language"]),
            context.acting(channel="command"),
            path.open("rb") as stream,
        ):
            report = import_table(
                dataset=dataset, stream=stream, filename=path.name, user=user, commit=options["commit"]
            )
            self._print(report)
        if not report.ok:
            raise SystemExit(1)

    def _print(self, report) -> None:
        if report.file_problem:
            self.stderr.write(report.file_problem)
        for problem in report.header_problems:
            self.stderr.write(problem)
        for error in report.errors:
            column = f" [{error['column']}]" if error["column"] else ""
            self.stderr.write(f"row {error['row']}{column}: {error['message']}")
        if report.error_count > len(report.errors):
            self.stderr.write(f"… {report.error_count - len(report.errors)} more")
        verb = "imported" if report.committed else "checked (nothing written)"
        self.stdout.write(
            f"{report.rows} rows {verb}: {report.created} new, {report.updated} changed, "
            f"{report.unchanged} unchanged, {report.error_count} problems."
        )
