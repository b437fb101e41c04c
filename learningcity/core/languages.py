"""The same page in the other language. Every page lives under its language's prefix
(/ar/…, /en/…), so switching language is going to the other address — a plain link, the same
for every visitor, which lets a public page be kept whole (core/public_pages.py)."""

from __future__ import annotations

from django.urls import translate_url
from django.utils import translation


def same_page_in(language: str, path: str) -> str:
    """`path` (with its query) in `language`; an address no view answers keeps its path and
    only changes its prefix."""
    page_language = translation.get_language_from_path(path)
    if not page_language:
        return path
    with translation.override(page_language):
        translated = translate_url(path, language)
    if translated == path and language != page_language:
        translated = f"/{language}" + path.removeprefix(f"/{page_language}")
    return translated
