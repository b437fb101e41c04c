"""A mypy plugin for core.bilingual.BilingualField.

`title = BilingualField(...)` on a model adds two columns, `title_ar` and `title_en`, when
Django builds the class (`contribute_to_class`), which no type checker can see. This plugin
tells mypy about them, with the type of the field class given (text for CharField and
TextField, the default), so `opportunity.title_ar` is checked like any other column.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import AssignmentStmt, CallExpr, NameExpr, RefExpr
from mypy.plugin import ClassDefContext, Plugin
from mypy.plugins.common import add_attribute_to_class
from mypy_django_plugin.main import NewSemanalDjangoPlugin

BILINGUAL_FIELD = "learningcity.core.bilingual.BilingualField"
LANGUAGES = ("ar", "en")


def _add_language_columns(ctx: ClassDefContext) -> None:
    for statement in ctx.cls.defs.body:
        if not isinstance(statement, AssignmentStmt) or not isinstance(statement.rvalue, CallExpr):
            continue
        callee = statement.rvalue.callee
        if not isinstance(callee, RefExpr) or callee.fullname != BILINGUAL_FIELD:
            continue
        for target in statement.lvalues:
            if isinstance(target, NameExpr):
                for language in LANGUAGES:
                    text = ctx.api.named_type("builtins.str")
                    add_attribute_to_class(ctx.api, ctx.cls, f"{target.name}_{language}", text)


class LearningCityPlugin(NewSemanalDjangoPlugin):
    """django-stubs' plugin, which also adds the language columns of bilingual fields (mypy
    asks plugins in turn and keeps the first class hook given, so one plugin must do both)."""

    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        django_hook = super().get_base_class_hook(fullname)

        def hook(ctx: ClassDefContext) -> None:
            _add_language_columns(ctx)
            if django_hook is not None:
                django_hook(ctx)

        return hook


def plugin(version: str) -> type[Plugin]:
    return LearningCityPlugin
