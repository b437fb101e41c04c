from django.core.management.base import BaseCommand, CommandError

from learningcity.demo.scale import SIZES, seed_scale


class Command(BaseCommand):
    help = (
        "Build a deterministic data set at scale for benchmarks: 'small', or 'regional' (2,000 partners, "
        "10,000 coordinators, 5,000 initiatives, 200 indicators × 60 months × 9 governorates, 50,000 "
        "opportunities, 300,000 learners, 1,000,000 registrations), or 'national' (13 regions and ten times "
        "the regional records: 500,000 opportunities, 3,000,000 learners, 10,000,000 registrations). "
        "Run it on an empty database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")

    def handle(self, *args, **options) -> None:
        from learningcity.programme.models import Initiative

        if Initiative.objects.exists():
            raise CommandError(
                "The database already holds initiatives: seed_scale builds on an empty database."
            )
        size = options["size"]
        self.stdout.write(f"Building the {size} data set:")
        seconds = seed_scale(size, say=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"The {size} data set was built in {seconds:.0f} s."))
