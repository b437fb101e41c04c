from django.core.management.base import BaseCommand

from learningcity.core.reference import seed_all


class Command(BaseCommand):
    help = (
        "Seed the reference data: the Madinah region with its 9 governorates and 3 learning cities, "
        "the five work axes and the responsibility matrix of the source document, the UNESCO Key Features of "
        "Learning Cities and the Human Capability Development Program pillars. Safe to run again: "
        "existing records are left as they are."
    )

    def handle(self, *args, **options):
        seeded = seed_all()  # each app registers its own (core.reference.register_reference)
        if options["verbosity"] == 0:
            return
        self.stdout.write(self.style.SUCCESS("Reference data ready: " + "; ".join(seeded) + "."))
