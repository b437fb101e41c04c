"""The responsibility matrix as the coordination meeting distributed it (source document)."""

from __future__ import annotations

from django.db import transaction

from learningcity.partners.models import Responsibility, Sector

# Sector-wide responsibilities: they apply to every track.
SOURCE_DOCUMENT_RESPONSIBILITIES = (
    (
        Sector.GOVERNMENT,
        "وضع التشريعات وتسهيل الإجراءات الإدارية المشتركة.",
        "Setting regulations and easing joint administrative procedures.",
    ),
    (
        Sector.PRIVATE,
        "توفير الدعم اللوجستي وتمويل البرامج التدريبية المتخصصة.",
        "Providing logistical support and funding specialised training programmes.",
    ),
)


@transaction.atomic
def seed_responsibilities() -> None:
    for sector, text_ar, text_en in SOURCE_DOCUMENT_RESPONSIBILITIES:
        Responsibility.objects.get_or_create(
            sector=sector, track=None, defaults={"description_ar": text_ar, "description_en": text_en}
        )
