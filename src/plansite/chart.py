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
from functools import lru_cache

from .evaluate import STATUSES
from .fmt import esc, format_percent, format_period, format_value
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
# Each status's symbol, beside its words on the pages, in the status bars and on the cards (card.py)
STATUS_SYMBOLS = {
    "achieved": "◎", "on-track": "○", "slightly-behind": "△", "behind": "▲",
    "regressing": "✕", "not-achieved": "✕", "no-data": "－",
}


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



def static_charts(indicator: Indicator) -> str:
    """Both layouts of the static chart, the wide one first (CSS shows one): the indicator page and
    its embed page show the same, drawn once."""
    return chart_svg(indicator, WIDE) + chart_svg(indicator, NARROW)


def render_chart(indicator: Indicator, summary: str, svgs: str) -> str:
    """The chart block of an indicator page: both SVG layouts (static_charts) inside the element that
    carries the plotly figure, the legend, and the control that swaps in plotly.js (shown by
    charts.js only, since without JavaScript it could do nothing)."""
    figure = json.dumps(chart_figure(indicator), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        '<div class="plansite-chart-box">'
        f'<div class="plansite-chart" role="img" aria-label="{esc(summary)}" data-figure="{esc(figure)}">'
        f"{svgs}</div>"
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


# Small charts (home and policy cards, the indicator list, status counts) ------------------------
#
# Decoration beside text that carries every number (the card, the table row, the counts table), so
# each SVG is aria-hidden. Colours come from classes (docs/assets/stylesheets/minicharts.css), not
# inline styles: a home page with 1,000 cards repeats the class names, which compress to little, and a
# fork restyles them in one place. Shapes carry the meaning as well as colours: the baseline is a
# square, the actuals are dots on a line, the target is a star (as on the indicator page). No ids, so
# that 1,000 charts on one page never clash, and no <use> of a shared symbol, so that each chart
# draws on its own wherever it is placed. Each SVG is width="100%" of its container, with a viewBox
# and no pixel size, so that it never widens a 375 px phone screen.

MINI = "plansite-minichart"

CARD_WIDTH, CARD_HEIGHT, CARD_FONT = 200, 104, 10
CARD_PLOT_TOP, CARD_PLOT_HEIGHT = 8, 50  # the actuals' plot, above the rate bar
CARD_RIGHT = 13  # room right of the last year: half its label
# The achievement-rate bar, on one scale on every card, so that cards side by side compare: 0 % at
# x = 30 and 100 % at x = 110. Between −30 % and 140 % the bar is drawn to scale, past the 100 % tick
# or left of the 0 % tick; beyond, it stops at the edge with a cut (a white gap between two slanted
# strokes, as a broken axis is drawn) and the value written beside it says how far.
RATE_ZERO_X, RATE_UNIT = 30.0, 0.8
RATE_LOW, RATE_HIGH = -30.0, 140.0
RATE_TOP, RATE_HEIGHT = 80, 8

CARD_DOTS = 8  # the longest series drawn with a dot on every actual

SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 96, 32, 4

STATUS_WIDTH, STATUS_FONT, STATUS_ROW = 320, 12, 22


@dataclass(frozen=True)
class RateBar:
    """Where an achievement-rate bar runs on a card (start ≤ end, in card units), and at which end
    it is cut because the rate lies beyond the drawn scale ("", "left" or "right")."""

    start: float
    end: float
    cut: str


def rate_bar(rate: float) -> RateBar:
    """The bar of a rate: from 0 % to the rate, to scale between RATE_LOW and RATE_HIGH, else to the
    edge of the scale with a cut at that end. Never clipped silently: the cut and the written value
    show a rate that the scale cannot hold."""
    shown = min(max(rate, RATE_LOW), RATE_HIGH)
    end = rate_x(shown)
    cut = "right" if rate > RATE_HIGH else "left" if rate < RATE_LOW else ""
    return RateBar(min(RATE_ZERO_X, end), max(RATE_ZERO_X, end), cut)


def rate_x(rate: float) -> float:
    return RATE_ZERO_X + rate * RATE_UNIT


def render_card_chart(indicator: Indicator, no_data: str = STATUSES["no-data"]) -> str:
    """The small chart of an indicator card: above, the actuals as a line of dots from the baseline
    (a square; beyond CARD_DOTS observations, a dot on the latest only) with the target (a star), the value axis from zero labelled at its lowest and highest
    tick, the first and last years below; under it, the achievement rate as a bar on a scale marked
    0 % and 100 %, the rate written beside it. With no actual after the baseline, the chart says
    「実績未登録」 between the baseline and the target and draws no line that the data lacks (a line
    joins observations only, as on the indicator page, so values before the baseline keep theirs)."""
    unit = indicator.unit
    b, t0 = indicator.baseline.value, indicator.baseline_period
    target, t1 = indicator.target_value, indicator.target_period
    actual = indicator.observations
    evaluation = indicator.evaluation
    years = [o.period for o in actual] + [t1]
    values = [o.value for o in actual] + [target]

    # Scales: values from zero (as the indicator page's chart), years from first to last
    y_low, y_high, y_ticks = value_ticks(min(values), max(values), 3)
    ticks = [y_ticks[0], y_ticks[-1]]
    labels = [format_value(tick, unit) for tick in ticks]
    left = min(math.ceil(max(text_width(label, CARD_FONT) for label in labels)) + 6, CARD_WIDTH - 60)
    first, last = min(years), max(years)
    x_left, x_right = left + 6, CARD_WIDTH - CARD_RIGHT
    x_scale = (x_right - x_left) / (last - first)
    y_scale = CARD_PLOT_HEIGHT / (y_high - y_low)

    def x(year: float) -> float:
        return x_left + (year - first) * x_scale

    def y(value: float) -> float:
        return CARD_PLOT_TOP + (y_high - value) * y_scale

    # Plot: grid and labels, the line, the marks
    bottom = CARD_PLOT_TOP + CARD_PLOT_HEIGHT
    grid = "".join(f"M{left},{n(y(tick))}H{CARD_WIDTH}" for tick in ticks)
    y_labels = "".join(f'<text x="{left - 3}" y="{n(y(tick))}" dy="0.35em">{esc(label)}</text>' for tick, label in zip(ticks, labels, strict=True))
    x_labels = f'<text x="{n(x(first))}" y="{bottom + 14}">{first}</text><text x="{n(x(last))}" y="{bottom + 14}">{last}</text>'
    line = polyline(actual, x_left - first * x_scale, x_scale, CARD_PLOT_TOP + y_high * y_scale, -y_scale)
    # A dot per actual in a short series; in a long one, the dot of the latest only (the line has them
    # all): twenty dots on a card are a blur, and 1,000 cards would carry 20,000 circles
    dotted = [o for o in actual if o.period != t0]
    if len(actual) > CARD_DOTS:
        dotted = dotted[-1:]
    dots = "".join(f'<circle cx="{n(x(o.period))}" cy="{n(y(o.value))}" r="2.5"/>' for o in dotted)
    base = f'<rect class="mc-base" x="{n(x(t0) - 3)}" y="{n(y(b) - 3)}" width="6" height="6"/>'
    goal = f'<path class="mc-target" d="{small_star(x(t1), y(target), 5.5)}"/>'
    note = ""
    if evaluation is not None and evaluation.latest_period is None:
        note = f'<text class="mc-note" x="{n((x(t0) + x(t1)) / 2)}" y="{n(CARD_PLOT_TOP + CARD_PLOT_HEIGHT / 2)}" dy="0.35em">{esc(no_data)}</text>'

    return "".join([
        f'<svg class="{MINI} {MINI}--card" viewBox="0 0 {CARD_WIDTH} {CARD_HEIGHT}" width="100%" font-size="{CARD_FONT}" aria-hidden="true" focusable="false">',
        f'<path class="mc-grid" d="{grid}"/>',
        f'<g text-anchor="end">{y_labels}</g>',
        f'<g text-anchor="middle">{x_labels}{note}</g>',
        line,
        f'<g class="mc-actual">{dots}</g>' if dots else "",
        base,
        goal,
        rate_row(None if evaluation is None else evaluation.rate),
        "</svg>",
    ])


def polyline(observations: list, x0: float, x_scale: float, y0: float, y_scale: float) -> str:
    """The observations as one line, at (x0 + period·x_scale, y0 + value·y_scale); none for fewer than
    two observations, since a line needs two figures that the data has. (The scales are passed as
    numbers rather than as the callers' x() and y(): 1,000 cards of 20 years call this 20,000 times.)"""
    if len(observations) < 2:
        return ""
    points = " ".join(f"{n(x0 + o.period * x_scale)},{n(y0 + o.value * y_scale)}" for o in observations)
    return f'<polyline class="mc-line" points="{points}" fill="none"/>'


def rate_row(rate: float | None) -> str:
    """The card's achievement-rate row: the 0–100 % track, the bar (none when the rate is undefined:
    no actual yet, or a target equal to the baseline), its cut if any, the 0 % and 100 % ticks over
    the bar, and the words: the rate (as the card writes it) and 「達成率」."""
    top, height = RATE_TOP, RATE_HEIGHT
    track, scale = rate_scale()
    parts = [track]
    if rate is not None:
        bar = rate_bar(rate)
        start, end = round(bar.start, 1), round(bar.end, 1)  # the bar's ends exact to a tenth, as drawn
        parts.append(f'<rect class="mc-bar" x="{n(start)}" y="{top}" width="{n(end - start)}" height="{height}"/>')
        if bar.cut:
            cut_x = bar.end - 8 if bar.cut == "right" else bar.start + 6
            parts.append(
                f'<path class="mc-gap" d="M{n(cut_x - 2)},{top - 2}h4l2,{height + 4}h-4z"/>'
                f'<path class="mc-cut" d="M{n(cut_x - 2)},{top - 2}l2,{height + 4}m2,-{height + 4}l2,{height + 4}"/>'
            )
    parts.append(scale)
    parts.append(
        f'<g text-anchor="end"><text class="mc-value" x="{CARD_WIDTH - 2}" y="{n(top + height / 2)}" dy="0.35em">{esc(format_percent(rate))}</text>'
        f'<text x="{CARD_WIDTH - 2}" y="{top + height + 13}">達成率</text></g>'
    )
    return "".join(parts)


@lru_cache(maxsize=1)
def rate_scale() -> tuple[str, str]:
    """The parts of the rate row that every card shares: the track, and the 0 % and 100 % ticks with
    their labels."""
    top, height, zero, full = RATE_TOP, RATE_HEIGHT, n(RATE_ZERO_X), n(rate_x(100))
    label_y = top + height + 13
    return (
        f'<rect class="mc-track" x="{zero}" y="{top}" width="{n(rate_x(100) - RATE_ZERO_X)}" height="{height}"/>',
        f'<path class="mc-tick" d="M{zero},{top - 3}v{height + 6}M{full},{top - 3}v{height + 6}"/>'
        f'<g text-anchor="middle"><text x="{zero}" y="{label_y}">0%</text><text x="{full}" y="{label_y}">100%</text></g>',
    )


def render_card_legend() -> str:
    """One legend for all the cards of a page, in words (the cards' charts are hidden from screen
    readers, and so is this legend of them)."""
    swatch = f'<svg class="{MINI}-swatch" viewBox="0 0 20 12" width="20" height="12" aria-hidden="true" focusable="false">{{}}</svg>'
    items = [
        ('<rect class="mc-base" x="7" y="3" width="6" height="6"/>', "現状値"),
        ('<path class="mc-line" d="M1,9L19,3" fill="none"/><circle class="mc-actual" cx="10" cy="6" r="2.5"/>', "実績値"),
        (f'<path class="mc-target" d="{small_star(10, 6.5, 5.5)}"/>', "目標値"),
        ('<rect class="mc-track" x="1" y="2" width="18" height="8"/><rect class="mc-bar" x="1" y="2" width="12" height="8"/>',
         "達成率（0%〜100%の目盛り。はみ出す値は目盛りの外へ延ばし、入りきらない分は切れ目で示します）"),
    ]
    body = "".join(f"<li>{swatch.format(drawing)}{name}</li>" for drawing, name in items)
    return f'<ul class="{MINI}-legend" aria-hidden="true">{body}</ul>'


def render_sparkline(indicator: Indicator) -> str:
    """A tiny line for the indicator list: the actuals from the baseline (a square) on a value scale
    from zero (a faint zero line), and the target (a star), so that the row shows the trend and the
    distance left. No labels: the row's cells carry the numbers. With the baseline alone there is
    no line, only the square and the star."""
    b, t0 = indicator.baseline.value, indicator.baseline_period
    target, t1 = indicator.target_value, indicator.target_period
    actual = indicator.observations
    years = [o.period for o in actual] + [t1]
    values = [o.value for o in actual] + [target]
    y_low, y_high, _ = value_ticks(min(values), max(values), 3)
    first, last = min(years), max(years)
    x_scale = (SPARK_WIDTH - 2 * SPARK_PAD) / (last - first)
    y_scale = (SPARK_HEIGHT - 2 * SPARK_PAD) / (y_high - y_low)

    def x(year: float) -> float:
        return SPARK_PAD + (year - first) * x_scale

    def y(value: float) -> float:
        return SPARK_PAD + (y_high - value) * y_scale

    line = polyline(actual, SPARK_PAD - first * x_scale, x_scale, SPARK_PAD + y_high * y_scale, -y_scale)
    return "".join([
        f'<svg class="{MINI} {MINI}--spark" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" width="100%" aria-hidden="true" focusable="false">',
        f'<path class="mc-zero" d="M0,{n(y(0))}H{SPARK_WIDTH}"/>' if y_low <= 0 <= y_high else "",
        line,
        f'<rect class="mc-base" x="{n(x(t0) - 2.5)}" y="{n(y(b) - 2.5)}" width="5" height="5"/>',
        f'<path class="mc-target" d="{small_star(x(t1), y(target), 4)}"/>',
        "</svg>",
    ])


def render_status_bars(counts: dict[str, int], labels: dict[str, str] = STATUSES, symbols: dict[str, str] | None = None) -> str:
    """The status counts as horizontal bars: a row per status that has indicators, in the order of
    labels (the method's order), each with its symbol and words, a bar in the status's colour over a
    track as long as all the indicators together (so a bar's length is its share), and the count.
    labels are the plan's words for the status codes (evaluate.STATUSES by default); symbols are the
    badges' symbols (◎ ○ …), written before the words when given. An unknown status code, a negative
    count or no indicator at all is the caller's error and raises ValueError."""
    unknown = sorted(set(counts) - set(labels))
    if unknown:
        raise ValueError(f"status codes without a label: {unknown}")
    if any(count < 0 for count in counts.values()):
        raise ValueError(f"negative count in {counts}")
    total = sum(counts.values())
    if total == 0:
        raise ValueError("no indicator to count")
    rows = [(code, counts[code]) for code in labels if counts.get(code, 0) > 0]
    words = [f"{symbols[code]} {labels[code]}" if symbols and symbols.get(code) else labels[code] for code, _ in rows]
    left = math.ceil(max(text_width(word, STATUS_FONT) for word in words)) + 10
    right = math.ceil(text_width(str(total), STATUS_FONT)) + 8
    track = STATUS_WIDTH - left - right
    height = STATUS_ROW * len(rows) + 4
    body = []
    for i, ((code, count), word) in enumerate(zip(rows, words, strict=True)):
        top = 4 + i * STATUS_ROW
        middle = n(top + (STATUS_ROW - 4) / 2)
        body.append(
            f'<text class="mc-word" x="{left - 6}" y="{middle}" dy="0.35em">{esc(word)}</text>'
            f'<rect class="mc-track" x="{left}" y="{top}" width="{track}" height="{STATUS_ROW - 4}"/>'
            f'<rect class="mc-bar mc-s-{esc(code)}" x="{left}" y="{top}" width="{n(track * count / total)}" height="{STATUS_ROW - 4}"/>'
            f'<text class="mc-count" x="{STATUS_WIDTH - 2}" y="{middle}" dy="0.35em">{count}</text>'
        )
    return (
        f'<svg class="{MINI} {MINI}--status" viewBox="0 0 {STATUS_WIDTH} {height}" width="100%" font-size="{STATUS_FONT}" '
        f'text-anchor="end" aria-hidden="true" focusable="false">{"".join(body)}</svg>'
    )


def small_star(cx: float, cy: float, radius: float) -> str:
    """star() with its corners relative to the first: every star of one size is then the same text
    after its starting point, which gzip sends almost for free on a page of 1,000 cards."""
    top, steps = star_steps(radius)
    return f"M{n(cx)},{n(cy + top)}{steps}z"


@lru_cache(maxsize=8)
def star_steps(radius: float) -> tuple[float, str]:
    """The star's top corner (its offset above the centre) and the steps from corner to corner."""
    corners = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = math.pi * i / 5 - math.pi / 2
        corners.append((round(r * math.cos(angle), 1), round(r * math.sin(angle), 1)))
    steps = "".join(f"l{n(x1 - x0)},{n(y1 - y0)}" for (x0, y0), (x1, y1) in zip(corners, corners[1:], strict=False))
    return corners[0][1], steps
