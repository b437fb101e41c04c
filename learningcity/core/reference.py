"""Reference geography: the Madinah region, its 9 governorates and its 3 learning cities.

The first users' region, seeded by `learningcity seed_reference`; other regions are added as
data in the back office. The other apps' reference data (axes, frameworks, responsibilities)
is seeded by the same command: each app registers its seed here (`register_reference`, in
its ready()), so core knows none of them. Populations are approximate (the region had about
2.1 million people at the 2022 census); a programme manager corrects them in the back office,
and per-inhabitant indicators use whatever is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from learningcity.core.models import Governorate, LearningCity, Region

# Each seed makes its records if they are missing (safe to run again) and returns a line that
# says what is there, for the command to print. The region comes first: the others use it.
REFERENCE_SEEDS: list[Callable[[], str]] = []


def register_reference(seed: Callable[[], str]) -> None:
    REFERENCE_SEEDS.append(seed)


def seed_all() -> list[str]:
    return [seed() for seed in REFERENCE_SEEDS]


MADINAH_REGION = {
    "code": "madinah-region",
    "name_ar": "منطقة المدينة المنورة",
    "name_en": "Madinah Region",
    "population": 2_137_983,
}

# (code, Arabic, English, approximate population)
MADINAH_GOVERNORATES = (
    ("madinah", "المدينة المنورة", "Madinah", 1_477_000),
    ("yanbu", "ينبع", "Yanbu", 312_000),
    ("alula", "العلا", "AlUla", 60_000),
    ("al-mahd", "المهد", "Al-Mahd", 70_000),
    ("badr", "بدر", "Badr", 64_000),
    ("khaybar", "خيبر", "Khaybar", 53_000),
    ("al-hanakiyah", "الحناكية", "Al-Hanakiyah", 66_000),
    ("al-ais", "العيص", "Al-Ais", 31_000),
    ("wadi-al-fara", "وادي الفرع", "Wadi Al-Fara", 22_000),
)

# (code, governorate code, Arabic, English, GNLC member since, population)
MADINAH_LEARNING_CITIES = (
    ("madinah", "madinah", "المدينة المنورة", "Madinah", 2024, 2_239_923),
    ("yanbu", "yanbu", "ينبع", "Yanbu", 2022, None),
    ("alula", "alula", "العلا", "AlUla", 2025, None),
)


@transaction.atomic
def seed_madinah_region() -> Region:
    """Create or complete the Madinah region; never overwrites values someone has edited."""
    region, _created = Region.objects.get_or_create(code=MADINAH_REGION["code"], defaults=MADINAH_REGION)
    governorates = {}
    for order, (code, name_ar, name_en, population) in enumerate(MADINAH_GOVERNORATES, start=1):
        governorates[code], _ = Governorate.objects.get_or_create(
            code=code,
            defaults={
                "region": region,
                "name_ar": name_ar,
                "name_en": name_en,
                "population": population,
                "sort_order": order,
            },
        )
    for code, governorate_code, name_ar, name_en, since, population in MADINAH_LEARNING_CITIES:
        LearningCity.objects.get_or_create(
            code=code,
            defaults={
                "region": region,
                "governorate": governorates[governorate_code],
                "name_ar": name_ar,
                "name_en": name_en,
                "gnlc_member_since": since,
                "population": population,
            },
        )
    return region


def _seed_region() -> str:
    region = seed_madinah_region()
    return (
        f"{region.name_en} ({region.governorates.count()} governorates, "
        f"{region.learning_cities.count()} learning cities)"
    )


register_reference(_seed_region)
