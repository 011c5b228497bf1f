"""The small charts (cards, the indicator list's sparklines, the status counts), read like a ruler.

As the indicator chart's tests do (test_pages.py), each drawing is read back from its SVG as a reader
reads it: a point's position against the labelled axis, or against marks whose values the reader
knows from the text beside it (the baseline and target of the row), and a bar's length against the
0 % and 100 % ticks or against its track. The fixture tests/fixtures/statuses/ has an indicator per
status and edge case; rates beyond the bar's scale and a baseline alone are made here as synthetic
indicators.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from packages import read_site
from plansite.chart import (
    CARD_DOTS,
    RATE_HIGH,
    RATE_LOW,
    rate_bar,
    rate_x,
    render_card_chart,
    render_card_legend,
    render_sparkline,
    render_status_bars,
    value_ticks,
)
from plansite.evaluate import STATUSES, evaluate_indicator
from plansite.fmt import format_percent
from plansite.model import Indicator, Observation, Policy, Site

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {
    "real": ROOT / "datapackage",
    "valid": ROOT / "tests" / "fixtures" / "valid",
    "statuses": ROOT / "tests" / "fixtures" / "statuses",
}
SYMBOLS = {
    "achieved": "◎", "on-track": "○", "slightly-behind": "△", "behind": "▲",
    "regressing": "✕", "not-achieved": "✕", "no-data": "－",
}
DAY = datetime.date(2020, 1, 1)




@pytest.fixture(scope="module")
def sites() -> dict[str, Site]:
    return {name: read_site(root) for name, root in PACKAGES.items()}


def synthetic(values: dict[int, float], target: float = 15.0, unit: str = "%", direction: str = "increase",
              baseline_period: int | None = None, target_period: int = 2020) -> Indicator:
    """An indicator with these observations {year: value}, evaluated as the model evaluates them."""
    t0 = min(values) if baseline_period is None else baseline_period
    return Indicator(
        "synthetic", Policy("p1", 1, "テスト", "基本方針 1 テスト"), "合成の指標", "", unit, "年", direction, t0,
        target_period, target, "テスト", "", [Observation(year, value, "テスト", "", DAY) for year, value in sorted(values.items())],
        evaluate_indicator(direction, t0, values[t0], target_period, target, values),
    )


# Reading an SVG back ------------------------------------------------------------------------------


def number(text: str, unit: str) -> float:
    return float(text.removesuffix(unit).replace(",", ""))


def axis_value(axis: list[tuple[float, float]], position: float) -> float:
    """Read a position off two (value, position) marks, as a ruler does."""
    (v0, p0), (v1, p1) = axis[0], axis[-1]
    return v0 + (position - p0) * (v1 - v0) / (p1 - p0)


def star_top(path: str) -> tuple[float, float]:
    """The star's first corner, its top point (the path starts with M x,y)."""
    x, y = path[1:].split("l")[0].split(",")
    return float(x), float(y)


def read_card(svg: str, unit: str) -> dict:
    """What a reader sees on a card's chart. Texts above the rate track belong to the plot: the value
    axis's labels (right-aligned) and the years (centred); texts below it are the rate's ticks."""
    root = ElementTree.fromstring(svg)
    [track] = [r for r in root.iter("rect") if r.get("class") == "mc-track"]
    track_top = float(track.get("y"))
    texts = [(group.get("text-anchor"), t) for group in root.iter("g") for t in group.iter("text")]
    plot = [(anchor, t) for anchor, t in texts if float(t.get("y")) < track_top]
    below = [(anchor, t) for anchor, t in texts if float(t.get("y")) > track_top]
    bars = [r for r in root.iter("rect") if r.get("class") == "mc-bar"]
    [base] = [r for r in root.iter("rect") if r.get("class") == "mc-base"]
    [target] = [p for p in root.iter("path") if p.get("class") == "mc-target"]
    lines = [p for p in root.iter("polyline")]
    return {
        "size": tuple(float(v) for v in root.get("viewBox").split()[2:]),
        "y_axis": sorted(((number(t.text, unit), float(t.get("y"))) for anchor, t in plot if anchor == "end"), key=lambda p: p[0]),
        "x_axis": sorted((int(t.text), float(t.get("x"))) for anchor, t in plot if anchor == "middle" and t.text.isdigit()),
        "notes": [t.text for anchor, t in plot if t.get("class") == "mc-note"],
        "note_x": [float(t.get("x")) for anchor, t in plot if t.get("class") == "mc-note"],
        "line": [tuple(float(v) for v in point.split(",")) for line in lines for point in line.get("points").split()],
        "lines": len(lines),
        "dots": [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter("circle")],
        "base": (float(base.get("x")) + float(base.get("width")) / 2, float(base.get("y")) + float(base.get("height")) / 2),
        "target": star_top(target.get("d")),
        "rate_axis": sorted((number(t.text, "%"), float(t.get("x"))) for anchor, t in below if anchor == "middle"),
        "bar": [(float(r.get("x")), float(r.get("x")) + float(r.get("width"))) for r in bars],
        "cuts": [p.get("d") for p in root.iter("path") if p.get("class") == "mc-cut"],
        "value": [t.text for t in root.iter("text") if t.get("class") == "mc-value"],
        "words": [t.text for anchor, t in below if anchor == "end"],
    }


def read_rate(card: dict) -> float | None:
    """The rate a reader reads off the bar: its end away from the 0 % tick, against the 0 % and 100 %
    ticks; None when there is no bar."""
    if not card["bar"]:
        return None
    [(start, end)] = card["bar"]
    zero = card["rate_axis"][0][1]
    assert start == pytest.approx(zero, abs=0.05) or end == pytest.approx(zero, abs=0.05), "the bar starts at 0 %"
    far = start if abs(start - zero) > abs(end - zero) else end
    return axis_value(card["rate_axis"], far)


def check_card(indicator: Indicator) -> dict:
    """Every mark of a card's chart where its axes say, within the drawing; returns what was read."""
    card = read_card(render_card_chart(indicator), indicator.unit)
    width, height = card["size"]
    y_axis, x_axis = card["y_axis"], card["x_axis"]
    assert len(y_axis) == 2 and y_axis[0][0] <= 0 <= y_axis[1][0] and y_axis[0][0] < y_axis[1][0], "value axis from zero"
    years = [o.period for o in indicator.observations] + [indicator.target_period]
    assert [year for year, _ in x_axis] == [min(years), max(years)], "first and last year labelled"
    unit_x = abs(axis_value(x_axis, 1) - axis_value(x_axis, 0))
    unit_y = abs(axis_value(y_axis, 1) - axis_value(y_axis, 0))

    def at(point: tuple[float, float], year: float, value: float) -> None:
        x, y = point
        assert 0 < x < width and 0 < y < height
        assert axis_value(x_axis, x) == pytest.approx(year, abs=0.15 * unit_x)
        assert axis_value(y_axis, y) == pytest.approx(value, abs=0.15 * unit_y)

    observations = indicator.observations
    if len(observations) >= 2:
        assert card["lines"] == 1 and len(card["line"]) == len(observations)
        for point, o in zip(card["line"], observations, strict=True):
            at(point, o.period, o.value)
    else:
        assert card["lines"] == 0 and card["line"] == [], "no line the data lacks"
    later = [o for o in observations if o.period != indicator.baseline_period]
    if len(observations) > CARD_DOTS:
        later = later[-1:]  # a long series: the line, and the dot of the latest actual
    assert len(card["dots"]) == len(later)
    for point, o in zip(card["dots"], later, strict=True):
        at(point, o.period, o.value)
    at(card["base"], indicator.baseline_period, indicator.baseline.value)
    x, y = card["target"]
    at((x, y + 5.5), indicator.target_period, indicator.target_value)

    # the rate's bar, its ticks and its words
    assert [value for value, _ in card["rate_axis"]] == [0, 100]
    assert card["words"][-1] == "達成率"
    rate = indicator.evaluation.rate
    assert card["value"] == [format_percent(rate)]
    read = read_rate(card)
    if rate is None:
        assert read is None
    else:
        assert read == pytest.approx(min(max(rate, RATE_LOW), RATE_HIGH), abs=0.15)
        assert bool(card["cuts"]) == (not RATE_LOW <= rate <= RATE_HIGH)
    no_data = indicator.evaluation.status == "no-data"
    assert card["notes"] == (["実績未登録"] if no_data else [])
    for x in card["note_x"]:  # centred between the baseline and the target, whole inside the drawing
        assert x == pytest.approx((card["base"][0] + card["target"][0]) / 2, abs=0.1)
        assert 5 * 10 / 2 < x < width - 5 * 10 / 2
    return card


# Cards --------------------------------------------------------------------------------------------


def test_card_charts_draw_every_number_where_the_axes_say(sites) -> None:
    """Every indicator of the three packages, every status among them: the line through the
    observations, the baseline's square and the target's star at the year and value that the axes'
    labels give; the bar as long as the rate against the 0 % and 100 % ticks; 実績未登録 only where
    no actual follows the baseline."""
    statuses = Counter()
    for site in sites.values():
        for indicator in site.indicators:
            check_card(indicator)
            statuses[indicator.evaluation.status] += 1
    assert set(statuses) == set(STATUSES), "the fixture covers every status"


def test_a_rate_over_100_percent_runs_past_the_100_tick(sites) -> None:
    awareness = next(i for i in sites["statuses"].indicators if i.indicator_id == "awareness")
    assert awareness.evaluation.rate > 100
    card = check_card(awareness)
    [(start, end)] = card["bar"]
    assert end > card["rate_axis"][1][1], "past the 100 % tick"
    assert card["cuts"] == []


def test_a_negative_rate_runs_left_of_the_zero_tick(sites) -> None:
    volunteering = next(i for i in sites["statuses"].indicators if i.indicator_id == "volunteering")
    assert volunteering.evaluation.rate < 0
    card = check_card(volunteering)
    [(start, end)] = card["bar"]
    assert start < card["rate_axis"][0][1] and end == pytest.approx(card["rate_axis"][0][1], abs=0.05)


@pytest.mark.parametrize(("latest", "rate"), [(25.0, 300.0), (17.5, 150.0), (15.0, 100.0), (10.0, 0.0), (7.0, -60.0), (4.0, -120.0)])
def test_rates_beyond_the_scale_are_cut_and_written_never_clipped_silently(latest: float, rate: float) -> None:
    """Baseline 10 %, target 15 %: a rate within −30 %…140 % is drawn to scale; beyond, the bar
    stops short of the rate at the scale's edge, with a cut across its far end, and says the rate."""
    indicator = synthetic({2014: 10.0, 2017: latest}, target=15.0)
    assert indicator.evaluation.rate == pytest.approx(rate)
    card = check_card(indicator)
    assert card["value"] == [f"{rate:,.1f}%"]
    read = read_rate(card)
    [(start, end)] = card["bar"]
    if RATE_LOW <= rate <= RATE_HIGH:
        assert read == pytest.approx(rate, abs=0.15) and card["cuts"] == []
        return
    assert abs(read) < abs(rate), "drawn shorter than the rate..."
    [cut] = card["cuts"]
    cut_x = float(cut[1:].split(",")[0])
    if rate > 0:
        assert start < cut_x < end and cut_x > (end + card["rate_axis"][1][1]) / 2, "...with a cut near its far end"
    else:
        assert start < cut_x < end and cut_x < (start + card["rate_axis"][0][1]) / 2, "...with a cut near its far end"
    assert 0 <= start and end <= card["size"][0], "inside the drawing"


def test_a_rate_of_zero_is_written_and_an_undefined_rate_has_no_bar(sites) -> None:
    zero = check_card(synthetic({2014: 10.0, 2016: 10.0}, target=15.0))
    assert zero["bar"] == [(pytest.approx(zero["rate_axis"][0][1]), pytest.approx(zero["rate_axis"][0][1]))]
    assert zero["value"] == ["0.0%"]
    venues = next(i for i in sites["statuses"].indicators if i.indicator_id == "venues")  # target = baseline
    card = check_card(venues)
    assert card["bar"] == [] and card["value"] == ["—"]


def test_a_baseline_alone_shows_the_baseline_and_the_target_and_no_line(sites) -> None:
    indicator = synthetic({2014: 10.6}, target=15.0)
    svg = render_card_chart(indicator)
    card = check_card(indicator)
    assert "<polyline" not in svg and card["dots"] == [] and card["bar"] == []
    assert card["notes"] == ["実績未登録"]


@pytest.mark.plan
def test_shimonoseki_s_baselines_alone_show_no_line(sites) -> None:
    """Shimonoseki's package has baselines only."""
    for real in sites["real"].indicators:
        assert real.evaluation.status == "no-data"
        assert "<polyline" not in render_card_chart(real) and "実績未登録" in render_card_chart(real)


def test_values_before_the_baseline_keep_their_line_and_say_no_actual_yet(sites) -> None:
    """As the indicator page draws them: a line joins observations only, and a value before the
    baseline is one; the card still says that no actual follows the baseline."""
    intermediaries = next(i for i in sites["statuses"].indicators if i.indicator_id == "intermediaries")
    card = check_card(intermediaries)
    assert len(card["line"]) == 2 and card["notes"] == ["実績未登録"]


def test_card_chart_is_decoration_that_scales_to_its_container(sites) -> None:
    for indicator in sites["statuses"].indicators:
        for svg in (render_card_chart(indicator), render_sparkline(indicator)):
            root = ElementTree.fromstring(svg)
            assert root.get("aria-hidden") == "true" and root.get("focusable") == "false"
            assert root.get("width") == "100%" and root.get("height") is None and root.get("viewBox")
            assert "style=" not in svg and " id=" not in svg, "classes, not inline styles; no ids to clash"
            assert len(svg.encode()) < 2048


# Sparklines ---------------------------------------------------------------------------------------


def read_sparkline(svg: str) -> dict:
    root = ElementTree.fromstring(svg)
    [base] = [r for r in root.iter("rect") if r.get("class") == "mc-base"]
    [target] = [p for p in root.iter("path") if p.get("class") == "mc-target"]
    zero = [p.get("d") for p in root.iter("path") if p.get("class") == "mc-zero"]
    return {
        "size": tuple(float(v) for v in root.get("viewBox").split()[2:]),
        "line": [tuple(float(v) for v in point.split(",")) for line in root.iter("polyline") for point in line.get("points").split()],
        "base": (float(base.get("x")) + float(base.get("width")) / 2, float(base.get("y")) + float(base.get("height")) / 2),
        "target": star_top(target.get("d")),
        "zero": float(zero[0].split(",")[1].split("H")[0]) if zero else None,
    }


def test_sparklines_draw_each_point_against_the_baseline_target_and_zero(sites) -> None:
    """No labels on a sparkline: the row's cells give the baseline and the target, and the chart has a
    zero line. Read against those (years between the baseline's square and the target's star, values
    between the zero line and the star), each vertex of the line is its observation."""
    checked = 0
    for site in sites.values():
        # a target of 0 lies on the zero line, which leaves no second value to read the axis against
        for indicator in (i for i in site.indicators if i.target_value != 0):
            spark = read_sparkline(render_sparkline(indicator))
            width, height = spark["size"]
            (bx, by), (tx, ty) = spark["base"], spark["target"]
            ty += 4  # the star's centre
            t0, t1 = indicator.baseline_period, indicator.target_period
            b, target = indicator.baseline.value, indicator.target_value
            assert target != 0 and spark["zero"] is not None
            years = [(t0, bx), (t1, tx)]
            values = [(0.0, spark["zero"]), (target, ty)]
            assert axis_value(values, by) == pytest.approx(b, abs=0.1 * target)
            observations = indicator.observations
            assert len(spark["line"]) == (len(observations) if len(observations) >= 2 else 0)
            for (x, y), o in zip(spark["line"], observations, strict=False):
                assert 0 <= x <= width and 0 <= y <= height
                assert axis_value(years, x) == pytest.approx(o.period, abs=0.1)
                assert axis_value(values, y) == pytest.approx(o.value, abs=0.06 * abs(target))
                checked += 1
    assert checked > 10


# Status counts ------------------------------------------------------------------------------------


def read_status_bars(svg: str) -> list[dict]:
    root = ElementTree.fromstring(svg)
    assert root.get("aria-hidden") == "true" and root.get("width") == "100%"
    words = [t.text for t in root.iter("text") if t.get("class") == "mc-word"]
    counts = [t.text for t in root.iter("text") if t.get("class") == "mc-count"]
    tracks = [r for r in root.iter("rect") if r.get("class") == "mc-track"]
    bars = [r for r in root.iter("rect") if r.get("class", "").startswith("mc-bar ")]
    return [
        {"word": word, "count": count, "class": bar.get("class").split()[1],
         "share": float(bar.get("width")) / float(track.get("width")),
         "starts_with_track": bar.get("x") == track.get("x") and bar.get("y") == track.get("y")}
        for word, count, track, bar in zip(words, counts, tracks, bars, strict=True)
    ]


def test_status_bars_give_each_status_its_words_count_colour_and_share(sites) -> None:
    indicators = sites["statuses"].indicators
    counts = Counter(i.evaluation.status for i in indicators)
    rows = read_status_bars(render_status_bars(dict(counts), STATUSES, SYMBOLS))
    assert [row["word"] for row in rows] == [f"{SYMBOLS[code]} {label}" for code, label in STATUSES.items()]
    assert [row["class"] for row in rows] == [f"mc-s-{code}" for code in STATUSES]
    assert [int(row["count"]) for row in rows] == [counts[code] for code in STATUSES]
    for row, code in zip(rows, STATUSES, strict=True):
        assert row["starts_with_track"]
        assert row["share"] == pytest.approx(counts[code] / len(indicators), abs=0.002)


def test_status_bars_leave_out_statuses_without_indicators_and_refuse_nonsense() -> None:
    rows = read_status_bars(render_status_bars({"no-data": 6, "achieved": 2, "behind": 0}))
    assert [(row["word"], row["count"]) for row in rows] == [("目標達成", "2"), ("実績未登録", "6")]
    assert [row["share"] for row in rows] == [pytest.approx(0.25, abs=0.002), pytest.approx(0.75, abs=0.002)]
    with pytest.raises(ValueError, match="without a label"):
        render_status_bars({"lost": 1})
    with pytest.raises(ValueError, match="no indicator"):
        render_status_bars({"achieved": 0})
    with pytest.raises(ValueError, match="negative"):
        render_status_bars({"achieved": 2, "behind": -1})


# Escaping and determinism -------------------------------------------------------------------------


def test_text_from_the_data_is_escaped(sites) -> None:
    indicator = replace(sites["statuses"].indicators[0], unit="<b>&人")
    for svg in (render_card_chart(indicator), render_sparkline(indicator)):
        ElementTree.fromstring(svg)  # well-formed
        assert "<b>" not in svg
    assert "&lt;b&gt;&amp;人" in render_card_chart(indicator)
    labels = {**STATUSES, "achieved": '<script>alert("x")</script>'}
    svg = render_status_bars({"achieved": 1, "no-data": 1}, labels, {"achieved": "&", "no-data": "<"})
    ElementTree.fromstring(svg)
    assert "<script" not in svg and "&lt;script&gt;" in svg and "&amp; " in svg and "&lt; 実績未登録" in svg
    ElementTree.fromstring(render_card_legend())


def test_the_same_data_gives_the_same_bytes() -> None:
    first, second = read_site(PACKAGES["statuses"]), read_site(PACKAGES["statuses"])
    for a, b in zip(first.indicators, second.indicators, strict=True):
        assert render_card_chart(a) == render_card_chart(b) and render_sparkline(a) == render_sparkline(b)
    counts = Counter(i.evaluation.status for i in first.indicators)
    reordered = dict(sorted(counts.items(), reverse=True))
    assert render_status_bars(dict(counts), symbols=SYMBOLS) == render_status_bars(reordered, symbols=SYMBOLS)


# Properties ---------------------------------------------------------------------------------------

RATES = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)


@given(RATES, RATES)
def test_the_rate_bar_is_to_scale_inside_it_and_cut_outside(a: float, b: float) -> None:
    """From the 0 % tick to the rate, at a fixed number of units per percentage point, inside the
    scale; past its edges, held at the edge and cut; longer for a larger rate (never reversed)."""
    zero, unit = rate_x(0), rate_x(100) - rate_x(0)
    for rate in (a, b):
        bar = rate_bar(rate)
        assert rate_x(RATE_LOW) <= bar.start <= bar.end <= rate_x(RATE_HIGH)
        assert zero in (bar.start, bar.end)
        signed = bar.end - zero if bar.end > zero else bar.start - zero
        if RATE_LOW <= rate <= RATE_HIGH:
            assert signed == pytest.approx(rate * unit / 100, abs=1e-9) and bar.cut == ""
        else:
            assert bar.cut == ("right" if rate > 0 else "left")
            assert abs(signed) == pytest.approx(abs(RATE_HIGH if rate > 0 else RATE_LOW) * unit / 100)
    low, high = sorted((a, b))
    signed_low = rate_bar(low).start if low < 0 else rate_bar(low).end
    signed_high = rate_bar(high).start if high < 0 else rate_bar(high).end
    assert signed_low <= signed_high


TENTHS = st.integers(min_value=-100_000, max_value=1_000_000).map(lambda v: v / 10)


@given(TENTHS, TENTHS, TENTHS)
def test_the_card_bar_reads_as_the_evaluated_rate(baseline: float, target: float, latest: float) -> None:
    assume(target != baseline)
    indicator = synthetic({2014: baseline, 2017: latest}, target=target, unit="人")
    card = check_card(indicator)
    assert card["value"] == [format_percent(indicator.evaluation.rate)]


SERIES = st.dictionaries(st.integers(min_value=2000, max_value=2030), TENTHS, min_size=1, max_size=CARD_DOTS + 4)


@given(SERIES, TENTHS)
def test_any_series_is_drawn_where_the_axes_say(values: dict[int, float], target: float) -> None:
    """Any yearly series (negative values, zeros, a flat line, a target before or after the last
    actual): every mark where the card's axes put it, read through check_card."""
    t0 = min(values)
    indicator = synthetic(values, target=target, unit="件", baseline_period=t0, target_period=t0 + 6)
    check_card(indicator)
    assert len(value_ticks(min([*values.values(), target]), max([*values.values(), target]), 3)[2]) >= 2


# Styles -------------------------------------------------------------------------------------------


def test_every_class_the_small_charts_use_is_styled_and_the_stylesheet_is_listed(sites) -> None:
    """The SVGs carry classes, not colours: a class without a rule would draw black (or nothing)."""
    css = (ROOT / "docs" / "assets" / "stylesheets" / "minicharts.css").read_text(encoding="utf-8")
    styled = set(re.findall(r"\.([a-z][a-z0-9-]*)", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
    indicators = sites["statuses"].indicators
    svgs = [render_card_chart(i) for i in indicators] + [render_sparkline(i) for i in indicators]
    svgs += [render_card_chart(synthetic({2014: 10.0, 2017: 25.0})), render_card_legend()]
    svgs.append(render_status_bars({code: 1 for code in STATUSES}, symbols=SYMBOLS))
    used = {name for svg in svgs for names in re.findall(r'class="([^"]*)"', svg) for name in names.split()}
    assert {"mc-cut", "mc-gap", "mc-s-no-data", "plansite-minichart--status"} <= used
    assert used - styled == set()
    assert "assets/stylesheets/minicharts.css" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
