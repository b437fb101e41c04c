from pathlib import Path

from django.core.management.base import BaseCommand

from learningcity.exchange.opendata import write_data_package


class Command(BaseCommand):
    help = "Write the open-data package (datapackage.json and its CSV files) to a folder, e.g. for a data portal."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, **options):
        path = write_data_package(Path(options["directory"]))
        self.stdout.write(f"Written: {path}")
