"""PDF rendering with WeasyPrint and embedded Arabic fonts.

The fonts (Noto Naskh Arabic for Arabic, Noto Sans for Latin; SIL OFL, from Debian's
fonts-noto-core) are shipped in `pdf_fonts/`, so a PDF looks the same on any server and
its text extracts in reading order — the web font (IBM Plex Sans Arabic) does not extract
cleanly from PDFs.

Every PDF is PDF/UA-1 (WeasyPrint's `pdf/ua-1` variant): tagged with a structure tree in the
HTML's logical order — so Arabic reads right to left in a screen reader as it does on the
page — the document's language and title, table headers linked to their cells, and each image
or drawing a Figure whose alternative text is its `alt` (an <img>) or its <title> (an <svg>).
WeasyPrint logs an error for a figure without one; tests/standards/pdf_ua.py checks the result
against the Matterhorn Protocol's machine-checkable conditions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

FONT_DIR = Path(__file__).resolve().parent / "pdf_fonts"


def font_css() -> str:
    faces = [
        ("PlatformArabic", 400, "NotoNaskhArabic-Regular.ttf"),
        ("PlatformArabic", 700, "NotoNaskhArabic-Bold.ttf"),
        ("PlatformLatin", 400, "NotoSans-Regular.ttf"),
        ("PlatformLatin", 700, "NotoSans-Bold.ttf"),
    ]
    return "\n".join(
        f"@font-face {{ font-family: '{family}'; font-weight: {weight}; src: url('{(FONT_DIR / name).as_uri()}'); }}"
        for family, weight, name in faces
    )


def render_pdf(template_name: str, context: dict[str, Any], *, language: str) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango costs time at start-up

    administration = (
        settings.PLATFORM_ADMINISTRATION_NAME_AR
        if language == "ar"
        else settings.PLATFORM_ADMINISTRATION_NAME_EN
    )
    logo = Path(settings.PLATFORM_LOGO) if settings.PLATFORM_LOGO else None
    arabic = language == "ar"
    context = {
        "administration_name": administration,
        "logo_uri": logo.as_uri() if logo and logo.is_file() else "",
        "signatory_title": settings.PLATFORM_SIGNATORY_TITLE_AR
        if arabic
        else settings.PLATFORM_SIGNATORY_TITLE_EN,
        "signatory_name": settings.PLATFORM_SIGNATORY_NAME_AR
        if arabic
        else settings.PLATFORM_SIGNATORY_NAME_EN,
        **context,
    }
    with translation.override(language):
        html = render_to_string(
            template_name, {**context, "pdf_font_css": font_css(), "pdf_language": language}
        )
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf(pdf_variant=PDF_VARIANT)


PDF_VARIANT = "pdf/ua-1"
