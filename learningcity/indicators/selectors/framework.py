"""A framework's tree (the UNESCO Key Features, a national framework) with its indicators' standing."""

from __future__ import annotations

from typing import Any

from learningcity.indicators import calc
from learningcity.indicators.models import (
    Framework,
    FrameworkNode,
)
from learningcity.indicators.selectors.scorecard import scorecard


def framework_overview(*, code: str) -> dict[str, Any] | None:
    """For each area of a framework: how many indicators, how many up to date, how many on track."""
    framework = Framework.objects.filter(code=code).first()
    if framework is None:
        return None
    nodes = list(
        FrameworkNode.objects.filter(framework=framework)
        .prefetch_related("indicators")
        .order_by("position", "pk")
    )
    indicators = {i.pk: i for node in nodes for i in node.indicators.all()}
    tiles = {tile.indicator.pk: tile for tile in scorecard(indicators=list(indicators.values()))}
    groups = []
    for group in [n for n in nodes if n.parent_id is None]:
        areas = []
        for area in [n for n in nodes if n.parent_id == group.pk] or [group]:
            area_tiles = [tiles[i.pk] for i in area.indicators.all() if i.pk in tiles]
            areas.append(
                {
                    "node": area,
                    "count": len(area_tiles),
                    "fresh": sum(tile.fresh for tile in area_tiles),
                    "on_track": sum(tile.status == calc.ON_TRACK for tile in area_tiles),
                    "off_track": sum(tile.status == calc.OFF_TRACK for tile in area_tiles),
                }
            )
        groups.append({"node": group, "areas": areas})
    return {"framework": framework, "groups": groups}
