"""The data sets' completeness as a section other apps' pages include (the data freshness
page), without those apps importing this one."""

from __future__ import annotations

from typing import Any

from django import template

from learningcity.datacollection import selectors

register = template.Library()


@register.inclusion_tag("datacollection/_completeness_table.html")
def data_set_completeness() -> dict[str, Any]:
    return {"table": selectors.completeness_table()}
