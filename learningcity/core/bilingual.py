"""Bilingual content fields.

`name = BilingualField(_("name"), max_length=200)` on a model declares two columns,
`name_ar` and `name_en`, and makes `instance.name` read the value in the active language
with the fallback order requested language → Arabic → English (DESIGN.md convention 6).
Forms, filters and ordering use the two real columns; templates use `instance.name` or the
`{% tr %}` tag, which also marks text shown in the other language with its `lang`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES = ("ar", "en")


def fallback_order(language: str | None = None) -> list[str]:
    requested = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    order = [requested, "ar", "en"]
    return [
        code for index, code in enumerate(order) if code in CONTENT_LANGUAGES and code not in order[:index]
    ]


def bilingual_value_and_language(instance: Any, name: str, language: str | None = None) -> tuple[str, str]:
    """The text to show and the language it is actually in ('' and the request's language if empty)."""
    order = fallback_order(language)
    for code in order:
        value = getattr(instance, f"{name}_{code}", "") or ""
        if value.strip():
            return value, code
    return "", order[0]


def bilingual_value(instance: Any, name: str, language: str | None = None) -> str:
    return bilingual_value_and_language(instance, name, language)[0]


class BilingualField:
    """Declares `<name>_ar` (required unless `required=False`) and `<name>_en` (optional)."""

    def __init__(
        self,
        verbose_name: Any,
        field_class: type[models.Field] = models.CharField,
        *,
        required: bool = True,
        **options: Any,
    ) -> None:
        self.verbose_name = verbose_name
        self.field_class = field_class
        self.required = required
        self.options = options
        self.name = ""

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        self.name = name
        arabic = self.field_class(
            verbose_name=format_lazy("{} ({})", self.verbose_name, _("Arabic")),
            blank=not self.required,
            **self.options,
        )
        english = self.field_class(
            verbose_name=format_lazy("{} ({})", self.verbose_name, _("English")),
            blank=True,
            **self.options,
        )
        cls.add_to_class(f"{name}_ar", arabic)
        cls.add_to_class(f"{name}_en", english)
        setattr(cls, name, self)

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return bilingual_value(instance, self.name)

    def field_names(self) -> tuple[str, str]:
        return f"{self.name}_ar", f"{self.name}_en"
