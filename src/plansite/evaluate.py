"""Evaluate: the progress status of each indicator, by the method of design §6. Pure functions.

For baseline b in year t0, target T in year t1 and latest actual a in year t:

    達成率 (achievement rate)   = (a − b) / (T − b) × 100
    expected value on the path  e = b + (T − b) · min(t − t0, t1 − t0) / (t1 − t0)
    progress ratio              R = (a − b) / (e − b)

Status, first match wins:
    目標達成   a has reached T in the target's direction (at any time, even before t1)
    未達成     t ≥ t1 and T is not reached
    順調       R ≥ 0.95
    やや遅れ   0.60 ≤ R < 0.95
    遅れ       0 ≤ R < 0.60
    後退       R < 0
    実績未登録 no actual after the baseline (not assessable; the reason is given)

These are the defaults; a plan sets its own thresholds and labels in datapackage.json (descriptor.py).
The thresholds follow Open SDG's, on a straight path rather than growth rates, which fail on zeros,
sign changes and series of three to five points.

Edge cases, decided here and explained on /method/:
- target equal to baseline (a "keep the level" target): the rate and ratio are undefined (division by
  zero) and left empty; the status is 目標達成 when a is at T or beyond it in the desired direction,
  otherwise 未達成 when t ≥ t1, else 後退.
- only the baseline year observed, or only years before the baseline: 実績未登録.
- actuals beyond the target year: the latest counts; e is clamped at T; not reached means 未達成.
- a baseline of 0 needs no special case: nothing divides by b.
- direction decrease: the same formulas; "reached" means a ≤ T.

Arithmetic is exact: each value is taken as the decimal written in the CSV (the shortest decimal that
gives the same float, which is what was typed) and computed with fractions, then rounded to a float
once at the end. So a boundary that a clerk computes by hand, e.g. R = 2.09 ÷ 2.2 = 0.95, gets the
status the table says (順調), not the one binary floating-point noise gives (0.9499…, やや遅れ), and
a rate of zero is never shown as −0.0%.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import pandas as pd

from .descriptor import DEFAULT_LABELS, Thresholds

# Status codes, in the order pages list them, with the default labels; a plan may relabel them and
# set its own thresholds of R in datapackage.json (descriptor.py)
STATUSES: dict[str, str] = DEFAULT_LABELS
DEFAULT = Thresholds()


@dataclass(frozen=True)
class Evaluation:
    status: str
    baseline_period: int
    baseline_value: float
    target_period: int
    target_value: float
    latest_period: int | None = None
    latest_value: float | None = None
    expected_value: float | None = None
    rate: float | None = None  # 達成率, percent
    ratio: float | None = None  # R
    reason: str = ""  # why regressing when R is undefined (a "keep the level" target), without the label

    @property
    def label(self) -> str:
        return STATUSES[self.status]


@lru_cache(maxsize=65536)  # each baseline and target recurs once per year of the values table
def exact(value: float) -> Fraction:
    """The decimal as written: 10.6 is 53/5 here, not the binary float nearest to it."""
    return Fraction(repr(float(value))) if isinstance(value, float) else Fraction(value)


def expected_value(b: float, t0: int, target: float, t1: int, t: int) -> float:
    """The value the straight path from (t0, b) to (t1, T) gives for year t, held at T after t1."""
    return float(exact_expected(exact(b), t0, exact(target), t1, t))


def exact_expected(b: Fraction, t0: int, target: Fraction, t1: int, t: int) -> Fraction:
    return b + (target - b) * Fraction(min(t - t0, t1 - t0), t1 - t0)


def achievement_rate(b: float, target: float, a: float) -> float | None:
    """達成率 in percent: 0 at the baseline, 100 at the target, negative when moving away."""
    if target == b:
        return None
    return float((exact(a) - exact(b)) / (exact(target) - exact(b)) * 100)


def has_reached(a: float, target: float, direction: str) -> bool:
    return exact(a) >= exact(target) if direction == "increase" else exact(a) <= exact(target)


def evaluate_indicator(
    direction: str,
    baseline_period: int,
    baseline_value: float,
    target_period: int,
    target_value: float,
    observations: dict[int, float],
    thresholds: Thresholds = DEFAULT,
) -> Evaluation:
    """Evaluate one indicator from its observations {period: value} (the baseline among them)."""
    b, t0, target, t1 = baseline_value, baseline_period, target_value, target_period
    known = dict(baseline_period=t0, baseline_value=b, target_period=t1, target_value=target)
    later = [period for period in observations if period > t0]
    if not later:
        return Evaluation("no-data", **known)  # pages say why, with the period in words
    t = max(later)
    a = observations[t]
    xb, xtarget, xa = exact(b), exact(target), exact(a)
    e = exact_expected(xb, t0, xtarget, t1, t)
    ratio = None if xtarget == xb else (xa - xb) / (e - xb)  # e ≠ b whenever T ≠ b, as t > t0
    measured = dict(
        latest_period=t, latest_value=a, expected_value=float(e),
        rate=achievement_rate(b, target, a), ratio=None if ratio is None else float(ratio),
    )
    if has_reached(a, target, direction):
        return Evaluation("achieved", **known, **measured)
    if t >= t1:
        return Evaluation("not-achieved", **known, **measured)
    if ratio is None:  # target equal to baseline ("keep the level"), not held before the target year
        moved = "下回った" if direction == "increase" else "上回った"
        return Evaluation(
            "regressing", **known, **measured,
            # the page adds the plan's label and the note on the undefined rate (render.judgement)
            reason=f"目標値が現状値と同じ（水準を保つ目標）で、実績値がその水準を{moved}ため",
        )
    if ratio >= thresholds.on_track:
        status = "on-track"
    elif ratio >= thresholds.slightly_behind:
        status = "slightly-behind"
    elif ratio >= 0:
        status = "behind"
    else:
        status = "regressing"
    return Evaluation(status, **known, **measured)


def evaluate_indicators(indicators: pd.DataFrame, observations: pd.DataFrame, thresholds: Thresholds = DEFAULT) -> dict[str, Evaluation]:
    """Each indicator of the validated tables, evaluated from its observations: {indicator_id: Evaluation}."""
    values: dict[str, dict[int, float]] = {}
    for row in observations.itertuples():
        values.setdefault(row.indicator_id, {})[int(row.period)] = float(row.value)
    return {
        row.indicator_id: evaluate_indicator(
            row.direction, int(row.baseline_period), values[row.indicator_id][int(row.baseline_period)],
            int(row.target_period), float(row.target_value), values[row.indicator_id], thresholds,
        )
        for row in indicators.itertuples()
    }
