"""Synthetic data packages for the benchmarks: N indicators × Y years of invented figures.

Contract: generate(out, indicators, years, seed) writes a data package into `out` with the schema of
datapackage/datapackage.json (its resources are copied unchanged), and returns `out`. Everything that
names the package (name, title, description, plan, publisher, sources) is rewritten to say that the
data is fictional: 「架空のデータ（ベンチマーク用）」. These packages live only under benchmarks/out/
(git-ignored) or a temporary folder, never in datapackage/ (design §2: never invent a number there).

Deterministic: the same (indicators, years, seed) gives the same bytes, so benchmark runs compare.
The figures are shaped to give every progress status (design §6), so that every page variant is built.

    python benchmarks/synthetic.py --indicators 1000 --years 20 OUT
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_DESCRIPTOR = ROOT / "datapackage" / "datapackage.json"
FICTIONAL = "架空のデータ（ベンチマーク用）"
FIRST_YEAR = 2001

# (indicator name, unit, counted answer): words citizens search for, so the search index is realistic
TOPICS = (
    ("市民協働参画（パートナーシップ）認知度", "%", "知っている"),
    ("市政への参画度", "%", "参画したことがある"),
    ("地域活動への参加率", "%", "参加している"),
    ("ボランティア活動の経験率", "%", "経験がある"),
    ("市民活動センター登録団体数", "団体", ""),
    ("市民活動センター利用者数", "人", ""),
    ("中間支援団体との協働事業数", "件", ""),
    ("市民活動団体等と協働を行った施策数", "施策", ""),
    ("市民活動講座の開催回数", "回", ""),
    ("地域の交流拠点の数", "か所", ""),
)
POLICY_WORDS = ("市民協働への理解促進", "市民活動を支える環境づくり", "協働に向けたネットワークの構築", "担い手の育成")
ACTION_WORDS = ("情報の提供と共有", "出前講座の開催", "相談窓口の運営", "交流会の開催", "助成制度の運用", "人材の育成")
ACTORS = (("citizens", "市民・市民活動団体"), ("city", "行政"), ("centre", "架空市市民活動センター"))
ACTIONS_PER_POLICY = 4


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic, fictional data package for the benchmarks.")
    parser.add_argument("out", type=Path, help="output folder (recreated)")
    parser.add_argument("--indicators", type=int, default=100, help="number of indicators N")
    parser.add_argument("--years", type=int, default=20, help="years per indicator Y (N × Y observation rows)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    options = parser.parse_args(argv)
    generate(options.out, options.indicators, options.years, options.seed)
    print(f"{options.out}: {options.indicators} indicators × {options.years} years ({FICTIONAL})")
    return 0


def generate(out: Path, indicators: int, years: int, seed: int = 1) -> Path:
    """Write the package into `out` (recreated); return it."""
    if indicators < 1 or years < 1:
        raise ValueError("indicators and years must be at least 1")
    rng = random.Random(seed)
    policies = max(3, indicators // 100)
    tables = {
        "policies": policy_rows(policies),
        "indicators": [],
        "observations": [],
        "actors": [[actor_id, order, name] for order, (actor_id, name) in enumerate(ACTORS, start=1)],
        "actions": action_rows(policies),
    }
    tables["roles"] = role_rows(rng, tables["actions"])
    orders: dict[str, int] = {}
    width = max(5, len(str(indicators)))
    for number in range(1, indicators + 1):
        policy_id = f"p{(number - 1) % policies + 1}"
        orders[policy_id] = orders.get(policy_id, 0) + 1
        indicator, observations = make_indicator(rng, f"synthetic-{number:0{width}d}", policy_id, orders[policy_id], years)
        tables["indicators"].append(indicator)
        tables["observations"].extend(observations)

    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    descriptor = make_descriptor(indicators, years)
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for resource in descriptor["resources"]:
        header = [field["name"] for field in resource["schema"]["fields"]]
        # the yearly cycle's tables (reports, action_progress, evaluations) are header-only, as in the real package
        (out / resource["path"]).write_bytes(to_csv(header, tables.get(resource["name"], [])))
    return out


def make_descriptor(indicators: int, years: int) -> dict:
    """The real descriptor's resources (same schema), under a fictional package's name."""
    descriptor = copy.deepcopy(json.loads(REAL_DESCRIPTOR.read_text(encoding="utf-8")))
    last = FIRST_YEAR + years - 1
    descriptor.update({
        "name": f"synthetic-benchmark-{indicators}x{years}",
        "title": f"{FICTIONAL} {indicators} 指標 × {years} 年",
        "description": f"{FICTIONAL}。benchmarks/synthetic.py が乱数で作った架空の数値で、実在の自治体・計画・調査の数値ではありません。",
        "version": "0.0.0",
        "keywords": ["架空", "ベンチマーク"],
        "contributors": [{"title": "架空市（ベンチマーク用）", "roles": ["publisher"]}],
        "sources": [{"title": f"{FICTIONAL}: benchmarks/synthetic.py による生成"}],
        "publisher": {"name": "架空市", "local_government_code": "000000"},
        "plan": {
            "title": f"架空市 市民活動促進基本計画（{FICTIONAL}）",
            "period": {"start": FIRST_YEAR, "end": last, "basis": f"{FICTIONAL}の期間。"},
            "legal_basis": f"なし（{FICTIONAL}）",
            "publication": f"{FICTIONAL}のため、公表の根拠となる条例や規則はありません。",
        },
        # The site's name is the plan's title + 「 進捗状況」 (the default); promotion.md is the
        # project's hand-written page, which the benchmark builds too
        "site": {"promotion_page": "promotion.md"},
    })
    return descriptor


def policy_rows(count: int) -> list[list[object]]:
    return [[f"p{n}", n, f"{POLICY_WORDS[(n - 1) % len(POLICY_WORDS)]}（架空 {n}）"] for n in range(1, count + 1)]


def action_rows(policies: int) -> list[list[object]]:
    rows = []
    for n in range(1, policies + 1):
        for order in range(1, ACTIONS_PER_POLICY + 1):
            name = ACTION_WORDS[(n + order) % len(ACTION_WORDS)]
            rows.append([f"p{n}-{order:02d}", f"p{n}", order, f"{name}（架空）"])
    return rows


def role_rows(rng: random.Random, actions: list[list[object]]) -> list[list[object]]:
    """Each action is done by one to three actors, as in the plan's role table."""
    rows = []
    for action in actions:
        chosen = [actor_id for actor_id, _ in ACTORS if rng.random() < 0.6] or [rng.choice(ACTORS)[0]]
        rows.extend([action[0], actor_id] for actor_id in chosen)
    return rows


def make_indicator(rng: random.Random, indicator_id: str, policy_id: str, order: int, years: int) -> tuple[list[object], list[list[object]]]:
    """One indicator and its Y observations (the baseline first), shaped to give any status.

    The actuals follow the straight path from baseline to target scaled by a random pace: a pace
    above 1 reaches the target (目標達成), near 1 is 順調, below 0 is 後退; a target year before the
    last observation gives 未達成 when the target is missed.
    """
    name, unit, measure = TOPICS[rng.randrange(len(TOPICS))]
    percent = unit == "%"
    period_type = "年" if percent else rng.choice(("年", "年度"))
    direction = "decrease" if rng.random() < 0.1 else "increase"
    t0 = FIRST_YEAR
    t1 = t0 + max(1, years - 1 + rng.choice((-2, 0, 0, 3, 5)))
    if percent:
        b = round(rng.uniform(20, 60), 1)
        change = round(rng.uniform(3, 19), 1)
    else:
        b = rng.randrange(20, 5000)
        change = max(1, round(b * rng.uniform(0.05, 0.5)))
    target = b + change if direction == "increase" else b - change
    pace = rng.choice((-0.3, 0.4, 0.8, 1.0, 1.2, 1.6))
    observations = []
    for period in range(t0, t0 + years):
        if period == t0:
            value = b
        else:
            path = (target - b) * (period - t0) / (t1 - t0)
            value = b + path * pace + rng.gauss(0, abs(change) * 0.03)
        value = min(100.0, max(0.0, round(value, 1))) if percent else max(0, round(value))
        note = "回答者 1,204 人（架空）。" if rng.random() < 0.05 else ""
        source = f"架空市 年次報告 {period}{period_type}（{FICTIONAL}）" if period > t0 else f"架空市 市民活動促進基本計画 現状値（{FICTIONAL}）"
        observations.append([indicator_id, period, value, source, note, f"{period + 1}-06-30"])
    indicator = [
        indicator_id, policy_id, order, f"{name}（架空 {indicator_id[len('synthetic-'):]}）", measure, unit,
        period_type, direction, t0, t1, target, f"架空市 年次報告（{FICTIONAL}）", "",
    ]
    return indicator, observations


def to_csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
