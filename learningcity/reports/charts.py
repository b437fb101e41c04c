"""Charts for PDF reports, drawn on the server as SVG shapes only.

WeasyPrint lays out SVG <text> glyph by glyph, which breaks Arabic joining and reverses it,
so every label, legend and figure stays in the HTML around the drawing, where Pango shapes it
and the PDF's text extracts in reading order. In Arabic the drawings are mirrored: bars grow
from the right and time runs right to left, as on the dashboard. The colours are the
dashboard's (static/js/indicator_charts.js).

Each drawing carries a <title>: WeasyPrint's PDF/UA tagging makes an SVG a Figure and takes
its alternative text from that title (the template tags in templatetags/report_charts.py
write it in the reader's language).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

GREEN = "#0b5d4b"  # actual values
GOLD = "#b07d12"  # targets
GREY = "#4a5157"  # baselines and tracks
TRACK = "#e3e7e5"

BAR_WIDTH = 100
BAR_HEIGHT = 8


def bar(value: Any, largest: Any, *, rtl: bool, title: str, colour: str = GREEN) -> SafeString:
    """One horizontal bar, `value` out of `largest`, on a pale track."""
    value = Decimal(value or 0)
    largest = Decimal(largest or 0)
    share = min(Decimal(1), value / largest) if largest > 0 else Decimal(0)
    length = float(share * BAR_WIDTH)
    x = BAR_WIDTH - length if rtl else 0
    return format_html(
        '<svg class="chart-bar" viewBox="0 0 {w} {h}" preserveAspectRatio="none" role="img">'
        "<title>{title}</title>"
        '<rect x="0" y="0" width="{w}" height="{h}" fill="{track}"/>'
        '<rect x="{x}" y="0" width="{length}" height="{h}" fill="{colour}"/></svg>',
        w=BAR_WIDTH,
        h=BAR_HEIGHT,
        track=TRACK,
        x=f"{x:.2f}",
        length=f"{length:.2f}",
        colour=colour,
        title=title,
    )


def trend(
    values: list[Decimal | None],
    *,
    target: Decimal | None = None,
    baseline: Decimal | None = None,
    title: str,
    width: int = 160,
    height: int = 40,
) -> SafeString:
    """A line of the values over equal periods (gaps left out), the target as a dashed gold
    line and the baseline as a dotted grey one, on one vertical scale. Time runs left to right
    in Arabic too, as Arabic statistics and finance publications print it: mirrored, a rise
    read as a fall."""
    known = [v for v in values if v is not None]
    if not known:
        return mark_safe("")
    scale = known + [v for v in (target, baseline) if v is not None]
    low, high = min(scale), max(scale)
    span = (high - low) or Decimal(1)
    pad = 3

    def y(value: Decimal) -> float:
        return float(height - pad - (value - low) / span * (height - 2 * pad))

    def x(index: int) -> float:
        step = (width - 2 * pad) / max(1, len(values) - 1)
        return pad + index * step

    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values) if v is not None)
    shapes = []
    if baseline is not None:
        shapes.append(_level(y(baseline), width, GREY, "2 3"))
    if target is not None:
        shapes.append(_level(y(target), width, GOLD, "6 4"))
    if len(known) > 1:
        shapes.append(f'<polyline points="{points}" fill="none" stroke="{GREEN}" stroke-width="1.6"/>')
    last = next(i for i in range(len(values) - 1, -1, -1) if values[i] is not None)
    shapes.append(f'<circle cx="{x(last):.1f}" cy="{y(values[last]):.1f}" r="2.2" fill="{GREEN}"/>')
    return mark_safe(  # noqa: S308 — numbers and constants only, nothing from users
        f'<svg class="chart-trend" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img"><title>{escape(title)}</title>{"".join(shapes)}</svg>'
    )


def _level(y: float, width: int, colour: str, dashes: str) -> str:
    return f'<line x1="0" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="1" stroke-dasharray="{dashes}"/>'
