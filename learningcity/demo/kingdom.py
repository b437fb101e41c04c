"""The Kingdom's other twelve regions, for the national scale data set (`seed_scale --size
national`): each with four of its governorates and a learning city at its seat. Only the
benchmarks use them; the platform's own reference data is the Madinah region
(core/reference.py), and other regions are added as data in the back office."""

from __future__ import annotations

from learningcity.core.models import Governorate, LearningCity, Region

# (code, Arabic, English, four governorates as (code, Arabic, English), the first being the seat)
OTHER_REGIONS = (
    ("riyadh-region", "منطقة الرياض", "Riyadh Region", (
        ("riyadh", "الرياض", "Riyadh"), ("al-kharj", "الخرج", "Al-Kharj"),
        ("ad-dawadmi", "الدوادمي", "Ad-Dawadmi"), ("al-majmaah", "المجمعة", "Al-Majmaah"))),
    ("makkah-region", "منطقة مكة المكرمة", "Makkah Region", (
        ("makkah", "مكة المكرمة", "Makkah"), ("jeddah", "جدة", "Jeddah"),
        ("taif", "الطائف", "Taif"), ("al-qunfudhah", "القنفذة", "Al-Qunfudhah"))),
    ("eastern-region", "المنطقة الشرقية", "Eastern Region", (
        ("dammam", "الدمام", "Dammam"), ("al-ahsa", "الأحساء", "Al-Ahsa"),
        ("hafar-al-batin", "حفر الباطن", "Hafar Al-Batin"), ("jubail", "الجبيل", "Jubail"))),
    ("qassim-region", "منطقة القصيم", "Qassim Region", (
        ("buraydah", "بريدة", "Buraydah"), ("unaizah", "عنيزة", "Unaizah"),
        ("ar-rass", "الرس", "Ar-Rass"), ("al-mithnab", "المذنب", "Al-Mithnab"))),
    ("asir-region", "منطقة عسير", "Asir Region", (
        ("abha", "أبها", "Abha"), ("khamis-mushait", "خميس مشيط", "Khamis Mushait"),
        ("bisha", "بيشة", "Bisha"), ("an-namas", "النماص", "An-Namas"))),
    ("tabuk-region", "منطقة تبوك", "Tabuk Region", (
        ("tabuk", "تبوك", "Tabuk"), ("al-wajh", "الوجه", "Al-Wajh"),
        ("duba", "ضباء", "Duba"), ("umluj", "أملج", "Umluj"))),
    ("hail-region", "منطقة حائل", "Hail Region", (
        ("hail", "حائل", "Hail"), ("baqaa", "بقعاء", "Baqaa"),
        ("al-ghazalah", "الغزالة", "Al-Ghazalah"), ("ash-shinan", "الشنان", "Ash-Shinan"))),
    ("northern-borders-region", "منطقة الحدود الشمالية", "Northern Borders Region", (
        ("arar", "عرعر", "Arar"), ("rafha", "رفحاء", "Rafha"),
        ("turaif", "طريف", "Turaif"), ("al-uwayqilah", "العويقيلة", "Al-Uwayqilah"))),
    ("jazan-region", "منطقة جازان", "Jazan Region", (
        ("jazan", "جازان", "Jazan"), ("sabya", "صبيا", "Sabya"),
        ("abu-arish", "أبو عريش", "Abu Arish"), ("samtah", "صامطة", "Samtah"))),
    ("najran-region", "منطقة نجران", "Najran Region", (
        ("najran", "نجران", "Najran"), ("sharurah", "شرورة", "Sharurah"),
        ("hubuna", "حبونا", "Hubuna"), ("badr-al-janub", "بدر الجنوب", "Badr Al-Janub"))),
    ("bahah-region", "منطقة الباحة", "Al-Bahah Region", (
        ("al-bahah", "الباحة", "Al-Bahah"), ("baljurashi", "بلجرشي", "Baljurashi"),
        ("al-mandaq", "المندق", "Al-Mandaq"), ("al-makhwah", "المخواة", "Al-Makhwah"))),
    ("jawf-region", "منطقة الجوف", "Al-Jawf Region", (
        ("sakaka", "سكاكا", "Sakaka"), ("al-qurayyat", "القريات", "Al-Qurayyat"),
        ("dumat-al-jandal", "دومة الجندل", "Dumat Al-Jandal"), ("tabarjal", "طبرجل", "Tabarjal"))),
)  # fmt: skip


def create_other_regions(count: int) -> None:
    """The first `count` of the other regions, with their governorates and a learning city at
    each seat (missing ones only)."""
    for code, name_ar, name_en, governorates in OTHER_REGIONS[:count]:
        region, _ = Region.objects.get_or_create(code=code, defaults={"name_ar": name_ar, "name_en": name_en})
        for order, (place, place_ar, place_en) in enumerate(governorates, start=1):
            governorate, _ = Governorate.objects.get_or_create(
                code=place,
                defaults={"region": region, "name_ar": place_ar, "name_en": place_en, "sort_order": order},
            )
            if order == 1:
                LearningCity.objects.get_or_create(
                    code=place,
                    defaults={
                        "region": region,
                        "governorate": governorate,
                        "name_ar": place_ar,
                        "name_en": place_en,
                    },
                )
