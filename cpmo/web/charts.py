"""Small server-side SVG charts for the pages (pure: values in, markup out).

Each chart is an accessible image (``role="img"``, a ``<title>`` and a ``<desc>`` pointing at
the table with the same figures); colour is never the only signal, as each series also has
its own pattern of outline and a legend in words.
"""

import math
from collections.abc import Callable
from html import escape

from cpmo.money import short_money

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 70, 10, 40, 40
# GOV.UK palette: blue, dark grey, green, orange
COLOURS = ("#1d70b8", "#505a5f", "#00703c", "#f47738")
DASHES = ("", "4 2", "1 1", "6 3")


def _nice_top(value: int) -> int:
    """A round number at or above ``value`` for the top of the axis."""
    if value <= 0:
        return 1
    step = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 5, 10):
        if value <= factor * step:
            return factor * step
    return 10 * step


def bar_chart(
    *,
    title: str,
    categories: list[str],
    series: list[tuple[str, list[int]]] | list[tuple[str, list[float]]],
    table_id: str,
    fmt: Callable[[float], str] = short_money,
) -> str:
    """A grouped bar chart: one group per category, one bar per series (negatives at zero);
    ``fmt`` writes a value (money unless told otherwise)."""
    if not categories:
        return ""
    top = _nice_top(math.ceil(max((max(v, default=0) for _, v in series), default=0)))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / len(categories)
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = [
        f'<svg class="cpmo-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{table_id}-chart-title {table_id}-chart-desc" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{table_id}-chart-title">{escape(title)}</title>',
        f'<desc id="{table_id}-chart-desc">The same figures are in the table that follows '
        "the chart.</desc>",
    ]
    for tick in range(5):
        value = top * tick // 4
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#b1b4b6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#0b0c0c">{escape(fmt(value))}</text>'
        )
    for i, label in enumerate(categories):
        x0 = LEFT + group_w * i + group_w * 0.1
        for j, (name, values) in enumerate(series):
            value = max(values[i], 0)
            h = plot_h * value / top
            x, y = x0 + bar_w * j, TOP + plot_h - h
            dash = f' stroke-dasharray="{DASHES[j % len(DASHES)]}"' if DASHES[j % 4] else ""
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.9:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[j % len(COLOURS)]}" stroke="#0b0c0c" stroke-width="1"{dash}>'
                f"<title>{escape(name)}, {escape(label)}: {escape(fmt(values[i]))}"
                "</title></rect>"
            )
        parts.append(
            f'<text x="{LEFT + group_w * (i + 0.5):.1f}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle" font-size="13" fill="#0b0c0c">{escape(label)}</text>'
        )
    for j, (name, _) in enumerate(series):
        x = LEFT + j * 140
        parts.append(
            f'<rect x="{x}" y="10" width="14" height="14" fill="{COLOURS[j % len(COLOURS)]}" '
            f'stroke="#0b0c0c"/><text x="{x + 20}" y="22" font-size="13" '
            f'fill="#0b0c0c">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
