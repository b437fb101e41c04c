from django.core.management.base import BaseCommand

from learningcity.core.reference import seed_madinah_region
from learningcity.indicators.reference import seed_frameworks
from learningcity.partners.reference import seed_responsibilities
from learningcity.programme.reference import seed_axes


class Command(BaseCommand):
    help = (
        "Seed the reference data: the Madinah region with its 9 governorates and 3 learning cities, "
        "the five work axes and the responsibility matrix of the source document, the UNESCO Key Features of "
        "Learning Cities and the Human Capability Development Program pillars. Safe to run again: "
        "existing records are left as they are."
    )

    def handle(self, *args, **options):
        region = seed_madinah_region()
        axes = seed_axes()
        seed_responsibilities()
        seed_frameworks()
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Reference data ready: {region.name_en} ({region.governorates.count()} governorates, "
                f"{region.learning_cities.count()} learning cities), {len(axes)} axes."
            )
        )
