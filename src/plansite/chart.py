"""Charts: an indicator's figure as plotly data, and as a static SVG drawn from the same numbers.

Contract: pure functions of an Indicator, returning strings or plain data; deterministic bytes
(coordinates rounded to 0.1). Every text from the data goes through esc().

Why two renderings. An indicator page shows the static SVG, written here at build time: it is in the
HTML, so it shows at once, without JavaScript, after instant navigation, on paper and in a preview
opened from disk, and it costs a phone no script. plotly.js (1.2 MB of script) evaluating and drawing
while the page loads blocked a throttled phone for about a second, which alone kept Lighthouse's
mobile performance under design §7's 90 (benchmarks/RESULTS.md). plotly.js draws the same figure
(chart_figure) when a reader asks for the interactive chart (docs/assets/javascripts/charts.js).

The SVG comes in two layouts, one for wide screens and one for phones, and CSS shows one: an SVG scales
as a whole, so a 720-unit chart shrunk to a 343 px phone column would have 6 px labels.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from decimal import Decimal

from .fmt import esc, format_period, format_value
from .model import Indicator

ACTUAL_COLOUR = "#1f5fa8"
PATH_COLOUR = "#6b6b6b"
TARGET_COLOUR = "#b34700"
TEXT_COLOUR = "#404040"
GRID_COLOUR = "#e1e1e1"
ZERO_COLOUR = "#8c8c8c"
PERIOD_OPACITY = 0.08

ACTUAL_NAME = "実績値（現状値を含む）"
PATH_NAME = "直線の経路（期待値）"
TARGET_NAME = "目標値"
PERIOD_NAME = "網かけ: 現状値の年から目標年までの期間"


@dataclass(frozen=True)
class Layout:
    """One SVG layout, in its own units (= CSS px at its natural width, which CSS never exceeds)."""

    name: str
    width: int
    height: int
    font: int
    max_x_ticks: int
    max_y_ticks: int
    titles: bool  # a <title> per point, shown on hover


WIDE = Layout("wide", 720, 320, 14, 12, 6, True)
NARROW = Layout("narrow", 360, 280, 13, 8, 5, False)


def render_chart(indicator: Indicator, summary: str) -> str:
    """The chart block of an indicator page: both SVG layouts inside the element that carries the
    plotly figure, the legend, and the control that swaps in plotly.js (shown by charts.js only,
    since without JavaScript it could do nothing)."""
    figure = json.dumps(chart_figure(indicator), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        '<div class="plansite-chart-box">'
        f'<div class="plansite-chart" role="img" aria-label="{esc(summary)}" data-figure="{esc(figure)}">'
        f"{chart_svg(indicator, WIDE)}{chart_svg(indicator, NARROW)}</div>"
        f"{legend()}"
        '<p class="plansite-chart-control" hidden><button type="button" class="md-button plansite-chart-toggle" aria-pressed="false">'
        "グラフを操作する</button> 値の表示や拡大ができるグラフに切り替えます（初めての時は約400 KBを読み込みます）。"
        '<span class="plansite-chart-status" role="status"></span></p>'
        "</div>\n"
    )


def chart_figure(indicator: Indicator) -> dict:
    """A plotly figure as plain data (the plotly.js schema; tests check it with plotly.py).

    Built as a dict rather than through plotly.graph_objects, whose validation costs milliseconds per
    figure: 1,000 indicators would spend the whole build budget of design §7 there. The legend is the
    page's own (legend()), shared with the static chart.
    """
    unit, kind = indicator.unit, indicator.period_type
    b, t0 = indicator.baseline.value, indicator.baseline_period
    target, t1 = indicator.target_value, indicator.target_period
    hover = f"%{{x}}{kind}: %{{y:,}}{unit}"
    actual = indicator.observations
    years = [o.period for o in actual] + [t0, t1]
    return {
        "data": [
            {
                "type": "scatter", "mode": "lines", "name": PATH_NAME,
                "x": [t0, t1], "y": [b, target],
                "line": {"color": PATH_COLOUR, "dash": "dot", "width": 2},
                "hovertemplate": hover + "<extra>直線の経路</extra>",
            },
            {
                "type": "scatter", "mode": "lines+markers", "name": ACTUAL_NAME,
                "x": [o.period for o in actual], "y": [o.value for o in actual],
                "line": {"color": ACTUAL_COLOUR, "width": 3}, "marker": {"size": 9},
                "hovertemplate": hover + "<extra>実績値</extra>",
            },
            {
                "type": "scatter", "mode": "markers", "name": TARGET_NAME,
                "x": [t1], "y": [target],
                "marker": {"color": TARGET_COLOUR, "size": 16, "symbol": "star"},
                "hovertemplate": hover + "<extra>目標値</extra>",
            },
        ],
        "layout": {
            "autosize": True,
            "height": 340,
            "margin": {"l": 64, "r": 16, "t": 16, "b": 48},
            "font": {"family": "sans-serif", "size": 13},
            "hovermode": "closest",
            "showlegend": False,
            "xaxis": {"title": {"text": kind}, "tickformat": "d", "dtick": 1 if max(years) - min(years) <= 12 else 5, "range": [min(years) - 0.5, max(years) + 0.5]},
            # the unit on each tick (30,000人, 15%): a rotated axis title turns 人 on its side
            "yaxis": {"ticksuffix": unit, "rangemode": "tozero", "tickformat": ",", "automargin": True},
            "shapes": [{
                "type": "rect", "xref": "x", "yref": "paper", "x0": t0, "x1": t1, "y0": 0, "y1": 1,
                "fillcolor": ACTUAL_COLOUR, "opacity": PERIOD_OPACITY, "line": {"width": 0}, "layer": "below",
            }],
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff",
        },
    }


def chart_svg(indicator: Indicator, layout: Layout) -> str:
    """The figure of chart_figure() as one SVG: shaded plan period, y grid from zero, the dotted
    straight path, the actuals as a line with points, the target as a star. On the wide layout each
    point has a <title>, which a mouse shows on hover (a phone has no hover). The SVG itself is
    hidden from screen readers, whose text alternative is the chart element's label and the values
    table."""
    unit, kind = indicator.unit, indicator.period_type
    b, t0 = indicator.baseline.value, indicator.baseline_period
    target, t1 = indicator.target_value, indicator.target_period
    actual = indicator.observations
    years = [o.period for o in actual] + [t0, t1]
    values = [o.value for o in actual] + [target]

    # Scales
    y_low, y_high, y_ticks = value_ticks(min(values), max(values), layout.max_y_ticks)
    labels = [format_value(tick, unit) for tick in y_ticks]
    left = math.ceil(max(text_width(label, layout.font) for label in labels)) + 10
    top, right, bottom = 12, 12, 2 * layout.font + 22
    plot_width, plot_height = layout.width - left - right, layout.height - top - bottom
    x_low, x_high = min(years) - 0.5, max(years) + 0.5
    x_scale, y_scale = plot_width / (x_high - x_low), plot_height / (y_high - y_low)

    def x(year: float) -> str:
        return n(left + (year - x_low) * x_scale)

    def y(value: float) -> str:
        return n(top + (y_high - value) * y_scale)

    # Draw, back to front
    grid = "".join(f"M{left},{y(tick)}H{left + plot_width}" for tick in y_ticks if tick != 0)
    y_labels = "".join(f'<text x="{left - 6}" y="{y(tick)}" dy="0.35em">{esc(label)}</text>' for tick, label in zip(y_ticks, labels, strict=True))
    tick_y = top + plot_height + layout.font + 6
    x_labels = "".join(f'<text x="{x(year)}" y="{tick_y}">{year}</text>' for year in year_ticks(min(years), max(years), layout.max_x_ticks))
    x_title = f'<text x="{n(left + plot_width / 2)}" y="{layout.height - 4}">{esc(kind)}</text>'
    points = " ".join(f"{x(o.period)},{y(o.value)}" for o in actual)
    if layout.titles:
        circles = "".join(
            f'<circle cx="{x(o.period)}" cy="{y(o.value)}" r="4.5"><title>{"現状値" if o.period == t0 else "実績値"} '
            f"{esc(format_period(o.period, kind))}: {esc(format_value(o.value, unit))}</title></circle>"
            for o in actual
        )
        target_title = f"<title>目標値 {esc(format_period(t1, kind))}: {esc(format_value(target, unit))}</title>"
    else:
        circles = "".join(f'<circle cx="{x(o.period)}" cy="{y(o.value)}" r="4.5"/>' for o in actual)
        target_title = ""
    zero = y(0) if y_low <= 0 <= y_high else None
    return "".join([
        f'<svg class="plansite-chart-static plansite-chart-{layout.name}" viewBox="0 0 {layout.width} {layout.height}" '
        f'width="{layout.width}" height="{layout.height}" font-size="{layout.font}" aria-hidden="true" focusable="false">',
        f'<rect x="{x(t0)}" y="{top}" width="{n((t1 - t0) * x_scale)}" height="{plot_height}" fill="{ACTUAL_COLOUR}" fill-opacity="{PERIOD_OPACITY}"/>',
        f'<path d="{grid}" stroke="{GRID_COLOUR}"/>' if grid else "",
        f'<path d="M{left},{zero}H{left + plot_width}" stroke="{ZERO_COLOUR}"/>' if zero is not None else "",
        f'<g fill="{TEXT_COLOUR}" text-anchor="end">{y_labels}</g>',
        f'<g fill="{TEXT_COLOUR}" text-anchor="middle">{x_labels}{x_title}</g>',
        f'<path d="M{x(t0)},{y(b)}L{x(t1)},{y(target)}" stroke="{PATH_COLOUR}" stroke-width="2" stroke-dasharray="0.1 5" stroke-linecap="round"/>',
        f'<polyline points="{points}" fill="none" stroke="{ACTUAL_COLOUR}" stroke-width="3" stroke-linejoin="round"/>',
        f'<g fill="{ACTUAL_COLOUR}">{circles}</g>',
        f'<path d="{star(left + (t1 - x_low) * x_scale, top + (y_high - target) * y_scale, 8.5)}" fill="{TARGET_COLOUR}">{target_title}</path>',
        "</svg>",
    ])


def legend() -> str:
    """The chart's legend as HTML below it: it wraps on a phone, and a screen reader reads it."""
    swatch = '<svg class="plansite-chart-swatch" viewBox="0 0 28 16" width="28" height="16" aria-hidden="true" focusable="false">{}</svg>'
    items = [
        (f'<line x1="2" y1="8" x2="26" y2="8" stroke="{ACTUAL_COLOUR}" stroke-width="3"/><circle cx="14" cy="8" r="4.5" fill="{ACTUAL_COLOUR}"/>', ACTUAL_NAME),
        (f'<line x1="2" y1="8" x2="26" y2="8" stroke="{PATH_COLOUR}" stroke-width="2" stroke-dasharray="0.1 5" stroke-linecap="round"/>', PATH_NAME),
        (f'<path d="{star(14, 8, 7.5)}" fill="{TARGET_COLOUR}"/>', TARGET_NAME),
        (f'<rect x="2" y="1" width="24" height="14" fill="{ACTUAL_COLOUR}" fill-opacity="{PERIOD_OPACITY * 2}" stroke="{GRID_COLOUR}"/>', PERIOD_NAME),
    ]
    body = "".join(f"<li>{swatch.format(drawing)}{esc(name)}</li>" for drawing, name in items)
    return f'<ul class="plansite-chart-legend" aria-label="グラフの凡例">{body}</ul>'


def value_ticks(low: float, high: float, max_ticks: int) -> tuple[float, float, list[float]]:
    """The value axis as plotly draws it with rangemode "tozero": from zero (or below the lowest
    value, if negative) to 5 % above the highest, so that a point never sits on the frame, with ticks
    at a step of 1, 2, 2.5 or 5 × 10ⁿ, at most max_ticks + 1 of them. Steps and ticks are counted in
    decimals, so that the third tick of 0.1 is 0.3, not 0.30000000000000004. Returns the range and
    the ticks."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1
    span = high - low
    low, high = (low - span * 0.05 if low < 0 else low), (high + span * 0.05 if high > 0 else high)
    exponent = (Decimal(span) / max_ticks).adjusted() - 1
    while True:
        for mantissa in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)):
            step = mantissa.scaleb(exponent)
            first, last = math.ceil(Decimal(low) / step), math.floor(Decimal(high) / step)
            if last - first <= max_ticks:
                return low, high, [float(i * step) for i in range(first, last + 1)]
        exponent += 1


def year_ticks(first: int, last: int, max_ticks: int) -> list[int]:
    """Years to label: every year if they fit, else every 2, 5, 10, … years (multiples of the step)."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        ticks = [year for year in range(first, last + 1) if year % step == 0]
        if len(ticks) <= max_ticks:
            return ticks
    return [first, last]


def text_width(text: str, font: int) -> float:
    """Estimated width of a label: about 0.6 em for ASCII digits and signs, 1 em for kana and kanji."""
    return sum(0.6 if ord(c) < 0x2000 else 1.0 for c in text) * font


def star(cx: float, cy: float, radius: float) -> str:
    """A five-pointed star (plotly's "star" marker) as an SVG path, point up."""
    corners = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = math.pi * i / 5 - math.pi / 2
        corners.append(f"{n(cx + r * math.cos(angle))},{n(cy + r * math.sin(angle))}")
    return "M" + "L".join(corners) + "Z"


def n(value: float) -> str:
    """A coordinate with one decimal, without a trailing .0 (deterministic, short)."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        return "0" if text == "-0.0" else text[:-2]
    return text
