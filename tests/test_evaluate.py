"""The progress method of design §6 (src/plansite/evaluate.py), against numbers worked out by hand.

Each expectation below was computed on paper from the formulas on /method/ (docs/method.md):
    達成率 = (a − b) ÷ (T − b) × 100
    e = b + (T − b) × min(t − t0, t1 − t0) ÷ (t1 − t0)
    R = (a − b) ÷ (e − b)
then 目標達成 / 未達成 / 順調 (R ≥ 0.95) / やや遅れ (0.60 ≤ R < 0.95) / 遅れ (0 ≤ R < 0.60) / 後退.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from plansite.evaluate import STATUSES, achievement_rate, evaluate_indicator, expected_value

ROOT = Path(__file__).resolve().parents[1]


def evaluate(direction: str, b: float, t0: int, target: float, t1: int, actuals: dict[int, float]):
    """Evaluate with the baseline observation included, as the model does."""
    return evaluate_indicator(direction, t0, b, t1, target, {t0: b, **actuals})


# Every status, increase direction: b = 10.6 % in 2014, T = 15 % in 2020 (so T − b = 4.4, 6 years)


def test_slightly_behind_worked_example() -> None:
    # 2017: 3 of 6 years gone, e = 10.6 + 4.4 × 3/6 = 12.8; a − b = 1.4
    # rate = 1.4 / 4.4 × 100 = 31.8181…%; R = 1.4 / 2.2 = 0.6363… → やや遅れ
    result = evaluate("increase", 10.6, 2014, 15, 2020, {2017: 12.0})
    assert result.status == "slightly-behind"
    assert result.label == "やや遅れ"
    assert result.latest_period == 2017 and result.latest_value == 12.0
    assert result.rate == pytest.approx(31.818181818, abs=1e-8)
    assert result.expected_value == pytest.approx(12.8, abs=1e-12)
    assert result.ratio == pytest.approx(0.636363636, abs=1e-8)


def test_on_track_at_exactly_095() -> None:
    # a − b = 2.09, e − b = 2.2: R = 0.95 exactly, as a clerk computes it → 順調 (rate 47.5%)
    result = evaluate("increase", 10.6, 2014, 15, 2020, {2017: 12.69})
    assert (result.status, result.ratio, result.rate) == ("on-track", 0.95, 47.5)


def test_just_below_095_is_slightly_behind() -> None:
    # a − b = 2.08: R = 2.08 / 2.2 = 0.94545… → やや遅れ
    result = evaluate("increase", 10.6, 2014, 15, 2020, {2017: 12.68})
    assert result.status == "slightly-behind"
    assert result.ratio == pytest.approx(0.945454545, abs=1e-8)


def test_slightly_behind_at_exactly_060() -> None:
    # a − b = 1.32 = 0.6 × 2.2 → R = 0.60 exactly → やや遅れ; 1.31 → 0.5954… → 遅れ
    assert evaluate("increase", 10.6, 2014, 15, 2020, {2017: 11.92}).status == "slightly-behind"
    assert evaluate("increase", 10.6, 2014, 15, 2020, {2017: 11.91}).status == "behind"


def test_behind_and_zero_progress() -> None:
    # 2018: e = 10.6 + 4.4 × 4/6 = 13.5333…; a = 11.0: R = 0.4 / 2.9333… = 0.13636… → 遅れ
    result = evaluate("increase", 10.6, 2014, 15, 2020, {2018: 11.0})
    assert result.status == "behind"
    assert result.ratio == pytest.approx(0.136363636, abs=1e-8)
    assert result.rate == pytest.approx(9.090909091, abs=1e-8)
    # No change since the baseline: R = 0 is still 遅れ (0 ≤ R < 0.60), not 後退
    still = evaluate("increase", 10.6, 2014, 15, 2020, {2016: 10.6})
    assert (still.status, still.rate, still.ratio) == ("behind", 0.0, 0.0)


def test_regressing() -> None:
    # 2016: e = 10.6 + 4.4 × 2/6 = 12.0666…; a = 9.5: a − b = −1.1
    # rate = −1.1 / 4.4 × 100 = −25%; R = −1.1 / 1.4666… = −0.75 → 後退
    result = evaluate("increase", 10.6, 2014, 15, 2020, {2016: 9.5})
    assert result.status == "regressing"
    assert result.rate == -25.0
    assert result.ratio == pytest.approx(-0.75, abs=1e-12)


def test_achieved_before_the_target_year() -> None:
    # 2018: a = 15.2 ≥ T → 目標達成 although t < t1; rate = 4.6 / 4.4 × 100 = 104.5454…%
    result = evaluate("increase", 10.6, 2014, 15, 2020, {2016: 12.0, 2018: 15.2})
    assert result.status == "achieved"
    assert result.rate == pytest.approx(104.545454545, abs=1e-8)
    # exactly at the target: 100%
    exact = evaluate("increase", 10.6, 2014, 15, 2020, {2019: 15})
    assert (exact.status, exact.rate) == ("achieved", 100.0)


def test_not_achieved_in_the_target_year() -> None:
    # 2020 = t1: e = T = 15; a = 14.5: rate = 3.9 / 4.4 × 100 = 88.6363…%, R = 0.8863… → 未達成
    result = evaluate("increase", 10.6, 2014, 15, 2020, {2020: 14.5})
    assert result.status == "not-achieved"
    assert result.expected_value == 15
    assert result.rate == pytest.approx(88.636363636, abs=1e-8)


def test_actuals_beyond_the_target_year() -> None:
    # 59 施策 in 2014 → 70 in 2020; the latest actual (2021: 68) counts, e is held at T = 70.
    # rate = 9 / 11 × 100 = 81.8181…%; R = 9 / 11 → 未達成 (the target year has passed)
    result = evaluate("increase", 59, 2014, 70, 2020, {2017: 62, 2020: 66, 2021: 68})
    assert (result.status, result.latest_period, result.latest_value) == ("not-achieved", 2021, 68)
    assert result.expected_value == 70
    assert result.rate == pytest.approx(81.818181818, abs=1e-8)
    assert result.ratio == pytest.approx(0.818181818, abs=1e-8)
    # Reaching the target only after the target year is still 目標達成
    late = evaluate("increase", 59, 2014, 70, 2020, {2020: 66, 2022: 71})
    assert (late.status, late.latest_period) == ("achieved", 2022)


def test_the_latest_actual_counts_not_the_best() -> None:
    # 15.2 in 2016 had reached T, but 2018's 12.0 is the latest: e = 13.5333…, R = 1.4 / 2.9333… = 0.477 → 遅れ
    result = evaluate("increase", 10.6, 2014, 15, 2020, {2018: 12.0, 2016: 15.2})
    assert (result.status, result.latest_period) == ("behind", 2018)
    assert result.ratio == pytest.approx(0.477272727, abs=1e-8)


# 実績未登録


def test_no_actual_after_the_baseline() -> None:
    result = evaluate_indicator("increase", 2014, 10.6, 2020, 15, {2014: 10.6})
    assert result.status == "no-data" and result.label == "実績未登録"
    assert result.latest_period is None and result.rate is None and result.ratio is None
    assert result.reason == ""  # the page says why, with the period in words


def test_only_years_before_the_baseline_is_no_data() -> None:
    result = evaluate_indicator("increase", 2014, 2, 2020, 4, {2012: 1, 2014: 2})
    assert result.status == "no-data"
    assert result.latest_period is None


# Decrease direction: 40 件 in 2014 → 20 件 in 2020 (T − b = −20)


def test_decrease_behind() -> None:
    # 2017: e = 40 − 20 × 3/6 = 30; a = 36: rate = −4 / −20 × 100 = 20%; R = −4 / −10 = 0.4 → 遅れ
    result = evaluate("decrease", 40, 2014, 20, 2020, {2017: 36})
    assert (result.status, result.expected_value, result.rate, result.ratio) == ("behind", 30, 20.0, 0.4)


def test_decrease_on_track_and_slightly_behind() -> None:
    # 2017, e = 30: a = 30 → R = 1 → 順調; a = 33 → R = 0.7 → やや遅れ
    assert evaluate("decrease", 40, 2014, 20, 2020, {2017: 30}).status == "on-track"
    result = evaluate("decrease", 40, 2014, 20, 2020, {2017: 33})
    assert (result.status, result.ratio, result.rate) == ("slightly-behind", 0.7, 35.0)


def test_decrease_regressing_achieved_not_achieved() -> None:
    # a = 44 > b: rate = 4 / −20 × 100 = −20%, R = 4 / −10 = −0.4 → 後退
    up = evaluate("decrease", 40, 2014, 20, 2020, {2017: 44})
    assert (up.status, up.rate, up.ratio) == ("regressing", -20.0, -0.4)
    # a = 19 ≤ T before t1 → 目標達成 (rate 105%)
    down = evaluate("decrease", 40, 2014, 20, 2020, {2017: 19})
    assert (down.status, down.rate) == ("achieved", 105.0)
    # a = 25 in 2020: not at or below T → 未達成 (rate 75%)
    short = evaluate("decrease", 40, 2014, 20, 2020, {2020: 25})
    assert (short.status, short.rate) == ("not-achieved", 75.0)


def test_no_negative_zero() -> None:
    """(b − b) ÷ (T − b) with T < b is −0.0 in binary floats; a page must never show −0.0%."""
    result = evaluate("decrease", 40, 2014, 20, 2020, {2016: 40})
    assert result.rate == 0 and math.copysign(1, result.rate) == 1
    assert result.ratio == 0 and math.copysign(1, result.ratio) == 1
    assert result.status == "behind"


# Target equal to baseline ("keep the level"): rate and R undefined, status by the level held


def test_keep_level_held_is_achieved() -> None:
    result = evaluate("increase", 3, 2014, 3, 2019, {2016: 3})
    assert (result.status, result.rate, result.ratio, result.expected_value) == ("achieved", None, None, 3)
    assert evaluate("increase", 3, 2014, 3, 2019, {2016: 4}).status == "achieved"
    assert evaluate("decrease", 3, 2014, 3, 2019, {2016: 2}).status == "achieved"


def test_keep_level_lost_before_and_after_the_target_year() -> None:
    before = evaluate("increase", 3, 2014, 3, 2019, {2016: 2})
    assert (before.status, before.rate, before.ratio) == ("regressing", None, None)
    assert "水準を保つ" in before.reason and "下回った" in before.reason
    assert "上回った" in evaluate("decrease", 3, 2014, 3, 2019, {2016: 4}).reason
    after = evaluate("increase", 3, 2014, 3, 2019, {2019: 2})
    assert (after.status, after.rate) == ("not-achieved", None)


# Baseline of 0: nothing divides by b


def test_baseline_zero() -> None:
    # 0 件 in 2014 → 12 in 2019 (5 fiscal years); 2017: e = 12 × 3/5 = 7.2; a = 8
    # rate = 8 / 12 × 100 = 66.666…%; R = 8 / 7.2 = 1.111… → 順調
    result = evaluate("increase", 0, 2014, 12, 2019, {2017: 8})
    assert result.status == "on-track"
    assert result.expected_value == pytest.approx(7.2, abs=1e-12)
    assert result.rate == pytest.approx(66.666666667, abs=1e-8)
    assert result.ratio == pytest.approx(1.111111111, abs=1e-8)
    # a decrease towards 0
    towards_zero = evaluate("decrease", 6, 2014, 0, 2020, {2017: 3})
    assert (towards_zero.status, towards_zero.rate, towards_zero.ratio) == ("on-track", 50.0, 1.0)


def test_expected_value_on_the_path() -> None:
    assert expected_value(28239, 2013, 29000, 2019, 2013) == 28239
    assert expected_value(28239, 2013, 29000, 2019, 2016) == 28619.5  # 28,239 + 761 × 3/6 (method page)
    assert expected_value(28239, 2013, 29000, 2019, 2019) == 29000
    assert expected_value(28239, 2013, 29000, 2019, 2025) == 29000  # held at T after t1


def test_method_page_worked_example() -> None:
    """docs/method.md's example: 28,239 → 29,000 人, a = 28,500 in 2016 → 34.3%, e = 28,619.5, R = 0.69."""
    result = evaluate("increase", 28239, 2013, 29000, 2019, {2016: 28500})
    assert result.status == "slightly-behind"
    assert round(result.rate, 1) == 34.3
    assert result.expected_value == 28619.5
    assert round(result.ratio, 2) == 0.69
    method = (ROOT / "docs" / "method.md").read_text(encoding="utf-8")
    assert "**34.3%**" in method and "**28,619.5人**" in method and "**0.69**" in method


def test_method_page_lists_every_status_and_threshold() -> None:
    """The method page, the module docstring and the code name the same statuses and thresholds."""
    method = (ROOT / "docs" / "method.md").read_text(encoding="utf-8")
    table = method[method.index("## 状況の判定") : method.index("## 計算の例")]
    rows = re.findall(r"^\| \S+ (\S+) \| (.+) \|$", table, flags=re.MULTILINE)
    assert [label for label, _ in rows] == [
        "目標達成", "未達成", "順調", "やや遅れ", "遅れ", "後退", "実績未登録",
    ]
    assert set(STATUSES.values()) == {label for label, _ in rows}
    conditions = dict(rows)
    assert "0.95 以上" in conditions["順調"]
    assert "0.60 以上 0.95 未満" in conditions["やや遅れ"]
    assert "0 以上 0.60 未満" in conditions["遅れ"]
    assert "0 未満" in conditions["後退"]


# Properties ------------------------------------------------------------------------------------------
#
# Values are decimals as a CSV holds them (an integer over 10^k, k ≤ 3) within realistic magnitudes.
# The mirror tests use integer-valued inputs so that the mirrored values (c − x) are exact binary
# floats as well; the engine itself computes exactly on the decimals written.

decimals = st.builds(lambda n, k: n / 10**k, st.integers(0, 10**8), st.integers(0, 3))
years = st.integers(1990, 2050)
# No deadline: a loaded CI machine must not turn a slow example into a failure (no timed tests).
untimed = settings(deadline=None)


@st.composite
def indicators(draw, values=decimals):
    t0 = draw(years)
    t1 = draw(st.integers(t0 + 1, t0 + 30))
    b = draw(values)
    target = draw(values.filter(lambda v: v != b))
    return b, t0, target, t1


@untimed
@given(indicators(), st.integers(1, 40), st.sampled_from(["increase", "decrease"]))
def test_rate_is_0_at_the_baseline_and_100_at_the_target(indicator, later, direction) -> None:
    b, t0, target, t1 = indicator
    assert achievement_rate(b, target, b) == 0
    assert achievement_rate(b, target, target) == 100
    at_baseline = evaluate(direction, b, t0, target, t1, {t0 + later: b})
    assert at_baseline.rate == 0 and math.copysign(1, at_baseline.rate) == 1
    at_target = evaluate(direction, b, t0, target, t1, {t0 + later: target})
    assert at_target.rate == 100
    assert expected_value(b, t0, target, t1, t0) == b
    assert expected_value(b, t0, target, t1, t1) == target


integers = st.integers(0, 10**6)
MIRROR = 10**6


@untimed
@given(indicators(integers), st.integers(1, 40), integers)
def test_increase_and_decrease_are_mirror_images(indicator, later, a) -> None:
    """Reflecting every value (v → c − v) and the direction leaves status, rate and R unchanged."""
    b, t0, target, t1 = indicator
    t = t0 + later
    up = evaluate("increase", b, t0, target, t1, {t: a})
    down = evaluate("decrease", MIRROR - b, t0, MIRROR - target, t1, {t: MIRROR - a})
    assert (down.status, down.rate, down.ratio) == (up.status, up.rate, up.ratio)
    assert down.expected_value == pytest.approx(MIRROR - up.expected_value, abs=1e-6)
    # and by negation, where every value stays exact
    negated = evaluate("decrease", -b, t0, -target, t1, {t: -a})
    assert (negated.status, negated.rate, negated.ratio) == (up.status, up.rate, up.ratio)


# Better outcome, higher rank; 後退 and 未達成 are both the bottom of their regime.
RANK = {"regressing": 0, "not-achieved": 0, "behind": 1, "slightly-behind": 2, "on-track": 3, "achieved": 4}


@untimed
@given(indicators(), st.integers(1, 40), decimals, decimals, st.sampled_from(["increase", "decrease"]))
def test_status_is_monotonic_in_the_actual(indicator, later, a1, a2, direction) -> None:
    """A better actual (higher when increase is wanted, lower when decrease) never gets a worse status."""
    b, t0, target, t1 = indicator
    assume(a1 != a2)
    worse, better = sorted((a1, a2), reverse=(direction == "decrease"))
    t = t0 + later
    first = evaluate(direction, b, t0, target, t1, {t: worse})
    second = evaluate(direction, b, t0, target, t1, {t: better})
    assert RANK[first.status] <= RANK[second.status], (first, second)


@untimed
@given(indicators(), st.integers(1, 40), decimals, st.sampled_from(["increase", "decrease"]))
def test_status_follows_the_table(indicator, later, a, direction) -> None:
    """The status is the first row of the method's table that holds, read off rate and R."""
    b, t0, target, t1 = indicator
    t = t0 + later
    result = evaluate(direction, b, t0, target, t1, {t: a})
    reached = a >= target if direction == "increase" else a <= target
    if reached:
        assert result.status == "achieved"
    elif t >= t1:
        assert result.status == "not-achieved"
    else:
        # R and the rate agree in sign: both measure a − b against the direction of T − b
        assert (result.ratio < 0) == (result.rate < 0)
        assert result.status == (
            "on-track" if result.ratio >= 0.95
            else "slightly-behind" if result.ratio >= 0.60
            else "behind" if result.ratio >= 0
            else "regressing"
        )
